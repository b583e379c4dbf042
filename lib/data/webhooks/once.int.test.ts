// @module-tag postgres
// Events sent once whoever notices them: key.rate_limited from the key check (once per key and
// hour, across instances), key.expiring (7 days and 1 day ahead) and key.expired from the sweep.
// Tagged: the sweep compares timestamps in SQL, which the PostgreSQL run does west of UTC.
import { signed } from "@/test/step-up";
import { beforeAll, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.RATE_LIMIT_API_PER_MINUTE = "2";
  process.env.RATE_LIMIT_STORE = "memory";
});

import { db } from "@/lib/database/client";
import { rotateKey } from "@/lib/data/keys/lifecycle";
import { makeKey, makeUser, type TestUser } from "@/test/factories";
import { planeFetch } from "@/test/plane";
import { updateKey } from "@/lib/data/keys/lifecycle";
import { createEndpoint } from "./endpoints";
import { recordRateLimited, sweepExpiries } from "./once";

beforeAll(() => db.$queryRaw`SELECT 1`);

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

async function listening(events: string[] = ["*"]) {
  const user = await makeUser();
  const made = await createEndpoint(user, user.workspaceId, { url: "https://example.com/keyport", events });
  if (!made.ok) throw new Error(made.code);
  return user;
}
const ofType = (user: TestUser, type: string) =>
  db.webhookMessage.findMany({ where: { workspaceId: user.workspaceId, type }, orderBy: { createdAt: "asc" } });

describe("key.rate_limited", () => {
  it("is written once per key and hour however many refusals, and once across instances", async () => {
    const user = await listening(["key.rate_limited"]);
    const { key, plaintext } = await makeKey(user);
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      statuses.push((await planeFetch(new Request("http://keyport.test/api/v1/whoami", { headers: { "x-api-key": plaintext } }))).status);
    }
    expect(statuses.filter((s) => s === 429)).toHaveLength(6);
    await vi.waitFor(async () => expect(await ofType(user, "key.rate_limited")).toHaveLength(1));
    const [message] = await ofType(user, "key.rate_limited");
    expect(message!.payload).toMatchObject({
      data: { key: { id: key.id, name: key.name, network: "testnet" }, limit: 2, window: "minute" },
    });
    // Another instance noticing the same key in the same hour writes nothing; the next hour, again.
    const ref = { id: key.id, name: key.name, network: key.network, workspaceId: user.workspaceId };
    expect(await recordRateLimited(ref, 2, message!.createdAt)).toBeNull();
    expect(await recordRateLimited(ref, 2, new Date(message!.createdAt.getTime() + HOUR))).toMatch(/^msg_rl_/);
    expect(await ofType(user, "key.rate_limited")).toHaveLength(2);
  });
});

describe("the expiry sweep", () => {
  it("writes key.expiring 7 days and 1 day ahead and key.expired, each once, for keys that will really stop", async () => {
    const user = await listening();
    const now = new Date();
    await makeKey(user, { name: "six-days", expiresAt: new Date(now.getTime() + 6.5 * DAY) });
    await makeKey(user, { name: "tomorrow", expiresAt: new Date(now.getTime() + 12 * HOUR) });
    const expired = await makeKey(user, { name: "expired", expiresAt: new Date(now.getTime() + DAY) });
    await db.apiKey.update({ where: { id: expired.key.id }, data: { expiresAt: new Date(now.getTime() - HOUR) } });
    await makeKey(user, { name: "later", expiresAt: new Date(now.getTime() + 30 * DAY) });
    await makeKey(user, { name: "never" });
    // A rotation's old key stops on purpose: no warning for it; its successor keeps the expiry, and is warned.
    const rotatedAway = await makeKey(user, { name: "rotated", expiresAt: new Date(now.getTime() + 3 * DAY) });
    const rotated = await signed(user, (s) => rotateKey(user, user.workspaceId, rotatedAway.key.id, "24h", s));
    if (!rotated.ok) throw new Error(rotated.code);

    // Two instances sweeping at once: one sweeps, the other finds the lock taken.
    const [a, b] = await Promise.all([sweepExpiries(now), sweepExpiries(now)]);
    expect(a + b).toBeGreaterThanOrEqual(3);
    const data = async (type: string) => (await ofType(user, type)).map((m) => (m.payload as { data: Record<string, unknown> }).data);
    expect(await data("key.expiring")).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ key: expect.objectContaining({ name: "six-days" }), daysLeft: 7 }),
        expect.objectContaining({ key: expect.objectContaining({ name: "tomorrow" }), daysLeft: 1 }),
      ]),
    );
    expect((await data("key.expiring")).map((d) => (d.key as { name: string }).name).sort()).toEqual(["rotated", "six-days", "tomorrow"]);
    expect((await data("key.expiring")).find((d) => (d.key as { name: string }).name === "rotated")).toMatchObject({
      key: { id: rotated.data.key.id },
      expiresAt: rotated.data.key.expiresAt && new Date(rotated.data.key.expiresAt).toISOString(),
    });
    expect(await data("key.expired")).toEqual([
      { key: { id: expired.key.id, name: "expired", network: "testnet" }, expiredAt: new Date(now.getTime() - HOUR).toISOString() },
    ]);

    // Swept again: nothing new. 13 hours on the second key has expired; six days on, the first key's one-day warning.
    expect(await sweepExpiries(now)).toBe(0);
    await sweepExpiries(new Date(now.getTime() + 13 * HOUR));
    await sweepExpiries(new Date(now.getTime() + 6 * DAY));
    const warnings = (await data("key.expiring")).filter((d) => (d.key as { name: string }).name !== "rotated");
    expect(warnings.map((d) => `${(d.key as { name: string }).name}:${String(d.daysLeft)}`).sort()).toEqual([
      "six-days:1",
      "six-days:7",
      "tomorrow:1",
    ]);
    expect((await data("key.expired")).map((d) => (d.key as { name: string }).name).sort()).toEqual(["expired", "tomorrow"]);
  });

  it("warns again when the owner moves a key's expiry, once for the new date", async () => {
    const user = await listening(["key.expiring"]);
    const now = new Date();
    const { key } = await makeKey(user, { name: "moved", expiresAt: new Date(now.getTime() + 5 * DAY) });
    await sweepExpiries(now);
    await sweepExpiries(now);
    const edit = { name: "moved", description: null, scopes: key.scopes, expiresAt: new Date(now.getTime() + 6 * DAY) };
    expect(await signed(user, (s) => updateKey(user, user.workspaceId, key.id, edit, s))).toMatchObject({ ok: true });
    await sweepExpiries(now);
    await sweepExpiries(now);
    const sent = (await ofType(user, "key.expiring")).map((m) => (m.payload as { data: { expiresAt: string } }).data.expiresAt);
    expect(sent).toEqual([new Date(now.getTime() + 5 * DAY).toISOString(), new Date(now.getTime() + 6 * DAY).toISOString()]);
  });
});
