// A harness script's checks, as its runner reads them (e2e/harness/run.ts): each check prints
// one line, and when HARNESS_REPORT names a file, appends a JSON line there with its phase.
import fs from "node:fs";

export type HarnessCheck = { phase: string; ok: boolean; what: string };

let phase = "setup";

/** Names the part of the script that the following checks belong to (one test each in the runner). */
export function harnessPhase(name: string) {
  phase = name;
}

export function reportCheck(ok: boolean, what: string) {
  console.log(`${ok ? "ok  " : "FAIL"} ${what}`);
  const file = process.env.HARNESS_REPORT;
  if (file) fs.appendFileSync(file, JSON.stringify({ phase, ok, what } satisfies HarnessCheck) + "\n");
}
