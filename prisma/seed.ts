// npm run db:seed -- --keys 100000 [--users 10000] [--run name]
// Adds bulk users and keys to the configured database (DATABASE_URL, else the embedded
// one, which must not be open in a running app: the lock refuses, naming the holder).
import { parseArgs } from "node:util";
import { migratePostgres } from "../lib/database/schema-engine";
import { seedBulk } from "../lib/database/seed";
import { db } from "../lib/database/client";
import { env } from "../lib/core/env";

async function main() {
  const { values } = parseArgs({
    options: { keys: { type: "string", default: "1000" }, users: { type: "string" }, run: { type: "string" } },
  });
  const keys = Number(values.keys);
  const users = Number(values.users ?? Math.max(1, Math.ceil(keys / 10)));
  if (!Number.isInteger(keys) || keys < 0 || keys > 5_000_000) throw new Error("--keys must be a whole number up to 5,000,000");
  if (!Number.isInteger(users) || users < 1) throw new Error("--users must be a whole number ≥ 1");
  const run = values.run ?? Date.now().toString(36);
  if (env.DATABASE_URL) await migratePostgres(env.DATABASE_URL); // the embedded database migrates on open
  const started = performance.now();
  await seedBulk(db, { users, keys, run });
  console.log(
    `Seeded ${users.toLocaleString("en")} users and ${keys.toLocaleString("en")} keys (run "${run}") in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
  );
}

main()
  .then(() => process.exit(0))
  .catch((error: Error) => {
    console.error(error.message);
    process.exit(1);
  });
