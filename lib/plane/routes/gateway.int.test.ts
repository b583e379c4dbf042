// Gateway mode end to end over real sockets: a client → Keyport (front door + API plane) →
// the demo upstream (test/demo-upstream.ts). Refusals never reach the upstream, identity cannot
// be forged, a misbehaving upstream gets the documented answers, bodies stream in constant memory.
import { signed } from "@/test/step-up";
import { execFile, spawn } from "node:child_process";
import { createServer, request as rawRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { promisify } from "node:util";
import { Readable } from "node:stream";
import { request } from "undici";
import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from "vitest";

const UPSTREAM_PORT = vi.hoisted(() => {
  const port = 41_000 + Math.floor(Math.random() * 4_000);
  process.env.GATEWAY_UPSTREAM = `http://127.0.0.1:${port}`;
  process.env.GATEWAY_ROUTES = "test/demo-routes.json";
  process.env.GATEWAY_TIMEOUT_MS = "5000";
  process.env.RATE_LIMIT_API_PER_MINUTE = "100000";
  return port;
});

import { CLIENT_IP_HEADER } from "@/lib/http/client-ip";
import { db } from "@/lib/database/client";
import { buildPlane } from "@/lib/plane/app";
import { frontDoor } from "@/lib/plane/front-door";
import { makeKey, makeUser } from "@/test/factories";
import { flushUsageNow } from "@/lib/usage/recorder";
import { gatewayGetRoutes, offeredKeyScopes } from "@/lib/gateway/config";
import { updateKey } from "@/lib/data/keys/lifecycle";
import { requestKeySchemaFor } from "@/lib/validation/api-key";
import { startDemoUpstream, type DemoUpstream } from "@/test/demo-upstream";

const run = promisify(execFile);

let upstream: DemoUpstream;
let keyport: Server;
let base: string;
let key: string;
let keyId: string;
let slug: string;

beforeAll(async () => {
  upstream = await startDemoUpstream(UPSTREAM_PORT);
  const plane = await buildPlane();
  keyport = createServer((req, res) => {
    const door = frontDoor(req.method ?? "", req.url ?? "", req.headers["x-forwarded-for"], req.socket.remoteAddress);
    if (door.refused) return void res.writeHead(door.refused.status, door.refused.headers).end(door.refused.body);
    req.headers[CLIENT_IP_HEADER] = door.ip ?? "";
    plane.routing(req, res);
  });
  await new Promise<void>((resolve) => keyport.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(keyport.address() as AddressInfo).port}`;
  const owner = await makeUser();
  const made = await makeKey(owner, { scopes: ["escrows:read"] });
  key = made.plaintext;
  keyId = made.key.id;
  slug = (await db.workspace.findUniqueOrThrow({ where: { id: owner.workspaceId } })).slug;
});

afterAll(async () => {
  keyport?.closeAllConnections();
  await new Promise((resolve) => keyport?.close(resolve));
  await upstream?.close();
});

/** node:http, which sends a path and headers exactly as given (undici and fetch normalise `..` and refuse odd Connection headers). */
const rawGet = (p: string, headers: Record<string, string>) =>
  new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = rawRequest({ host: "127.0.0.1", port: new URL(base).port, path: p, headers }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end();
  });

const call = (
  p: string,
  init: { method?: "GET" | "POST" | "PUT" | "DELETE"; headers?: Record<string, string>; body?: string | Readable } = {},
) => request(`${base}${p}`, { method: init.method ?? "GET", headers: init.headers, body: init.body });

describe("gateway mode", () => {
  it("forwards a keyed request with the identity it checked, never the key, and the answer comes back as the upstream gave it", async () => {
    const res = await rawGet("/api/v1/echo?x=1", {
      "x-api-key": key,
      // A client trying to choose its own identity and address:
      "x-keyport-key-id": "forged",
      "x-keyport-workspace": "someone-else",
      "x-forwarded-for": "198.51.100.66",
      "x-request-id": "req-123",
      connection: "keep-alive, x-secret-hop",
      "x-secret-hop": "must not pass",
    });
    expect(res.status).toBe(200);
    const seen = JSON.parse(res.body) as { url: string; headers: Record<string, string> };
    expect(seen.url).toBe("/echo?x=1");
    expect(seen.headers["x-api-key"]).toBeUndefined();
    expect(seen.headers["x-keyport-key-id"]).toBe(keyId);
    expect(seen.headers["x-keyport-workspace"]).toBe(slug);
    expect(seen.headers["x-keyport-network"]).toBe("testnet");
    expect(seen.headers["x-keyport-scopes"]).toBe("escrows:read");
    expect(seen.headers["x-forwarded-for"]).toBe("127.0.0.1");
    expect(seen.headers.forwarded).toMatch(/^for=127\.0\.0\.1;host=.+;proto=http$/);
    expect(seen.headers["x-request-id"]).toBe("req-123");
    expect(seen.headers["x-secret-hop"]).toBeUndefined();
    expect(seen.headers[CLIENT_IP_HEADER]).toBeUndefined();

    const created = await call("/api/v1/echo", { headers: { "x-api-key": key } });
    expect(created.headers["x-ratelimit-limit"]).toBe("100000");
    const id = ((await created.body.json()) as { headers: Record<string, string> }).headers["x-request-id"];
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("refuses bad keys, missing scopes, unknown routes and methods without ever contacting the upstream", async () => {
    const before = upstream.requests.length;
    const answers = [
      await call("/api/v1/escrows"),
      await call("/api/v1/escrows", { headers: { "x-api-key": "kp_test_nope" } }),
      await call("/api/v1/escrows", { method: "POST", headers: { "x-api-key": key, "content-type": "application/json" }, body: "{}" }),
      await call("/api/v1/not-routed", { headers: { "x-api-key": key } }),
      await call("/api/v1/escrows", { method: "DELETE", headers: { "x-api-key": key } }),
    ];
    const summary = await Promise.all(answers.map(async (a) => `${a.statusCode} ${((await a.body.json()) as { code: string }).code}`));
    const dotted = await rawGet("/api/v1/echo/../status/200", { "x-api-key": key });
    summary.push(`${dotted.status} ${(JSON.parse(dotted.body) as { code: string }).code}`);
    expect(summary).toEqual([
      "401 unauthorized",
      "401 unauthorized",
      "403 insufficient_scope",
      "404 not_found",
      "405 method_not_allowed",
      expect.stringMatching(/^(400|404) /),
    ]);
    expect(answers[4]!.headers.allow).toBe("GET, POST, HEAD");
    expect(upstream.requests.length).toBe(before);
  });

  it("Keyport's own routes win over the gateway, and the escrow stand-in gives way to the platform's API", async () => {
    const before = upstream.requests.length;
    const whoami = await call("/api/v1/whoami", { headers: { "x-api-key": key } });
    expect(((await whoami.body.json()) as { keyId: string }).keyId).toBe(keyId);
    expect(upstream.requests.length).toBe(before);
    const escrows = await call("/api/v1/escrows", { headers: { "x-api-key": key } });
    expect(escrows.statusCode).toBe(200);
    expect(((await escrows.body.json()) as { caller: { keyId: string } }).caller.keyId).toBe(keyId);
    expect(upstream.requests.length).toBe(before + 1);
  });

  it("answers 504 for an upstream that does not answer in time, 502 for one that resets or is down, and passes its own errors on", async () => {
    const started = Date.now();
    const hung = await call("/api/v1/hang", { headers: { "x-api-key": key } });
    expect(hung.statusCode).toBe(504);
    expect(hung.headers["content-type"]).toBe("application/problem+json");
    expect(((await hung.body.json()) as { code: string }).code).toBe("gateway_timeout");
    expect(Date.now() - started).toBeLessThan(12_000);

    const reset = await call("/api/v1/reset", { headers: { "x-api-key": key } });
    expect(reset.statusCode).toBe(502);
    expect(((await reset.body.json()) as { code: string }).code).toBe("bad_gateway");

    const teapot = await call("/api/v1/status/503", { headers: { "x-api-key": key } });
    expect(teapot.statusCode).toBe(503);
    expect(await teapot.body.json()).toEqual({ status: 503 });
  });

  it("records usage per route with the upstream's status and latency, and the gateway's own answers (502 for a reset, 403 for a scope) too", async () => {
    const owner = await makeUser();
    const { key: k, plaintext } = await makeKey(owner, { scopes: ["escrows:read"] });
    for (const p of ["/api/v1/status/503", "/api/v1/status/201", "/api/v1/slow?ms=300", "/api/v1/reset"]) {
      await (await call(p, { headers: { "x-api-key": plaintext } })).body.dump();
    }
    await (await call("/api/v1/escrows", { method: "POST", headers: { "x-api-key": plaintext }, body: "{}" })).body.dump(); // 403: no escrows:write
    await flushUsageNow();
    const rows = await db.keyRequest.findMany({ where: { keyId: k.id }, orderBy: { at: "asc" } });
    expect(rows.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      "GET /api/v1/status/503 503",
      "GET /api/v1/status/201 201",
      "GET /api/v1/slow 200",
      "GET /api/v1/reset 502",
      "POST /api/v1/escrows 403",
    ]);
    // The slow route answers after 300 ms: its latency is the upstream's, measured to the answer's end.
    expect(rows[2]!.latencyMs).toBeGreaterThanOrEqual(280);
    const counted = await db.keyUsage.groupBy({ by: ["endpoint", "outcome"], where: { keyId: k.id }, _sum: { count: true } });
    expect(counted).toEqual(
      expect.arrayContaining([
        { endpoint: "GET /api/v1/status/:code", outcome: "success", _sum: { count: 2 } },
        { endpoint: "POST /api/v1/escrows", outcome: "insufficient_scope", _sum: { count: 1 } },
      ]),
    );
  });

  it("a body that stalls mid-way is cut, not left hanging", async () => {
    const res = await call("/api/v1/hang-body", { headers: { "x-api-key": key } });
    expect(res.statusCode).toBe(200);
    await expect(res.body.text()).rejects.toThrow();
  });

  it("a client that goes away mid-upload aborts the upstream request", async () => {
    const before = upstream.requests.length;
    const closed = new Promise<void>((resolve) => {
      upstream.server.once("request", (req) => req.once("close", () => resolve()));
    });
    const body = new Readable({ read() {} });
    const abort = new AbortController();
    const pending = request(`${base}/api/v1/upload`, {
      method: "POST",
      headers: { "x-api-key": key, "content-type": "application/octet-stream" },
      body,
      signal: abort.signal,
    }).catch(() => null);
    body.push(Buffer.alloc(64 * 1024));
    await vi.waitUntil(() => upstream.requests.length > before, { timeout: 5_000 });
    abort.abort();
    await pending;
    await expect(Promise.race([closed.then(() => "closed"), new Promise((r) => setTimeout(() => r("still open"), 3_000))])).resolves.toBe(
      "closed",
    );
  });

  it("streams 100 parallel 10 MB uploads and 100 downloads with Keyport's memory growing by less than 50 MB", async () => {
    // The load (test/gateway-load.ts) and the upstream (test/demo-upstream.ts) run in processes of their own: this
    // process is Keyport alone. The upstream takes over the in-process one's port (the tests after this need none).
    await upstream.close();
    const child = spawn(process.execPath, ["--import", "tsx", "test/demo-upstream.ts"], {
      env: { ...process.env, DEMO_UPSTREAM_PORT: String(UPSTREAM_PORT) },
      stdio: ["ignore", "pipe", "inherit"],
    });
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on("data", (d: Buffer) => d.toString().includes("[demo-upstream]") && resolve());
      child.once("exit", () => reject(new Error("the demo upstream did not start")));
    });
    onTestFinished(() => void child.kill());
    // A small round first, so the first-use costs (code, connection pools, the embedded database's
    // pages for usage rows) are not counted as growth of the 100 streams (up to 50.6 MB without it).
    await run(process.execPath, ["--import", "tsx", "test/gateway-load.ts"], { env: { ...process.env, BASE: base, KEY: key, N: "5" } });
    const rssBefore = process.memoryUsage().rss;
    let peak = rssBefore;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
    try {
      const { stdout, stderr } = await run(process.execPath, ["--import", "tsx", "test/gateway-load.ts"], {
        env: { ...process.env, BASE: base, KEY: key, N: "100" },
        maxBuffer: 1024 * 1024,
      });
      expect(JSON.parse(stdout), stderr.slice(0, 500)).toEqual({ sizes: [10 * 1024 * 1024], count: 200 });
    } finally {
      clearInterval(sampler);
    }
    expect((peak - rssBefore) / 1024 / 1024).toBeLessThan(50);
  }, 180_000);
});

describe("gateway mode in the OpenAPI document", () => {
  it("documents each route of the table, with its scope, the key errors and the upstream's", async () => {
    const { Validator } = await import("@seriousme/openapi-schema-validator");
    const { documentedOperations } = await import("@/lib/plane/openapi/operations");
    const res = await call("/api/v1/openapi.json");
    const doc = await res.body.json();
    const validator = new Validator();
    expect((await validator.validate(doc as never)).errors ?? []).toEqual([]);
    const gateway = documentedOperations(doc as never).filter(
      (op) => op.path !== "/api/v1/whoami" && !op.path.includes("keys/verify") && !op.path.includes("openapi"),
    );
    expect(gateway.map((op) => `${op.method} ${op.path} ${op.scope ?? "-"}`)).toContain("post /api/v1/escrows escrows:write");
    expect(gateway.map((op) => `${op.method} ${op.path}`)).toContain("get /api/v1/status/{code}");
    const post = gateway.find((op) => op.method === "post" && op.path === "/api/v1/escrows")!;
    expect(post.errors).toEqual(expect.arrayContaining(["unauthorized", "insufficient_scope", "bad_gateway", "gateway_timeout"]));
    expect(post.codeSamples.curl).toContain("-X POST");
  });
});

describe("scopes offered to new keys in gateway mode", () => {
  it("come from the route table as well as Keyport's own: escrows:write (POST /escrows) is offered, webhooks:write (no route) is not", async () => {
    expect(offeredKeyScopes()).toEqual(["escrows:read", "escrows:write"]);
    // The show-once dialog's example calls: the table's GET routes without parameters, as public paths.
    expect(gatewayGetRoutes()).toEqual(
      expect.arrayContaining([
        { path: "/api/v1/escrows", scope: "escrows:read" },
        { path: "/api/v1/echo", scope: null },
      ]),
    );
    expect(gatewayGetRoutes().map((r) => r.path)).not.toContain("/api/v1/status/:code");
    const owner = await makeUser();
    const input = { workspaceId: owner.workspaceId, network: "testnet", name: "writer", expiry: "30" };
    expect(requestKeySchemaFor(offeredKeyScopes()).safeParse({ ...input, scopes: ["escrows:write"] }).success).toBe(true);
    expect(requestKeySchemaFor(offeredKeyScopes()).safeParse({ ...input, scopes: ["webhooks:write"] }).success).toBe(false);
    // An edit may add a scope the table checks, and the key then passes the route that checks it.
    const made = await makeKey(owner, { scopes: ["escrows:read"] });
    const edit = { name: "writer", description: null, scopes: ["escrows:read", "escrows:write"] };
    expect(await signed(owner, (s) => updateKey(owner, owner.workspaceId, made.key.id, edit, s))).toMatchObject({ ok: true });
    const refused = await signed(owner, (s) =>
      updateKey(owner, owner.workspaceId, made.key.id, { ...edit, scopes: ["escrows:read", "webhooks:write"] }, s),
    );
    expect(refused).toMatchObject({ ok: false, code: "scope_not_offered" });
    const posted = await request(`${base}/api/v1/escrows`, { method: "POST", headers: { "x-api-key": made.plaintext }, body: "{}" });
    await posted.body.dump();
    expect(posted.statusCode).not.toBe(403);
  });
});
