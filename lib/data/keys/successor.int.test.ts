// @module-tag postgres
// A rotation replaces the secret and nothing else: the successor answers to every rule the old
// key answered to, column by column, on the real database.
import { signed } from "@/test/step-up";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/database/client";
import { verifyKey } from "@/lib/api/key-auth";
import { Prisma } from "@/lib/generated/prisma/client";
import { makeKey, makeUser } from "@/test/factories";
import { makeTeam } from "@/test/teams";
import { adminSetKeyCeiling } from "./admin";
import { rotateKey, updateKey } from "./lifecycle";
import { SUCCESSOR_COLUMNS } from "./successor";

const row = (id: string) => db.apiKey.findUniqueOrThrow({ where: { id } });

async function makeAdmin() {
  const admin = await makeUser();
  await db.user.update({ where: { id: admin.id }, data: { role: "admin" } });
  return admin;
}

describe("a rotation's successor", () => {
  it("names every column of ApiKey, so a new column must be given a rule", () => {
    expect(Object.keys(SUCCESSOR_COLUMNS).sort()).toEqual(Object.values(Prisma.ApiKeyScalarFieldEnum).sort());
  });

  it("keeps an admin's ceiling: a key capped at 5/min stays capped at 5/min after its owner rotates it", async () => {
    const [owner, admin] = await Promise.all([makeUser(), makeAdmin()]);
    const { key } = await makeKey(owner);
    expect(await adminSetKeyCeiling(admin, key.id, 5)).toMatchObject({ ok: true });
    const rotated = await signed(owner, (s) => rotateKey(owner, owner.workspaceId, key.id, "1h", s));
    if (!rotated.ok) throw new Error(rotated.code);

    // What the API answers the successor with: X-RateLimit-Limit 5, not the default 600.
    const verdict = await verifyKey(rotated.data.plaintext, { ip: "203.0.113.7" });
    expect(verdict).toMatchObject({ status: "valid", limit: { limit: 5 } });
    // Nor can its owner raise it past the ceiling on the successor.
    expect(
      await signed(owner, (s) =>
        updateKey(
          owner,
          owner.workspaceId,
          rotated.data.key.id,
          {
            name: "n",
            description: null,
            scopes: ["escrows:read"],
            rateLimit: 6,
          },
          s,
        ),
      ),
    ).toMatchObject({ ok: false, code: "rate_limit_above_ceiling" });
  });

  it("carries every rule column as it was, and starts every other column afresh", async () => {
    const team = await makeTeam();
    const admin = await makeAdmin();
    // A developer's key, rotated by the team's admin: it stays the developer's key.
    const { key } = await makeKey(
      team.developer,
      {
        name: "payouts-staging",
        description: "Payout runs from staging",
        scopes: ["escrows:read", "escrows:write"],
        allowedIps: ["203.0.113.0/24", "2001:db8::/32"],
        expiresAt: new Date(Date.now() + 30 * 24 * 3600_000),
      },
      team.id,
    );
    await adminSetKeyCeiling(admin, key.id, 50);
    await db.apiKey.update({ where: { id: key.id }, data: { rateLimit: 20, lastUsedAt: new Date(), lastUsedIp: "203.0.113.9" } });
    const before = await row(key.id);

    const rotated = await signed(team.admin, (s) => rotateKey(team.admin, team.id, key.id, "24h", s));
    if (!rotated.ok) throw new Error(rotated.code);
    const successor = await row(rotated.data.key.id);

    for (const [column, how] of Object.entries(SUCCESSOR_COLUMNS)) {
      const c = column as keyof typeof SUCCESSOR_COLUMNS;
      if (how === "carry") expect({ [c]: successor[c] }).toEqual({ [c]: before[c] });
    }
    expect(successor).toMatchObject({
      createdById: team.developer.id,
      rateLimitCeiling: 50,
      rateLimit: 20,
      allowedIps: ["203.0.113.0/24", "2001:db8::/32"],
      enabled: true,
      heldAt: null,
      revokedAt: null,
      leakedAt: null,
      rotatedAt: null,
      replacedById: null,
      lastUsedAt: null,
      lastUsedIp: null,
    });
    expect(successor.hash).not.toBe(before.hash);
    expect(successor.start).not.toBe(before.start);
    // The lifetime is the old key's, counted from the rotation.
    const lifetime = before.expiresAt!.getTime() - before.createdAt.getTime();
    expect(Math.abs(successor.expiresAt!.getTime() - successor.createdAt.getTime() - lifetime)).toBeLessThan(5_000);
  });
});
