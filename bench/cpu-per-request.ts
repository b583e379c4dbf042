// Diagnostic: server CPU time per request (from /proc/<pid>/stat), ping vs whoami, alternated.
// Robust to other load on the machine, unlike requests/s. Not part of `npm run bench`.
//   DATABASE_URL=… npx tsx bench/cpu-per-request.ts [rounds]
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import autocannon from "autocannon";
import { benchServerEnv, startNextServer } from "./server-env";

const PORT = Number(process.env.BENCH_PORT ?? 3400);
const BASE = `http://127.0.0.1:${PORT}`;
const rounds = Number(process.argv[2] ?? 3);
const env = benchServerEnv();

const ticks = (pid: number) => {
  const f = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return Number(f[11]) + Number(f[12]); // utime + stime, in 1/100 s
};

async function main() {
  const seeded = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "bench/api.ts", "--child", "seed:1000:a"], {
    env,
    encoding: "utf8",
  });
  const key = /KEY (\S+)/.exec(seeded.stdout)?.[1];
  const cold = /COLD (\S+)/.exec(seeded.stdout)?.[1];
  if (!key) throw new Error(seeded.stderr);
  const coldKeys = JSON.parse(fs.readFileSync(cold!, "utf8")) as string[];
  const server = await startNextServer(PORT, env, { nodeArgs: process.env.NODE_ARGS?.split(" ").filter(Boolean), stdio: "inherit" });
  let next = 0;
  const runs: Record<string, () => autocannon.Options> = {
    ping: () => ({ url: `${BASE}/api/ping`, connections: 50, duration: 5 }),
    whoami: () => ({ url: `${BASE}/api/v1/whoami`, connections: 50, duration: 5, headers: { "X-API-KEY": key } }),
    cold: () => ({
      url: `${BASE}/api/v1/whoami`,
      connections: 50,
      duration: 5,
      requests: [{ setupRequest: (req) => ({ ...req, headers: { ...req.headers, "X-API-KEY": coldKeys[next++ % coldKeys.length]! } }) }],
    }),
  };
  const only = (process.env.ROUTES ?? "ping,whoami,cold").split(",");
  await autocannon({ ...runs.ping!(), duration: 3 });
  await autocannon({ ...runs.whoami!(), duration: 3 });
  const results: Record<string, number[]> = {};
  for (let r = 0; r < rounds; r++)
    for (const name of only) {
      const before = ticks(server.pid!);
      const res = await autocannon(runs[name]!());
      const used = (ticks(server.pid!) - before) * 10_000; // µs
      const us = used / res.requests.total;
      (results[name] ??= []).push(us);
      console.log(
        `${name.padEnd(7)} ${res.requests.average.toFixed(0).padStart(6)} req/s  ${us.toFixed(0).padStart(5)} µs CPU/request  non2xx ${res.non2xx}`,
      );
    }
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  for (const [name, xs] of Object.entries(results))
    console.log(`median ${name}: ${med(xs).toFixed(0)} µs; ping/it = ${(med(results.ping ?? xs) / med(xs)).toFixed(2)}×`);
  server.kill("SIGTERM");
  fs.rmSync(cold!);
}
void main();
