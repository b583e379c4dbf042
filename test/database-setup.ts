// Gives each integration test file a real, freshly migrated database before any
// module reads the environment. No mocks: the data layer talks to PostgreSQL either way.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createPool } from "@/lib/database/pg-pool";
import { afterAll } from "vitest";
import { migratePostgres } from "@/lib/database/schema-engine";

const serverUrl = process.env.DATABASE_URL;

if (serverUrl) {
  const name = `keyport_test_${randomBytes(6).toString("hex")}`;
  const admin = createPool(serverUrl, { max: 1 });
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  await migratePostgres(url.toString());
  process.env.DATABASE_URL = url.toString();
  afterAll(async () => {
    const { db } = await import("@/lib/database/client");
    await db.$disconnect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });
} else {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "keyport-test-"));
  process.env.KEYPORT_DATA_DIR = dir;
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
}
