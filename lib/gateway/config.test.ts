import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "keyport-gateway-"));

async function configWith(file: string | null) {
  const routes = path.join(dir, `routes-${Math.random()}.json`);
  if (file !== null) fs.writeFileSync(routes, file);
  vi.stubEnv("GATEWAY_UPSTREAM", "http://127.0.0.1:4010/base/");
  vi.stubEnv("GATEWAY_ROUTES", routes);
  vi.resetModules();
  return (await import("./config")).gatewayConfig;
}

afterEach(() => vi.unstubAllEnvs());

describe("gatewayConfig", () => {
  it("reads the route file once, with the upstream's base path", async () => {
    const config = (await configWith('[{ "methods": ["GET"], "path": "/escrows", "scope": "escrows:read" }]'))();
    expect(config?.upstream.href).toBe("http://127.0.0.1:4010/base");
    expect(config?.routes).toEqual([{ methods: ["GET"], path: "/escrows", scope: "escrows:read" }]);
  });

  it.each([
    [null, /GATEWAY_ROUTES: cannot read .*routes-.*\.json \(ENOENT\)/],
    ["{not json", /GATEWAY_ROUTES: .* is not JSON: expected \[/],
    ['[{ "methods": ["GET"], "path": "/a", "scope": "coffee:make" }]', /GATEWAY_ROUTES: .* entry 0\.scope: must be one of escrows:read/],
  ])("stops start-up on a bad file (%s) with a line naming it", async (file, message) => {
    const gatewayConfig = await configWith(file);
    expect(() => gatewayConfig()).toThrow(message);
  });
});
