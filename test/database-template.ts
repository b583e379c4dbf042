// Vitest global setup of the integration projects: migrates one template database per run,
// which every test file then copies (test/database-setup.ts). Migrating costs seconds of
// CPU per database; a copy costs a fraction of one.
// - PostgreSQL: a database migrated once; each file runs `CREATE DATABASE … TEMPLATE` it.
// - Embedded (PGlite): a data directory migrated once and closed; each file copies it.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { openEmbedded } from "@/lib/database/embedded";
import { createPool } from "@/lib/database/pg-pool";
import { migratePostgres } from "@/lib/database/schema-engine";

export type DatabaseTemplate = { kind: "postgres"; serverUrl: string; name: string } | { kind: "pglite"; dataDir: string };

declare module "vitest" {
  export interface ProvidedContext {
    databaseTemplate: DatabaseTemplate;
  }
}

/** The server a project's tests run on: its own `env` (the PostgreSQL project) or the shell's. */
function serverUrlOf(project: TestProject): string | undefined {
  const fromProject = project.config.env?.DATABASE_URL;
  return (fromProject ?? process.env.DATABASE_URL) || undefined;
}

export default async function setup(project: TestProject) {
  const serverUrl = serverUrlOf(project);
  if (serverUrl) {
    const name = `keyport_test_tpl_${randomBytes(6).toString("hex")}`;
    const admin = createPool(serverUrl, { max: 1 });
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    await migratePostgres(url.toString());
    // A template cannot be copied while anyone is connected to it, and the schema engine's adapter
    // keeps a connection checked out that ending its pool does not close: no new connections from
    // now on, the ones left ended, and their end waited out (a backend exits a moment later).
    await admin.query(`ALTER DATABASE ${name} WITH ALLOW_CONNECTIONS false`);
    for (let i = 0; i < 100; i++) {
      const { rows } = await admin.query<{ n: number }>(
        `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE datname = $1`,
        [name],
      );
      if (rows[0]!.n === 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    project.provide("databaseTemplate", { kind: "postgres", serverUrl, name });
    return async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    };
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "keyport-template-"));
  const quiet = console.info;
  console.info = () => {}; // the list of applied migrations, once per run, is noise here
  try {
    await (await openEmbedded(dataDir)).close();
  } finally {
    console.info = quiet;
  }
  project.provide("databaseTemplate", { kind: "pglite", dataDir });
  return () => fs.rmSync(dataDir, { recursive: true, force: true });
}
