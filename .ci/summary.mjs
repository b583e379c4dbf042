// Adds up the test reports of one suite run: tests per kind, and the closing line CI reads.
import fs from "node:fs";
import path from "node:path";

const [dir, seconds] = process.argv.slice(2);
const read = (name) => {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, name), "utf8"));
  } catch {
    return null;
  }
};
const rows = [];
for (const [kind, file] of [
  ["unit", "unit.json"],
  ["integration (embedded)", "integration-embedded.json"],
  ["integration (PostgreSQL)", "integration-postgres.json"],
  ["integration (Redis)", "integration-redis.json"],
  ["harnesses", "harness.json"],
]) {
  const r = read(file);
  rows.push([kind, r?.numPassedTests ?? 0, (r?.numFailedTests ?? 0) + (r ? 0 : 1), r?.numPendingTests ?? 0]);
}
const e2e = read("e2e.json");
rows.push(["end-to-end", e2e?.stats.expected ?? 0, (e2e?.stats.unexpected ?? 0) + (e2e ? 0 : 1), e2e?.stats.skipped ?? 0]);

console.log("\nSuite summary");
for (const [kind, p, f, s] of rows) console.log(`  ${kind.padEnd(26)} ${String(p).padStart(4)} passed  ${f} failed  ${s} skipped`);
console.log(`  total time ${seconds}s`);
const passed = rows.reduce((n, r) => n + r[1], 0);
const failed = rows.reduce((n, r) => n + r[2], 0);
const skipped = rows.reduce((n, r) => n + r[3], 0);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
