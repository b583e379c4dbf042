// @module-tag postgres
// The teams migration on a database seeded BEFORE it: every migration up to the one before
// is applied to an empty database, rows are written in the old layout, then the teams
// migration runs and each key must sit in its owner's personal workspace. Runs on an
// in-memory PGlite, and on a scratch database of the PostgreSQL server when DATABASE_URL is set.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createPglite } from "@/lib/database/pglite";
import { afterAll, describe, expect, it } from "vitest";
import { createPool } from "@/lib/database/pg-pool";
import { applyMigrations, MIGRATIONS_DIR, type MigrationTarget } from "@/lib/database/schema-engine";

const TEAMS = fs.readdirSync(MIGRATIONS_DIR).find((n) => n.endsWith("_teams"))!;
const KEYS = Number(process.env.MIGRATION_TEST_KEYS ?? 600);
const USERS = Math.max(3, Math.ceil(KEYS / 10));

/** A folder with the migrations before teams (or all of them). */
function migrationsDir(upToTeams: boolean): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kp-migrations-"));
  fs.copyFileSync(path.join(MIGRATIONS_DIR, "migration_lock.toml"), path.join(dir, "migration_lock.toml"));
  for (const name of fs.readdirSync(MIGRATIONS_DIR).sort()) {
    if (!fs.statSync(path.join(MIGRATIONS_DIR, name)).isDirectory() || (!upToTeams && name >= TEAMS)) continue;
    fs.cpSync(path.join(MIGRATIONS_DIR, name), path.join(dir, name), { recursive: true });
  }
  return dir;
}

type Query = (sql: string) => Promise<Record<string, unknown>[]>;

// The old layout: keys owned by "userId", approval on the user.
const SEED = `
INSERT INTO "User" (id, address, "useCase", "mainnetApproved", "createdAt", "updatedAt")
SELECT 'u' || g, 'G' || translate(upper(substr(md5(g::text) || md5('b' || g::text), 1, 55)), '0189', 'QRST'),
       'payouts', g = 1, now() - make_interval(days => g), now()
FROM generate_series(1, ${USERS}) g;
INSERT INTO "ApiKey" (id, "userId", name, network, start, hash, scopes, "createdAt", "updatedAt")
SELECT 'k' || g, 'u' || (1 + g % ${USERS}), 'key-' || g, 'testnet', 'kp_test_' || substr(md5(g::text), 1, 4),
       md5('h' || g::text), ARRAY['escrows:read'], now(), now()
FROM generate_series(1, ${KEYS}) g;
INSERT INTO "MainnetRequest" (id, "userId", justification, status) VALUES ('r2', 'u2', 'We pay out escrows on Mainnet.', 'pending');
INSERT INTO "AuditEvent" (id, "actorId", "actorAddress", action, "targetType", "targetId")
VALUES ('a1', 'u2', 'G', 'key.create', 'api_key', 'k1'), ('a2', 'u2', 'G', 'user.sign_in', 'user', 'u2');
`;

async function migrateSeeded(target: MigrationTarget, run: Query) {
  await applyMigrations(target, migrationsDir(false));
  for (const statement of SEED.split(";\n").filter((s) => s.trim())) await run(statement);
  const started = performance.now();
  // The teams migration applies first; the migrations after it (usage, allowlists, …) follow.
  expect((await applyMigrations(target, migrationsDir(true)))[0]).toBe(TEAMS);
  const ms = performance.now() - started;
  console.log(`[teams migration] ${KEYS} keys, ${USERS} users: ${ms.toFixed(0)} ms`);

  const one = async (sql: string) => (await run(sql))[0]!;
  expect(await one(`SELECT count(*)::int AS n FROM "Workspace" WHERE personal`)).toEqual({ n: USERS });
  // Every key is in the personal workspace of the user who owned it, who is its creator.
  expect(
    await one(`SELECT count(*)::int AS n FROM "ApiKey" k JOIN "Workspace" w ON w.id = k."workspaceId"
               WHERE w."personalOwnerId" = k."createdById"`),
  ).toEqual({ n: KEYS });
  expect(await one(`SELECT "createdById", "workspaceId" IS NOT NULL AS placed FROM "ApiKey" WHERE id = 'k1'`)).toEqual({
    createdById: "u2",
    placed: true,
  });
  // Each user owns their workspace; its slug is their address; approval moved with it.
  expect(
    await one(`SELECT count(*)::int AS n FROM "Membership" m JOIN "Workspace" w ON w.id = m."workspaceId"
               WHERE m.role = 'owner' AND m."userId" = w."personalOwnerId"`),
  ).toEqual({ n: USERS });
  expect(
    await one(
      `SELECT w."mainnetApproved", w.slug = lower(u.address) AS slug FROM "Workspace" w JOIN "User" u ON u.id = w."personalOwnerId" WHERE u.id = 'u1'`,
    ),
  ).toEqual({
    mainnetApproved: true,
    slug: true,
  });
  expect(
    await one(`SELECT w."personalOwnerId" FROM "MainnetRequest" r JOIN "Workspace" w ON w.id = r."workspaceId" WHERE r.id = 'r2'`),
  ).toEqual({
    personalOwnerId: "u2",
  });
  // Key events join their key's workspace; account events stay without one; the log is append-only again.
  const events = await run(`SELECT id, "workspaceId" IS NOT NULL AS placed FROM "AuditEvent" ORDER BY id`);
  expect(events).toEqual([
    { id: "a1", placed: true },
    { id: "a2", placed: false },
  ]);
  await expect(run(`UPDATE "AuditEvent" SET action = 'x' WHERE id = 'a1'`)).rejects.toThrow(/append-only/);
}

const serverUrl = process.env.DATABASE_URL;

describe("the teams migration", () => {
  it(`moves every existing key into its owner's personal workspace (${serverUrl ? "PostgreSQL" : "PGlite"})`, async () => {
    if (!serverUrl) {
      const db = await createPglite("memory://");
      await migrateSeeded({ kind: "pglite", db }, async (sql) => (await db.query<Record<string, unknown>>(sql)).rows);
      return db.close();
    }
    // A scratch database beside this file's own (which is already fully migrated).
    const name = `kp_teams_migration_${process.pid}`;
    const admin = createPool(serverUrl, { max: 1 });
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const pool = createPool(url.toString(), { max: 2 });
    afterAll(async () => {
      await pool.end();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    });
    await migrateSeeded({ kind: "postgres", pool }, async (sql) => (await pool.query(sql)).rows);
  }, 300_000);
});
