// Gives each integration test file a real database of its own before any module reads the
// environment: a copy of the run's migrated template (test/database-template.ts). No mocks:
// the data layer talks to PostgreSQL either way.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createPool } from "@/lib/database/pg-pool";
import { afterAll, beforeAll, inject } from "vitest";

const template = inject("databaseTemplate");

if (template.kind === "postgres") {
  const name = `keyport_test_${randomBytes(6).toString("hex")}`;
  const admin = createPool(template.serverUrl, { max: 1 });
  // Two files copying the template at the same instant: PostgreSQL refuses the second while the
  // first copy runs ("source database is being accessed by other users"); it is retried.
  for (let attempt = 1; ; attempt++) {
    try {
      await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template.name}`);
      break;
    } catch (error) {
      if ((error as { code?: string }).code !== "55006" || attempt === 50) throw error;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
  const url = new URL(template.serverUrl);
  url.pathname = `/${name}`;
  process.env.DATABASE_URL = url.toString();
  afterAll(async () => {
    const { db } = await import("@/lib/db");
    await db.$disconnect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });
} else {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "keyport-test-"));
  // Opened by lib/db on first use, which finds every migration already applied.
  fs.cpSync(template.dataDir, dir, { recursive: true });
  process.env.DATABASE_URL = "";
  process.env.KEYPORT_DATA_DIR = dir;
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
}

// Opened (PGlite: started on the copy, which takes seconds on a busy machine) under the hook's
// timeout, before the first test's clock starts; after the file's imports, which set its env.
beforeAll(async () => {
  const { db } = await import("@/lib/db");
  await db.$queryRaw`SELECT 1`;
});
