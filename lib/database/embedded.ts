// The embedded PostgreSQL (PGlite) that `npm start` runs on with nothing else installed.
// The process that opens it owns it: it takes the directory lock first and applies
// pending migrations itself, so no other process ever has to touch the live directory.
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import type { SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { lockDirectory, type DirLock } from "./dir-lock";
import { createPglite } from "./pglite";
import { makePrivate, secureDataDir } from "./private-dir";
import { applyMigrations } from "./schema-engine";

export type EmbeddedDatabase = { db: PGlite; lock: DirLock; close: () => Promise<void> };

export function embeddedDirectory(dataDir: string): string {
  return path.join(dataDir, "pglite");
}

export async function openEmbedded(dataDir: string, { migrate = true }: { migrate?: boolean } = {}): Promise<EmbeddedDatabase> {
  if (process.env.NEXT_PHASE === "phase-production-build") {
    // Build workers run in parallel with a live server: they must never open its data.
    throw new Error("The embedded database is not opened during `next build`; this page must render dynamically.");
  }
  secureDataDir(dataDir);
  const lock = await lockDirectory(embeddedDirectory(dataDir));
  try {
    const db = await createPglite(lock.directory);
    if (migrate) {
      const applied = await applyMigrations({ kind: "pglite", db });
      if (applied.length) console.info(`[keyport] applied migrations: ${applied.join(", ")}`);
    }
    // PGlite sets its own file modes (0666) whatever the umask; the 0700 directory already
    // keeps others out, and this makes the files 0600 as well.
    makePrivate(dataDir);
    return {
      db,
      lock,
      close: async () => {
        await db.close();
        await lock.release();
      },
    };
  } catch (error) {
    await lock.release();
    throw error;
  }
}

/** A Prisma adapter factory that opens (and migrates) the embedded database on first use. */
export function embeddedAdapter(dataDir: string): SqlDriverAdapterFactory & { close: () => Promise<void> } {
  let opening: Promise<EmbeddedDatabase> | undefined;
  return {
    provider: "postgres",
    adapterName: "keyport-pglite",
    async connect() {
      opening ??= openEmbedded(dataDir);
      try {
        return await new PrismaPGlite((await opening).db).connect();
      } catch (error) {
        opening = undefined; // let the next request try again, e.g. once the other owner stopped
        throw error;
      }
    },
    async close() {
      const open = opening;
      opening = undefined;
      if (open) await (await open).close();
    },
  };
}
