// A private redis-server for a test file, on a Unix socket of its own: no port to collide with,
// and the shared Redis is never touched. CI installs redis-server.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Redis } from "ioredis";

export async function startRedisServer(): Promise<{ socket: string; stop(): Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "keyport-redis-"));
  const socket = path.join(dir, "redis.sock");
  const server = spawn("redis-server", ["--port", "0", "--unixsocket", socket, "--save", "", "--appendonly", "no", "--dir", dir], {
    stdio: "ignore",
  });
  for (let i = 0; i < 50 && !fs.existsSync(socket); i++) await new Promise((r) => setTimeout(r, 100));
  if (!fs.existsSync(socket)) throw new Error("redis-server did not start (is it installed? CI installs it)");
  const probe = new Redis({ path: socket });
  await probe.ping();
  probe.disconnect();
  return {
    socket,
    stop: () =>
      new Promise((resolve) => {
        server.once("exit", () => (fs.rmSync(dir, { recursive: true, force: true }), resolve()));
        server.kill("SIGKILL");
      }),
  };
}
