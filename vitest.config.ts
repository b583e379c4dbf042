import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig } from "vitest/config";

const shared = {
  resolve: {
    alias: {
      "@": path.resolve(__dirname),
      // `server-only` throws outside React's server build; tests are server code.
      "server-only": path.resolve(__dirname, "test/empty.ts"),
    },
  },
};

const integration = {
  include: ["{app,components,lib,test}/**/*.int.test.ts"],
  // One migrated template per run (globalSetup); each file gets its own copy of it (setupFiles):
  // a PGlite data directory, or a database on the PostgreSQL server named by DATABASE_URL.
  globalSetup: ["test/database-template.ts"],
  setupFiles: ["test/database-setup.ts"],
  // next-auth imports "next/server" without an extension, which Node's ESM resolver
  // refuses; bundling it through Vite resolves it as Next.js does.
  server: { deps: { inline: ["next-auth"] } },
  testTimeout: 30_000,
  hookTimeout: 60_000,
};

/**
 * Integration files whose outcome can differ on a PostgreSQL server: they depend on the SQL
 * dialect, the time zone, or locks between connections (the embedded database has one
 * connection, so a missing lock cannot show there). Such a file says so in its first lines:
 *   // @module-tag postgres
 * Every integration file runs on the embedded database; the tagged ones run on PostgreSQL too
 * (and `postgres-only` ones there alone, below).
 */
export const POSTGRES_TAG = /^\s*\/\/\s*@module-tag\s+postgres(?:-only)?\b/m;
/**
 * What only a server can show (locks and leases between connections, another instance): such a
 * file says `// @module-tag postgres-only` and runs on PostgreSQL alone, never reported skipped.
 */
const POSTGRES_ONLY_TAG = /^\s*\/\/\s*@module-tag\s+postgres-only\b/m;
const integrationFiles = fs
  .readdirSync(__dirname, { recursive: true, encoding: "utf8" })
  .filter((f) => /^(app|components|lib|test)\//.test(f) && f.endsWith(".int.test.ts"))
  .map((f) => ({ f, head: fs.readFileSync(path.join(__dirname, f), "utf8").slice(0, 2_000) }));
const postgresFiles = integrationFiles
  .filter(({ head }) => POSTGRES_TAG.test(head))
  .map(({ f }) => f)
  .sort();
const postgresOnlyFiles = integrationFiles.filter(({ head }) => POSTGRES_ONLY_TAG.test(head)).map(({ f }) => f);

export default defineConfig({
  test: {
    // Vitest's default is one worker fewer than the cores: one on this 2-core machine, which left
    // the other core idle while the embedded database (in-process, CPU-bound) ran every file in
    // turn. Files have their own database and free ports, so two at a time is safe.
    maxWorkers: Math.max(2, os.availableParallelism() - 1),
    tags: [
      { name: "postgres", description: "runs on the PostgreSQL server too (dialect, time zone, locks)" },
      { name: "postgres-only", description: "runs on the PostgreSQL server alone (leases and locks between instances)" },
    ],
    projects: [
      {
        ...shared,
        // Every folder with code: a test file anywhere in it runs.
        test: { name: "unit", include: ["{app,components,lib,test}/**/*.test.{ts,tsx}"], exclude: ["**/*.int.test.ts", "node_modules/**"] },
      },
      {
        ...shared,
        test: { ...integration, name: "integration", exclude: ["node_modules/**", ...postgresOnlyFiles], env: { DATABASE_URL: "" } },
      },
      {
        ...shared,
        test: {
          ...integration,
          name: "integration-postgres",
          include: postgresFiles.length ? postgresFiles : ["no-postgres-tagged-files"],
          env: {
            DATABASE_URL: process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres",
            // West of UTC: a timestamp read as local time instead of UTC would be hours off here
            // (this machine runs in UTC, where such a mistake cannot show).
            TZ: "America/Los_Angeles",
          },
        },
      },
      {
        ...shared,
        // The harness scripts (e2e/*.ts that start the built server themselves), one test per phase.
        // One at a time: each starts production servers of its own. Needs `npx next build` first.
        test: { name: "harness", include: ["e2e/harness/*.test.ts"], fileParallelism: false, testTimeout: 60_000 },
      },
    ],
  },
});
