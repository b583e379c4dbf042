// @module-tag postgres
// Concurrency and faults on the real database (both targets).
import { signed } from "@/test/step-up";
import { describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.RATE_LIMIT_API_PER_MINUTE = "100000000";
});

import { planeFetch as whoami } from "@/test/plane";
import { db } from "@/lib/database/client";
import { KEY_CACHE_TTL_MS } from "@/lib/data/keys/cache";
import { keyInput, makeKey, makeUser } from "@/test/factories";
import { env } from "@/lib/core/env";
import { asMember, createKey, rotateKey, setKeyEnabled } from "./lifecycle";

const call = (key: string) => whoami(new Request("http://keyport.test/api/v1/whoami", { headers: { "X-API-KEY": key } }));

describe("concurrency", () => {
  it("150 parallel key requests across 10 users: exactly 10 per user, each with its audit row, nothing partial", async () => {
    const users = await Promise.all(Array.from({ length: 10 }, () => makeUser()));
    const results = await Promise.all(
      users.flatMap((u) =>
        Array.from({ length: 15 }, (_, i) => signed(u, (s) => createKey(u, u.workspaceId, keyInput({ name: `p${i}` }), s))),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(100);
    expect(results.filter((r) => !r.ok && r.code === "key_limit")).toHaveLength(50);
    const ids = users.map((u) => u.id);
    expect(await db.apiKey.count({ where: { createdById: { in: ids } } })).toBe(100);
    const perUser = await db.apiKey.groupBy({ by: ["createdById"], where: { createdById: { in: ids } }, _count: true });
    expect(perUser.every((g) => g._count === 10)).toBe(true);
    const keyIds = (await db.apiKey.findMany({ where: { createdById: { in: ids } }, select: { id: true } })).map((k) => k.id);
    expect(await db.auditEvent.count({ where: { action: "key.create", targetId: { in: keyIds } } })).toBe(100);
  });

  it("20 parallel rotations of one key make exactly one successor", async () => {
    const owner = await makeUser();
    const { key, plaintext } = await makeKey(owner);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => signed(owner, (s) => rotateKey(owner, owner.workspaceId, key.id, i % 2 ? "7d" : "1h", s))),
    );
    const won = results.filter((r) => r.ok);
    expect(won).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.code === "already_rotated")).toHaveLength(19);
    const successor = won[0]!.ok ? won[0]!.data.key.id : "";
    expect(await db.apiKey.findMany({ where: { createdById: owner.id }, select: { id: true } })).toHaveLength(2);
    expect(await db.apiKey.findUniqueOrThrow({ where: { id: key.id } })).toMatchObject({ replacedById: successor });
    expect(await db.auditEvent.count({ where: { targetId: key.id, action: "key.rotate" } })).toBe(1);
    expect((await call(plaintext)).status).toBe(200); // inside its overlap
  });

  it("20 parallel creations and 20 rotations at the cap: live keys never exceed it", async () => {
    const owner = await makeUser();
    const keys = await Promise.all(Array.from({ length: env.MAX_ACTIVE_KEYS }, (_, i) => makeKey(owner, { name: `k${i}` })));
    // Counted against the database's clock at the statement's start: a JS timestamp taken
    // before the query waits for a lock would count keys that expired in the meantime.
    const live = async () =>
      (
        await db.$queryRaw<
          { n: number }[]
        >`SELECT count(*)::int AS n FROM "ApiKey" WHERE "createdById" = ${owner.id} AND "revokedAt" IS NULL
          AND ("expiresAt" IS NULL OR "expiresAt" > (now() AT TIME ZONE 'UTC'))`
      )[0]!.n;
    const seen: number[] = [];
    let running = true;
    const watcher = (async () => {
      while (running) seen.push(await live());
    })();
    const results = await Promise.all([
      ...Array.from({ length: 20 }, (_, i) =>
        signed(owner, (s) => createKey(owner, owner.workspaceId, keyInput({ name: `extra${i}` }), s)),
      ),
      ...Array.from({ length: 20 }, (_, i) =>
        signed(owner, (s) => rotateKey(owner, owner.workspaceId, keys[i % keys.length]!.key.id, i % 2 ? "7d" : "none", s)),
      ),
    ]);
    running = false;
    await watcher;
    seen.push(await live());
    expect(results.slice(0, 20).every((r) => !r.ok && r.code === "key_limit")).toBe(true);
    expect(results.slice(20).filter((r) => !r.ok && r.code === "key_limit_overlap").length).toBeGreaterThanOrEqual(10);
    expect(results.slice(20).filter((r) => r.ok).length).toBeGreaterThan(0);
    expect(seen.length).toBeGreaterThan(1);
    expect(Math.max(...seen)).toBeLessThanOrEqual(env.MAX_ACTIVE_KEYS);
    expect(seen.at(-1)).toBe(env.MAX_ACTIVE_KEYS);
  });

  it("10,000 calls while a key is disabled: no success after the disable on this instance, none past the bound from another", async () => {
    const owner = await makeUser();
    const { key, plaintext } = await makeKey(owner);
    const other = await makeKey(owner);
    let disabledAt = Infinity;
    let otherDisabledAt = Infinity;
    let calls = 0;
    let disabling: Promise<void> | undefined;
    const after = { key: 0, other: 0 };
    const late: number[] = [];

    // The disables happen mid-run: when the 3,000th call is made, not on a timer.
    const disableBoth = async () => {
      await setKeyEnabled(asMember(owner, owner.workspaceId), key.id, false); // through this instance
      disabledAt = performance.now();
      await db.apiKey.update({ where: { id: other.key.id }, data: { enabled: false } }); // as another instance would
      otherDisabledAt = performance.now();
    };
    const worker = async (share: number) => {
      for (let i = 0; i < share; i++) {
        if (++calls === 3000) disabling = disableBoth();
        const started = performance.now();
        const useOther = i % 2 === 1;
        const res = await call(useOther ? other.plaintext : plaintext);
        if (!useOther && started > disabledAt) after.key++;
        if (useOther && started > otherDisabledAt + KEY_CACHE_TTL_MS) after.other++;
        if (res.status !== 200) continue;
        if (!useOther && started > disabledAt) late.push(started - disabledAt);
        if (useOther && started > otherDisabledAt + KEY_CACHE_TTL_MS) late.push(started - otherDisabledAt);
      }
    };
    // Enough calls to outlast the other instance's bound: 10,000, then more until it has passed.
    await Promise.all(Array.from({ length: 50 }, () => worker(200)));
    await disabling;
    while (performance.now() < otherDisabledAt + KEY_CACHE_TTL_MS + 500) await Promise.all(Array.from({ length: 50 }, () => worker(4)));

    expect(calls).toBeGreaterThanOrEqual(10_000);
    expect(after.key).toBeGreaterThan(1000);
    expect(after.other).toBeGreaterThan(0);
    expect(late).toEqual([]);
  }, 120_000);
});
