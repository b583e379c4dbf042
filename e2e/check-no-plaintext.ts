// After the e2e run: search the e2e server's database (every file of the PGlite
// directory, WAL included, plus a logical dump of every table) and its log for any
// plaintext key the tests were shown. Expected: none. As a control, the display prefixes
// (which are stored) must be found, or the search proves nothing.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openEmbedded } from "../lib/database/embedded";

const dataDir = process.env.E2E_DATA_DIR ?? path.join(os.tmpdir(), "keyport-e2e");
const seenFile = process.env.E2E_SEEN_KEYS ?? path.join(os.tmpdir(), "keyport-e2e-seen-keys.txt");
const logFile = path.join(os.tmpdir(), "keyport-e2e-server.log");

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p) : e.isFile() ? [p] : [];
  });
}

async function main() {
  const keys = [...new Set(fs.readFileSync(seenFile, "utf8").split("\n").filter(Boolean))];
  if (keys.length === 0) throw new Error("The e2e run recorded no keys: nothing to search for.");
  const secrets = keys.map((k) => k.slice(12)); // everything after the stored display prefix
  const prefixes = keys.map((k) => k.slice(0, 12));

  const sources: { name: string; data: Buffer }[] = files(dataDir).map((f) => ({
    name: path.relative(dataDir, f),
    data: fs.readFileSync(f),
  }));
  const bytes = sources.reduce((n, s) => n + s.data.length, 0);
  const log = fs.existsSync(logFile) ? fs.readFileSync(logFile) : Buffer.alloc(0);
  sources.push({ name: "server log", data: log });

  const { db, close } = await openEmbedded(dataDir, { migrate: false });
  let rows = 0;
  try {
    const { rows: tables } = await db.query<{ t: string }>("SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public'");
    const dump: string[] = [];
    for (const { t } of tables) {
      const { rows: data } = await db.query<{ row: string }>(`SELECT to_jsonb(x)::text AS row FROM "${t}" x`);
      rows += data.length;
      dump.push(...data.map((d) => d.row));
    }
    sources.push({ name: "logical dump", data: Buffer.from(dump.join("\n")) });
  } finally {
    await close();
  }

  const leaks = sources.flatMap((s) => secrets.filter((k) => s.data.includes(k)).map((k) => `${s.name}: …${k.slice(-6)}`));
  const dump = sources.at(-1)!.data;
  const control = prefixes.filter((p) => dump.includes(p)).length;

  console.log(
    `Searched ${sources.length - 2} database files (${(bytes / 1e6).toFixed(1)} MB), the server log (${log.length} bytes) ` +
      `and a dump of ${rows} rows for ${keys.length} plaintext keys: ${leaks.length} found.`,
  );
  console.log(`Control: ${control} of ${prefixes.length} stored display prefixes found in the dump.`);
  if (leaks.length) throw new Error(`Plaintext keys found:\n${leaks.join("\n")}`);
  if (control !== prefixes.length)
    throw new Error("The control failed: some issued keys are missing from the dump, so the search proves nothing.");
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
