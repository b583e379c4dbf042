import { spawn, type ChildProcess, type StdioOptions } from "node:child_process";

export const BENCH_OPERATOR_TOKEN = "bench-operator-token-bench-operator-token";

/**
 * The environment of the production server a key-check benchmark starts (and of the child that
 * seeds its keys: the key hashes depend on KEY_HASH_SECRET). The per-key rate limit is raised so
 * a run measures the key check, not the limiter's refusals.
 */
export const benchServerEnv = (): NodeJS.ProcessEnv => ({
  ...process.env,
  NODE_ENV: "production",
  AUTH_SECRET: "bench-secret-bench-secret-bench-secret-00",
  KEY_HASH_SECRET: "bench-hash-secret-bench-hash-secret-0000",
  SEP10_SIGNING_SECRET: "SCDXIZSYCLD5QOMQWNVWZECMNM35QTSBAWOOGXRVOX2RSTRPZRS4HWCI",
  RATE_LIMIT_API_PER_MINUTE: "1000000000",
  OPERATOR_TOKEN: BENCH_OPERATOR_TOKEN,
});

/**
 * Starts Keyport as it runs in production (`server.ts` on the production build: the front door,
 * the API plane and Next.js) on loopback, and resolves once /api/ping answers; kills it and
 * throws if it does not within `seconds`.
 */
export async function startNextServer(
  port: number,
  env: NodeJS.ProcessEnv,
  { nodeArgs = [], stdio = "ignore", seconds = 30 }: { nodeArgs?: string[]; stdio?: StdioOptions; seconds?: number } = {},
): Promise<ChildProcess> {
  const server = spawn(process.execPath, [...nodeArgs, "--import", "tsx", "server.ts"], {
    env: { ...env, PORT: String(port), HOST: "127.0.0.1", AUTH_URL: env.AUTH_URL ?? `http://127.0.0.1:${port}` },
    stdio,
  });
  for (let i = 0; i < seconds * 5; i++) {
    await new Promise((r) => setTimeout(r, 200));
    if (server.exitCode !== null) break;
    if (
      await fetch(`http://127.0.0.1:${port}/api/ping`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return server;
  }
  server.kill("SIGKILL");
  throw new Error("server did not start");
}
