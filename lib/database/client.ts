// The Prisma client: one per process, shared by every bundle and dev reload (the
// embedded database may only be opened once per process anyway).
import { PrismaPg } from "@prisma/adapter-pg";
import type { Pool } from "pg";
import { embeddedAdapter } from "@/lib/database/embedded";
import { quietOutageError } from "@/lib/database/errors";
import { createPool } from "@/lib/database/pg-pool";
import { env } from "@/lib/core/env";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { processState } from "@/lib/core/process-state";

/**
 * The PostgreSQL pool under Prisma (null on the embedded database). Prisma's query path costs
 * a request about as much CPU as the rest of the key check, so the one statement on the API's
 * hot path (the key lookup, lib/data/keys/lookup.ts) runs here directly, prepared once per
 * connection; everything else goes through Prisma.
 */
export const pgPool: Pool | null = processState("pgPool", () =>
  // A short connect timeout (see createPool): during an outage requests fail fast with a 503, not hang.
  env.DATABASE_URL ? createPool(env.DATABASE_URL, { max: 20 }) : null,
);

function createClient(): PrismaClient {
  const adapter = pgPool ? new PrismaPg(pgPool) : embeddedAdapter(env.dataDir);
  // Under load a transaction waits for a pooled connection (and for the row locks it takes)
  // rather than failing after Prisma's default 2 s: every state change is a transaction.
  const client = new PrismaClient({ adapter, transactionOptions: { maxWait: 10_000, timeout: 15_000 } });
  // Every query's error passes here: an outage's is shortened for the log (see quietOutageError).
  // The extension adds no statement; the cast keeps one client type for the whole app.
  return client.$extends({
    query: {
      async $allOperations({ args, query }) {
        try {
          return await query(args);
        } catch (error) {
          throw quietOutageError(error);
        }
      },
    },
  }) as unknown as PrismaClient;
}

export const db: PrismaClient = processState("db", createClient);
export type Db = PrismaClient;
