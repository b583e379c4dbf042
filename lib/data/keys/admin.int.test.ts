import { describe, expect, it } from "vitest";
import { seedBulk } from "@/lib/database/seed";
import { db } from "@/lib/database/client";
import { cursorSchema } from "@/lib/validation/cursor";
import { makeKey, makeUser } from "@/test/factories";
import { COUNT_CAP, listAllKeys, SEARCH_COUNT_CAP, type AdminKeyQuery } from "./admin";

const list = (query: Partial<AdminKeyQuery>) => listAllKeys({ sort: "createdAt", dir: "desc", pageSize: 10, ...query });
const names = async (q: string) => (await list({ q, pageSize: 100 })).rows.map((k) => k.name).sort();

describe("admin key search", () => {
  it("finds a key by any part of its name, in any case, and reads % and _ as themselves", async () => {
    const owner = await makeUser();
    for (const name of ["Payouts-PROD-eu", "crm_sync", "crmXsync", "fee 50% off", "fee 500 off"]) await makeKey(owner, { name });

    expect(await names("outs-prod")).toEqual(["Payouts-PROD-eu"]);
    expect(await names("PAYOUTS")).toEqual(["Payouts-PROD-eu"]);
    // As wildcards "_" would match "crmXsync" and "50%" would match "500 off".
    expect(await names("crm_s")).toEqual(["crm_sync"]);
    expect(await names("50%")).toEqual(["fee 50% off"]);
    expect(await names("%")).toEqual(["fee 50% off"]);
    expect(await names("xyz-none")).toEqual([]);
  }, 120_000);
});

/** Follows `next` from the first page to the last, inserting keys between pages when asked. */
async function walk(query: Partial<AdminKeyQuery>, between?: () => Promise<void>) {
  const seen: string[] = [];
  const pages: { ids: string[]; prev: string | null }[] = [];
  let after: string | null = null;
  do {
    const page = await list({ ...query, after: after ? cursorSchema.parse(after) : undefined });
    seen.push(...page.rows.map((k) => k.id));
    pages.push({ ids: page.rows.map((k) => k.id), prev: page.prev });
    after = page.next;
    await between?.();
  } while (after);
  return { seen, pages };
}

describe("admin key pages (keyset)", () => {
  it("lists every key once, in order, in each sort and direction, while keys are added", async () => {
    await seedBulk(db, { users: 7, keys: 45, run: "ks" });
    // Ties on the sort value: the id decides, and no page may skip or repeat a tied row.
    await db.$executeRawUnsafe(
      `UPDATE "ApiKey" SET "createdAt" = date_trunc('hour', "createdAt"), "lastUsedAt" = date_trunc('day', "lastUsedAt")`,
    );
    const before = await db.apiKey.findMany({ select: { id: true, createdAt: true, lastUsedAt: true } });
    expect(before.some((k) => k.lastUsedAt === null)).toBe(true);

    for (const sort of ["createdAt", "lastUsedAt"] as const) {
      for (const dir of ["desc", "asc"] as const) {
        const ids = new Set(before.map((k) => k.id));
        let added = 0;
        // Keys made a few seconds ago: ahead of the cursor oldest-first, behind it newest-first.
        const { seen, pages } = await walk({ sort, dir }, () => seedBulk(db, { users: 1, keys: 1, run: `add${sort[0]}${dir}${added++}` }));
        // No duplicates, and every key that was there at the start is on some page.
        expect(new Set(seen).size).toBe(seen.length);
        for (const id of ids) expect(seen).toContain(id);
        // In the order asked for: compare each neighbour by (value, id), nulls last when desc.
        const rows = await db.apiKey.findMany({ where: { id: { in: seen } }, select: { id: true, createdAt: true, lastUsedAt: true } });
        const byId = new Map(rows.map((r) => [r.id, r]));
        const rank = (id: string) => {
          const v = byId.get(id)![sort];
          return v === null ? -Infinity : v.getTime(); // never used: last newest-first, first oldest-first
        };
        for (let i = 1; i < seen.length; i++) {
          const [a, b] = [seen[i - 1]!, seen[i]!];
          const [ra, rb] = [rank(a), rank(b)];
          if (dir === "desc") expect(ra > rb || (ra === rb && a > b), `${sort} ${dir} at ${i}`).toBe(true);
          else expect(ra < rb || (ra === rb && a < b), `${sort} ${dir} at ${i}`).toBe(true);
        }

        // Going back from the third page with its `prev` cursor gives the second page again.
        const third = pages[2]!;
        const back = await list({ sort, dir, before: cursorSchema.parse(third.prev!) });
        expect(back.rows.map((k) => k.id)).toEqual(pages[1]!.ids);
        expect(back.prev).not.toBeNull();
        // The first page has no previous page.
        expect(pages[0]!.prev).toBeNull();
      }
    }
  }, 120_000);

  it("refuses a cursor that is not one", () => {
    for (const bad of ["", "x.y", "123", "n.a'b", "1.".padEnd(80, "a")]) expect(cursorSchema.safeParse(bad).success).toBe(false);
  });
});

// Last in the file: the 10,000 keys it adds would make the walks above page through all of them.
describe("admin key counts", () => {
  it("counts exactly up to the cap and says 10,000+ past it (1,000+ for a search)", async () => {
    await seedBulk(db, { users: 50, keys: COUNT_CAP + 30, run: "cap" });
    const all = await list({});
    expect(all).toMatchObject({ total: COUNT_CAP, totalCapped: true });
    expect(all.rows).toHaveLength(10);

    // A filter below the cap is counted exactly.
    const exact = await db.apiKey.count({ where: { name: { contains: "payouts-prod", mode: "insensitive" } } });
    expect(exact).toBeGreaterThan(0);
    expect(exact).toBeLessThan(COUNT_CAP);
    expect(await list({ q: "payouts-prod" })).toMatchObject({ total: exact, totalCapped: false });
    // A search is counted to a lower cap: "payouts" names a fifth of the keys.
    expect(await list({ q: "payouts" })).toMatchObject({ total: SEARCH_COUNT_CAP, totalCapped: true });
  }, 120_000);
});
