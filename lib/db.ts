// The Prisma client: one per process, shared by every bundle and dev reload (the
// embedded database may only be opened once per process anyway).
import { PrismaPg } from "@prisma/adapter-pg";
import { embeddedAdapter } from "@/lib/database/embedded";
import { createPool } from "@/lib/database/pg-pool";
import { env } from "@/lib/env";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { processState } from "@/lib/server/process-state";

function createClient(): PrismaClient {
  const adapter = env.DATABASE_URL
    ? // A short connect timeout: during an outage requests fail fast with a 503, not hang.
      new PrismaPg(createPool(env.DATABASE_URL, { max: 20 }))
    : embeddedAdapter(env.dataDir);
  // Under load a transaction waits for a pooled connection (and for the row locks it takes)
  // rather than failing after Prisma's default 2 s: every state change is a transaction.
  return new PrismaClient({ adapter, transactionOptions: { maxWait: 10_000, timeout: 15_000 } });
}

export const db: PrismaClient = processState("db", createClient);
export type Db = PrismaClient;
