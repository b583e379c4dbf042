// @module-tag postgres
import { describe, expect, it } from "vitest";
import { asMember, setKeyEnabled } from "@/lib/data/key-lifecycle";
import { db } from "@/lib/db";
import { makeKey, makeUser } from "@/test/factories";
import { checkKey } from "@/lib/api/key-auth";
import { KEY_CACHE_TTL_MS } from "./key-cache";

describe("key lookup cache: the staleness bound", () => {
  it("stops a key disabled on another instance once the bound has passed", async () => {
    const owner = await makeUser();
    const { key, plaintext } = await makeKey(owner);
    const t0 = new Date();
    expect((await checkKey(plaintext, undefined, t0)).ok).toBe(true);

    // Another instance disables it: the database changes, this instance is not told.
    await db.apiKey.update({ where: { id: key.id }, data: { enabled: false } });
    expect((await checkKey(plaintext, undefined, new Date(t0.getTime() + KEY_CACHE_TTL_MS - 1))).ok).toBe(true);
    expect((await checkKey(plaintext, undefined, new Date(t0.getTime() + KEY_CACHE_TTL_MS))).ok).toBe(false);
  });

  it("applies a change made through this instance to the very next request", async () => {
    const owner = await makeUser();
    const { key, plaintext } = await makeKey(owner);
    expect((await checkKey(plaintext)).ok).toBe(true);
    await setKeyEnabled(asMember(owner, owner.workspaceId), key.id, false);
    expect((await checkKey(plaintext)).ok).toBe(false);
  });

  it("checks expiry against the clock on every request, cached or not", async () => {
    const owner = await makeUser();
    const expiresAt = new Date(Date.now() + 60_000);
    const { plaintext } = await makeKey(owner, { expiresAt });
    expect((await checkKey(plaintext)).ok).toBe(true);
    expect((await checkKey(plaintext, undefined, new Date(expiresAt.getTime() + 1))).ok).toBe(false);
  });
});
