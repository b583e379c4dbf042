// The /docs script, unchanged, in its own Node.js process against a live server on localhost:
// a program holding only a Stellar secret key and the URL gets a token, creates a key, calls
// whoami with it, rotates and revokes it (issue #26, "Done when").
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import { createServer } from "node:http";
import path from "node:path";
import { afterAll, beforeAll, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.SEP10_NETWORK = "testnet";
  process.env.HORIZON_URL_TESTNET = "http://127.0.0.1:4405";
  process.env.AUTH_URL = "http://localhost:4404";
});

import { Keypair } from "@stellar/stellar-sdk";
import { CLIENT_IP_HEADER } from "@/lib/http/client-ip";
import { upsertUserOnSignIn } from "@/lib/data/users/account";
import { db } from "@/lib/database/client";
import { manageKeysScript } from "@/lib/docs/manage-script";
import { env } from "@/lib/core/env";
import { frontDoor } from "@/lib/plane/front-door";
import { testPlane } from "@/test/plane";
import { horizonStandIn } from "@/test/sep10";

const horizon = horizonStandIn(4405);
// Inside node_modules so the script's `import "@stellar/stellar-sdk"` resolves as in a project.
const dir = path.resolve("node_modules/.keyport-test");
const server = createServer();

beforeAll(async () => {
  await horizon.listen();
  await db.$queryRaw`SELECT 1`;
  const plane = await testPlane();
  server.on("request", (req, res) => {
    const door = frontDoor(req.method ?? "", req.url ?? "", req.headers["x-forwarded-for"], req.socket.remoteAddress);
    if (door.refused) return void res.writeHead(door.refused.status, door.refused.headers).end(door.refused.body);
    req.headers[CLIENT_IP_HEADER] = door.ip ?? "";
    if (door.plane) return void plane.routing(req, res);
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(4404, "127.0.0.1", resolve));
}, 120_000);
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await horizon.close();
});

function run(file: string, secret: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [file], { env: { PATH: process.env.PATH, NODE_ENV: "production", STELLAR_SECRET: secret } });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("close", (code) => resolve({ code, out }));
  });
}

it("runs the documented script end to end with only a secret key and the URL", async () => {
  const kp = Keypair.random();
  const { id } = await upsertUserOnSignIn(kp.publicKey());
  await db.user.update({ where: { id }, data: { useCase: "Deploys from CI" } });
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `manage-keys-${randomBytes(4).toString("hex")}.mjs`);
  fs.writeFileSync(file, manageKeysScript(env.publicOrigin));
  try {
    const { code, out } = await run(file, kp.secret());
    expect(out).toMatch(/new key kp_test_/);
    expect(out).toContain("whoami 200");
    expect(out).toMatch(/rotated and revoked kp_test_/);
    expect(code).toBe(0);
  } finally {
    fs.rmSync(file, { force: true });
  }
  const keys = await db.apiKey.findMany({ where: { createdById: id }, select: { rotatedAt: true, revokedAt: true } });
  expect(keys).toHaveLength(2);
  expect(keys.every((k) => k.rotatedAt || k.revokedAt)).toBe(true);
  const actions = await db.auditEvent.findMany({ where: { actorId: id, channel: "API" }, select: { action: true } });
  expect(actions.map((a) => a.action).sort()).toEqual(["key.create", "key.revoke", "key.rotate"]);
}, 60_000);
