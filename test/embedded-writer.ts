// Child process for embedded.int.test.ts: owns an embedded database and inserts rows
// one by one, printing each id only after PGlite acknowledged it.
import { openEmbedded } from "@/lib/database/embedded";

async function main(dir: string) {
  const { db } = await openEmbedded(dir);
  await db.exec("CREATE TABLE IF NOT EXISTS burst (id integer PRIMARY KEY)");
  process.stdout.write("ready\n");
  for (let id = 1; ; id++) {
    await db.query("INSERT INTO burst (id) VALUES ($1)", [id]);
    process.stdout.write(`ack ${id}\n`);
    // PGlite can resolve without returning to the event loop; a server yields between
    // requests, and so must this, or the lock socket could never answer who holds it.
    await new Promise((resolve) => setImmediate(resolve));
  }
}

const dir = process.argv[2];
if (!dir) throw new Error("usage: embedded-writer <dataDir>");
void main(dir);
