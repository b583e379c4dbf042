// Runs a harness script (it starts the production server itself) under Vitest: the script runs
// once, in its own process as CI always ran it, and each of its phases becomes one test whose
// checks are soft assertions, so a report names every failing check.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, expect, it } from "vitest";
import type { HarnessCheck } from "./report";

type Run = { code: number | null; output: string; checks: HarnessCheck[] };

function runScript(script: string, nodeArgs: string[], env: Record<string, string>): Promise<Run> {
  const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "keyport-harness-")), "checks.jsonl");
  // The environment the script had under plain node: without what Vitest and Vite add (NODE_ENV=test,
  // VITEST_*, and Vite's BASE_URL=/ MODE DEV PROD SSR: a BASE_URL would send a script into its
  // "run against a deployment" mode with "/" as the deployment).
  const added = new Set(["NODE_ENV", "TEST", "BASE_URL", "MODE", "DEV", "PROD", "SSR"]);
  const outer = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith("VITEST") && !added.has(k)),
  ) as NodeJS.ProcessEnv; // NODE_ENV is unset here on purpose: the script sets the server's own
  const child = spawn(process.execPath, [...nodeArgs, "--import", "tsx", script], {
    env: { ...outer, ...env, HARNESS_REPORT: report },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  return new Promise((resolve) =>
    child.on("close", (code) => {
      const lines = fs.existsSync(report) ? fs.readFileSync(report, "utf8").split("\n").filter(Boolean) : [];
      fs.rmSync(path.dirname(report), { recursive: true, force: true });
      resolve({ code, output, checks: lines.map((l) => JSON.parse(l) as HarnessCheck) });
    }),
  );
}

/**
 * Declares the tests of one harness script: one per phase, and one that the script itself
 * finished cleanly (exit code 0: no exception outside a check, no server that would not start).
 */
export function harness(script: string, options: { phases: string[]; nodeArgs?: string[]; env?: Record<string, string> }) {
  let run: Run;
  beforeAll(async () => {
    run = await runScript(script, options.nodeArgs ?? [], options.env ?? {});
    if (run.code !== 0) console.log(run.output);
  }, 600_000);

  for (const phase of options.phases) {
    it(phase, () => {
      const checks = run.checks.filter((c) => c.phase === phase);
      expect(checks.length, `${phase}: no check ran (the script stopped before it)`).toBeGreaterThan(0);
      for (const c of checks) expect.soft(c.ok, c.what).toBe(true);
    });
  }

  it("ran to the end with exit code 0", () => {
    const unknown = run.checks.filter((c) => !options.phases.includes(c.phase)).map((c) => `${c.phase}: ${c.what}`);
    expect(unknown, "checks outside a declared phase").toEqual([]);
    expect(run.code, run.output.split("\n").slice(-40).join("\n")).toBe(0);
  });
}
