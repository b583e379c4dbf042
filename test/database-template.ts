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
    // migratePostgres closes its pool: a template must have no open connection when copied.
    await migratePostgres(url.toString());
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
