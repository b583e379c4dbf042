// Per-key rate limits: the owner lowers, a site admin raises; the 429 and its headers follow the key's own limit.
import { signed } from "@/test/step-up";
import { describe, expect, it } from "vitest";
import { planeFetch as whoami } from "@/test/plane";
import { db } from "@/lib/database/client";
import { setKeyRateCeiling, updateKey } from "@/lib/data/keys/lifecycle";
import { env } from "@/lib/core/env";
import { makeKey, makeUser } from "@/test/factories";

const call = (key: string) => whoami(new Request("http://keyport.test/api/v1/whoami", { headers: { "X-API-KEY": key } }));

describe("per-key rate limit", { timeout: 60_000 }, () => {
  it("follows the owner's lower limit, headers included", async () => {
    const user = await makeUser();
    const other = await makeKey(user, { name: "untouched" });
    expect((await call(other.plaintext)).headers.get("x-ratelimit-limit")).toBe(String(env.RATE_LIMIT_API_PER_MINUTE));

    const { key, plaintext } = await makeKey(user);
    const edited = await signed(user, (s) =>
      updateKey(user, user.workspaceId, key.id, { name: key.name, description: null, scopes: key.scopes, rateLimit: 3 }, s),
    );
    expect(edited.ok).toBe(true);
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await call(plaintext));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 429]);
    expect(answers[0]!.headers.get("x-ratelimit-limit")).toBe("3");
    expect(answers[3]!.headers.get("x-ratelimit-limit")).toBe("3");
    expect(answers[3]!.headers.get("retry-after")).toMatch(/^\d+$/);
  });

  it("refuses an owner's limit above the ceiling, and allows it once an admin raises the ceiling (audited)", async () => {
    const user = await makeUser();
    const admin = await makeUser();
    const { key } = await makeKey(user);
    const above = env.RATE_LIMIT_API_PER_MINUTE + 1;
    const refused = await signed(user, (s) =>
      updateKey(
        user,
        user.workspaceId,
        key.id,
        {
          name: key.name,
          description: null,
          scopes: key.scopes,
          rateLimit: above,
        },
        s,
      ),
    );
    expect(refused).toMatchObject({ ok: false, code: "rate_limit_above_ceiling" });
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: key.id } })).rateLimit).toBeNull();

    expect((await setKeyRateCeiling(admin, key.id, 5_000)).ok).toBe(true);
    const raised = await signed(user, (s) =>
      updateKey(
        user,
        user.workspaceId,
        key.id,
        {
          name: key.name,
          description: null,
          scopes: key.scopes,
          rateLimit: above,
        },
        s,
      ),
    );
    expect(raised.ok).toBe(true);
    const events = await db.auditEvent.findMany({ where: { targetId: key.id }, select: { action: true } });
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(["admin.key.rate_limit", "key.update"]));
  });
});
