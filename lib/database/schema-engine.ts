// Drives Prisma's WebAssembly schema engine. Prisma's CLI cannot migrate on machines
// that cannot download its native engine (see README, "Migrations"); this module is the
// same engine, fed with the same migrations folder and `_prisma_migrations` table, so a
// deployment that has the native CLI can still run `prisma migrate deploy` on this history.
import fs from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import type { MigrationList, SchemaEngine } from "@prisma/schema-engine-wasm/schema_engine_bg";
import { PrismaPg } from "@prisma/adapter-pg";
import type { Pool } from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { processState } from "@/lib/core/process-state";
import { createPglite } from "./pglite";

export const MIGRATIONS_DIR = path.join(process.cwd(), "prisma", "migrations");
export const SCHEMA_PATH = path.join(process.cwd(), "prisma", "schema.prisma");
const NO_FILTER = { externalTables: [], externalEnums: [] };

type WasmModule = typeof import("@prisma/schema-engine-wasm/schema_engine_bg");
// Once per process: the bindings module holds one WebAssembly instance for every caller.
const engineState = processState("schemaEngine", () => ({ wasm: undefined as Promise<WasmModule> | undefined }));

function loadWasm(): Promise<WasmModule> {
  engineState.wasm ??= (async () => {
    const bindings: WasmModule = await import("@prisma/schema-engine-wasm/schema_engine_bg");
    // Resolved from the project root, not this file: bundlers rewrite module paths.
    const req = createRequire(path.join(process.cwd(), "package.json"));
    const jsPath = req.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const bytes = await fs.readFile(/*turbopackIgnore: true*/ path.join(path.dirname(jsPath), "schema_engine_bg.wasm"));
    const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": bindings });
    const exports = instance.exports as WebAssembly.Exports & { __wbindgen_start: () => void };
    bindings.__wbg_set_wasm(exports);
    exports.__wbindgen_start();
    return bindings;
  })();
  return engineState.wasm;
}

/**
 * The engine replays migration files with `executeRaw`, which both PGlite and pg send as
 * one prepared statement, and PostgreSQL refuses several commands in one. Parameterless
 * SQL goes through `exec` (the simple-query protocol) instead.
 */
function scriptAware(adapter: SqlDriverAdapter, exec: (sql: string) => Promise<void>): SqlDriverAdapter {
  return new Proxy(adapter, {
    get(target, prop) {
      if (prop === "executeRaw") {
        return async (query: { sql: string; args: unknown[] }) => {
          if (query.args.length > 0) return target.executeRaw(query as never);
          await exec(query.sql);
          return 0;
        };
      }
      if (prop === "executeScript") return exec;
      const value = Reflect.get(target, prop, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

function pgliteAdapter(db: PGlite): Promise<SqlDriverAdapter> {
  return new PrismaPGlite(db).connect().then((a) => scriptAware(a, async (sql) => void (await db.exec(sql))));
}

/** The shadow database is always an in-memory PGlite: adapter-pg cannot read pg_catalog's "char" columns. */
function shadow(): Promise<SqlDriverAdapter> {
  return createPglite("memory://").then(pgliteAdapter);
}

export type MigrationTarget = { kind: "pglite"; db: PGlite } | { kind: "postgres"; pool: Pool };

function factoryFor(target: MigrationTarget): SqlMigrationAwareDriverAdapterFactory {
  return {
    provider: "postgres",
    adapterName: "keyport-migrations",
    connect: () =>
      target.kind === "pglite"
        ? pgliteAdapter(target.db)
        : new PrismaPg(target.pool).connect().then((a) => scriptAware(a, async (sql) => void (await target.pool.query(sql)))),
    connectToShadowDb: shadow,
  };
}

export async function readMigrations(dir = MIGRATIONS_DIR): Promise<MigrationList> {
  const entries = await fs.readdir(/*turbopackIgnore: true*/ dir, { withFileTypes: true }).catch(() => []);
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const lockPath = path.join(dir, "migration_lock.toml");
  return {
    baseDir: dir,
    lockfile: { path: "migration_lock.toml", content: await fs.readFile(/*turbopackIgnore: true*/ lockPath, "utf8").catch(() => null) },
    shadowDbInitScript: "",
    migrationDirectories: await Promise.all(
      names.map(async (name) => ({
        path: name,
        migrationFile: {
          path: "migration.sql",
          content: await fs
            .readFile(/*turbopackIgnore: true*/ path.join(dir, name, "migration.sql"), "utf8")
            .then((value) => ({ tag: "ok" as const, value }))
            .catch((e: Error) => ({ tag: "error" as const, value: e.message })),
        },
      })),
    ),
  };
}

export class SchemaEngineError extends Error {}

/**
 * Opens the engine on a target, runs `fn`, and always frees it. Engine errors carry
 * `id#N` that point at the driver's real error: those are surfaced, or failures read as noise.
 */
export async function withSchemaEngine<T>(
  target: MigrationTarget,
  fn: (engine: SchemaEngine, tools: { filter: typeof NO_FILTER }) => Promise<T>,
): Promise<T> {
  const wasm = await loadWasm();
  const factory = bindMigrationAwareSqlAdapterFactory(factoryFor(target));
  const schema = await fs.readFile(/*turbopackIgnore: true*/ SCHEMA_PATH, "utf8");
  const engine = await wasm.SchemaEngine.new({ datamodels: [[SCHEMA_PATH, schema]] }, () => {}, factory);
  try {
    return await fn(engine, { filter: NO_FILTER });
  } catch (error) {
    throw new SchemaEngineError(explain(error, factory.errorRegistry));
  } finally {
    engine.free();
  }
}

function explain(error: unknown, registry: { consumeError(id: number): unknown }): string {
  const text = error instanceof Error ? error.message : String(error);
  const causes = [...text.matchAll(/id#(\d+)/g)].map((m) => {
    const record = registry.consumeError(Number(m[1])) as { error?: unknown } | undefined;
    const cause = record?.error as { message?: string; originalMessage?: string } | undefined;
    return cause?.originalMessage ?? cause?.message ?? JSON.stringify(cause);
  });
  return causes.length ? `${text}\nDriver error: ${causes.join("\n")}` : text;
}

/** Applies every migration the target lacks; returns the names applied now. `dir`: another folder (tests of one migration). */
export async function applyMigrations(target: MigrationTarget, dir = MIGRATIONS_DIR): Promise<string[]> {
  const migrationsList = await readMigrations(dir);
  return withSchemaEngine(target, async (engine, { filter }) => {
    const out = await engine.applyMigrations({ migrationsList, filters: filter });
    return out.appliedMigrationNames;
  });
}

/** Applies pending migrations to a PostgreSQL server; returns the names applied now. */
export async function migratePostgres(url: string): Promise<string[]> {
  const { createPool } = await import("./pg-pool");
  const pool = createPool(url, { max: 1 });
  try {
    return await applyMigrations({ kind: "postgres", pool });
  } finally {
    await pool.end();
  }
}
