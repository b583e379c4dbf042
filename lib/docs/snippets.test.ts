// Each snippet is run as a user would run it (curl, node, python3) against a local server
// that records what arrived: the code on the page must work when pasted, not just look right.
import { execFile } from "node:child_process";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requestSnippets, type SnippetRequest } from "./snippets";

const run = promisify(execFile);
let seen: { method: string; url: string; headers: IncomingMessage["headers"]; body: string }[] = [];
const server = createServer((req, res) => {
  let body = "";
  req.on("data", (c) => (body += c));
  req.on("end", () => {
    seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
    const ok = req.headers["x-api-key"] === "kp_test_secret";
    res.writeHead(ok ? 200 : 401, { "Content-Type": "application/json" });
    res.end(JSON.stringify(ok ? { keyId: "k1" } : { code: "unauthorized" }));
  });
});
let base = "";
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => server.close());

const env = { ...process.env, KEYPORT_API_KEY: "kp_test_secret", KEYPORT_OPERATOR_TOKEN: "op-token" };
async function runAll(r: SnippetRequest) {
  const code = requestSnippets(r);
  const out = {
    curl: (await run("bash", ["-c", code.curl], { env })).stdout,
    node: (await run(process.execPath, ["--input-type=module", "-e", code.node], { env })).stdout,
    python: (await run("python3", ["-c", code.python], { env })).stdout,
  };
  return { code, out };
}

// Each test starts curl, node and python3: seconds on a loaded machine, not milliseconds.
describe("request snippets", { timeout: 30_000 }, () => {
  it("send the key from the environment in every language, and print the answer", async () => {
    seen = [];
    const { code, out } = await runAll({
      method: "GET",
      url: `${base}/api/v1/whoami`,
      secretHeaders: { "X-API-KEY": { env: "KEYPORT_API_KEY" } },
    });
    expect(seen).toHaveLength(3);
    for (const s of seen) expect(s).toMatchObject({ method: "GET", url: "/api/v1/whoami", headers: { "x-api-key": "kp_test_secret" } });
    expect(out.curl).toContain('"keyId":"k1"');
    expect(out.node).toContain("200");
    expect(out.python).toMatch(/^200 \{'keyId': 'k1'\}/);
    // No secret in the code itself.
    for (const c of Object.values(code)) expect(c).not.toContain("kp_test_secret");
  });

  it("print the problem on a refusal instead of a stack trace (Python raises on 4xx)", async () => {
    const { out } = await runAll({
      method: "GET",
      url: `${base}/api/v1/whoami`,
      secretHeaders: { "X-API-KEY": { env: "KEYPORT_OPERATOR_TOKEN" } },
    });
    expect(out.python).toMatch(/^401 \{'code': 'unauthorized'\}/);
    expect(out.node).toMatch(/^401 /);
  });

  it("post a JSON body with a bearer token", async () => {
    seen = [];
    await runAll({
      method: "POST",
      url: `${base}/api/v1/keys/verify`,
      secretHeaders: { Authorization: { env: "KEYPORT_OPERATOR_TOKEN", prefix: "Bearer " } },
      body: { key: "kp_test_x", scope: "escrows:read", ok: true, none: null },
    });
    for (const s of seen) {
      expect(s).toMatchObject({ method: "POST", headers: { authorization: "Bearer op-token", "content-type": "application/json" } });
      expect(JSON.parse(s.body)).toEqual({ key: "kp_test_x", scope: "escrows:read", ok: true, none: null });
    }
  });

  it("put the literal key into curl only when asked (the show-once dialog's check), wrapped over lines", () => {
    const { curl, node } = requestSnippets({
      method: "GET",
      url: "https://keys.example.com/api/v1/whoami",
      secretHeaders: { "X-API-KEY": { env: "KEYPORT_API_KEY" } },
      inline: { KEYPORT_API_KEY: "kp_test_abc" },
    });
    expect(curl).toBe('curl https://keys.example.com/api/v1/whoami \\\n  -H "X-API-KEY: kp_test_abc"');
    expect(node).not.toContain("kp_test_abc");
  });
});
