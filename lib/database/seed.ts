// Bulk test data for load tests and benchmarks, made by the database itself
// (generate_series): 100,000 keys take seconds, not one round trip per row.
import type { PrismaClient } from "@/lib/generated/prisma/client";

export type SeedOptions = { users: number; keys: number; run: string };

const BATCH = 20_000;
/** Rows from which dropping and rebuilding the GIN indexes pays. */
const BULK = 50_000;

/**
 * Addresses use the strkey alphabet (A–Z, 2–7) so they look like real ones to search,
 * though their checksums are not valid. Users get ids `seed_<run>_u<n>`; keys are spread over them, a mix of networks and
 * states (about 6% disabled, 4% revoked, two thirds used recently). Key hashes are
 * random-looking but belong to no real key, so no seeded key can authenticate.
 */
export async function seedBulk(db: PrismaClient, options: SeedOptions): Promise<void> {
  if (!/^[a-z0-9]{1,16}$/.test(options.run)) throw new Error("run must be 1-16 lowercase letters or digits");
  if (options.keys + options.users < BULK) return insertRows(db, options);
  // A big load builds the trigram (GIN) indexes once after the rows, as a restore does:
  // updating them row by row made a million keys take 260 s instead of 55.
  const gin = await db.$queryRawUnsafe<{ name: string; def: string }[]>(
    `SELECT indexname AS name, indexdef AS def FROM pg_indexes WHERE tablename IN ('ApiKey', 'User') AND indexdef LIKE '% USING gin %'`,
  );
  for (const { name } of gin) await db.$executeRawUnsafe(`DROP INDEX "${name}"`);
  try {
    await insertRows(db, options);
  } finally {
    for (const { def } of gin) await db.$executeRawUnsafe(def);
  }
}

async function insertRows(db: PrismaClient, { users, keys, run }: SeedOptions): Promise<void> {
  for (let from = 1; from <= users; from += BATCH) {
    const to = Math.min(users, from + BATCH - 1);
    await db.$executeRawUnsafe(
      `INSERT INTO "User" (id, address, name, email, "useCase", role, "saveEscrows", "createdAt", "updatedAt")
       SELECT 'seed_' || $1 || '_u' || g,
              'G' || translate(upper(substr(md5($1 || g::text) || md5('b' || $1 || g::text), 1, 55)), '0189', 'QRST'),
              'Seed user ' || g, 'seed' || g || '@example.com', 'Load-test data', 'user', true,
              now() - make_interval(mins => g), now()
       FROM generate_series($2::int, $3::int) AS g`,
      run,
      from,
      to,
    );
    // Each user's personal workspace (as sign-in makes it), a quarter approved for Mainnet.
    await db.$executeRawUnsafe(
      `INSERT INTO "Workspace" (id, slug, name, personal, "personalOwnerId", "mainnetApproved", "createdAt", "updatedAt")
       SELECT 'seed_' || $1 || '_w' || g, lower(u.address), 'Personal', true, u.id, g % 4 = 0, u."createdAt", now()
       FROM generate_series($2::int, $3::int) AS g JOIN "User" u ON u.id = 'seed_' || $1 || '_u' || g`,
      run,
      from,
      to,
    );
    await db.$executeRawUnsafe(
      `INSERT INTO "Membership" (id, "workspaceId", "userId", role, "createdAt")
       SELECT 'seed_' || $1 || '_m' || g, 'seed_' || $1 || '_w' || g, 'seed_' || $1 || '_u' || g, 'owner', now()
       FROM generate_series($2::int, $3::int) AS g`,
      run,
      from,
      to,
    );
  }
  for (let from = 1; from <= keys; from += BATCH) {
    const to = Math.min(keys, from + BATCH - 1);
    await db.$executeRawUnsafe(
      `INSERT INTO "ApiKey" (id, "workspaceId", "createdById", name, network, start, "end", hash, scopes, enabled, "createdAt", "updatedAt",
                             "lastUsedAt", "lastUsedIp", "revokedAt")
       SELECT 'seed_' || $1 || '_k' || g,
              'seed_' || $1 || '_w' || (1 + g % $4::int),
              'seed_' || $1 || '_u' || (1 + g % $4::int),
              (ARRAY['crm-sync','payouts','indexer','webhooks','billing'])[1 + g % 5] || '-' || (ARRAY['prod','staging','dev'])[1 + g % 3] || '-' || g,
              (CASE WHEN g % 5 = 0 THEN 'mainnet' ELSE 'testnet' END)::"KeyNetwork",
              'kp_' || (CASE WHEN g % 5 = 0 THEN 'live' ELSE 'test' END) || '_' || substr(md5('s' || $1 || g::text), 1, 4),
              substr(md5('e' || $1 || g::text), 1, 4),
              encode(sha256(convert_to('seed:' || $1 || ':' || g, 'UTF8')), 'base64'),
              CASE WHEN g % 2 = 0 THEN ARRAY['escrows:read'] ELSE ARRAY['escrows:read','escrows:write'] END,
              g % 17 <> 0,
              now() - make_interval(secs => g * 7), now(),
              CASE WHEN g % 3 = 0 THEN NULL ELSE now() - make_interval(secs => (g * 13) % 2592000) END,
              CASE WHEN g % 3 = 0 THEN NULL ELSE '203.0.113.' || (g % 250) END,
              CASE WHEN g % 23 = 0 THEN now() - make_interval(days => g % 30) END
       FROM generate_series($2::int, $3::int) AS g`,
      run,
      from,
      to,
      users,
    );
  }
}
