// Redis going away is a degraded mode, not an outage: limits fall back to this instance's
// memory, requests keep working, the outage is logged once, and when Redis is back the
// counters are shared again without a restart. A real redis-server is started and killed.
import { spawn, type ChildProcess } from "node:child_process";
import { connect } from "node:net";
import { afterAll, describe, expect, it, vi } from "vitest";

const PORT = vi.hoisted(() => {
  const port = 16_400 + Math.floor(Math.random() * 1000);
  process.env.REDIS_URL = `redis://127.0.0.1:${port}`;
  process.env.RATE_LIMIT_API_PER_MINUTE = "8";
  return port;
});

import { Redis } from "ioredis";
import { makeKey, makeUser } from "@/test/factories";
import { planeFetch as whoami } from "@/test/plane";

let server: ChildProcess | undefined;
async function startRedis() {
  server = spawn("redis-server", ["--port", String(PORT), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: "ignore" });
  for (let i = 0; i < 50; i++) {
    const up = await new Promise<boolean>((resolve) => {
      const socket = connect(PORT, "127.0.0.1", () => (socket.end(), resolve(true)));
      socket.on("error", () => resolve(false));
    });
    if (up) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("redis-server did not start (is it installed? CI installs it)");
}
const stopRedis = () =>
  new Promise<void>((resolve) => {
    if (!server || server.exitCode !== null || server.signalCode !== null) return resolve();
    server.once("exit", () => resolve());
    server.kill("SIGKILL");
  });
afterAll(async () => void (await stopRedis()));

const call = (key: string) => whoami(new Request("http://keyport.test/api/v1/whoami", { headers: { "X-API-KEY": key } }));

describe("Redis unreachable mid-run", () => {
  it("keeps answering with per-instance limits, logs the outage once, and shares counters again when it is back", async () => {
    await startRedis();
    const owner = await makeUser();
    const before = await makeKey(owner);
    for (let i = 0; i < 3; i++) expect((await call(before.plaintext)).status).toBe(200);
    const direct = new Redis(PORT, "127.0.0.1");
    expect(Number(await direct.get(`keyport:api:${before.key.id}`))).toBe(3);
    direct.disconnect();

    const warn = vi.spyOn(console, "warn");
    await stopRedis();
    const during = await makeKey(owner);
    const statuses: number[] = [];
    const started = performance.now();
    for (let i = 0; i < 12; i++) statuses.push((await call(during.plaintext)).status);
    const slowest = (performance.now() - started) / 12;
    expect(statuses.slice(0, 8)).toEqual(Array(8).fill(200)); // the limit still holds, in memory
    expect(statuses.slice(8)).toEqual([429, 429, 429, 429]);
    expect(slowest).toBeLessThan(500);
    await vi.waitFor(() => expect(warn.mock.calls.filter(([m]) => String(m).includes("Redis unreachable"))).toHaveLength(1), {
      timeout: 5_000,
    });
    for (let i = 0; i < 3; i++) await call(during.plaintext);
    expect(warn.mock.calls.filter(([m]) => String(m).includes("Redis unreachable"))).toHaveLength(1); // once, not per request

    const info = vi.spyOn(console, "info");
    await startRedis();
    await vi.waitFor(() => expect(info.mock.calls.some(([m]) => String(m).includes("Redis is back"))).toBe(true), {
      timeout: 15_000,
      interval: 200,
    });
    const after = await makeKey(owner);
    for (let i = 0; i < 2; i++) expect((await call(after.plaintext)).status).toBe(200);
    const again = new Redis(PORT, "127.0.0.1");
    expect(Number(await again.get(`keyport:api:${after.key.id}`))).toBe(2);
    again.disconnect();
  }, 60_000);
});
