// The outbox: an event is written in the transaction of the change that caused it, so it is
// there after a commit (whatever happens to the process next) and absent after a rollback; it
// goes to the endpoints that chose it, and its payload carries no secret.
import { signed } from "@/test/step-up";
import { beforeAll, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS = "true";
});

import { db } from "@/lib/database/client";
import { audit } from "@/lib/data/audit/write";
import { asMember, revokeKey, rotateKey, setKeyEnabled } from "@/lib/data/keys/lifecycle";
import { quarantineLeakedKeys } from "@/lib/data/keys/leaked";
import { hashKey } from "@/lib/keys/hash";
import { keyHashSecret } from "@/lib/core/env";
import { changeRole, removeMember } from "@/lib/data/workspaces/members";
import { makeKey, makeUser } from "@/test/factories";
import { makeTeam } from "@/test/teams";
import { createEndpoint } from "./endpoints";

beforeAll(() => db.$queryRaw`SELECT 1`);

const messages = (workspaceId: string) =>
  db.webhookMessage.findMany({ where: { workspaceId }, orderBy: { createdAt: "asc" }, include: { deliveries: true } });

async function withEndpoint(events: string[] = ["*"]) {
  const user = await makeUser();
  const made = await createEndpoint(user, user.workspaceId, { url: "http://127.0.0.1:3499/hooks", events });
  if (!made.ok) throw new Error(made.code);
  return { user, endpoint: made.data.endpoint };
}

describe("webhook outbox", () => {
  it("writes the event with the change, one delivery per endpoint, and no secret in the payload", async () => {
    const { user, endpoint } = await withEndpoint();
    const { key, plaintext } = await makeKey(user);
    const [message] = await messages(user.workspaceId);
    expect(message).toMatchObject({ type: "key.created" });
    expect(message!.deliveries).toMatchObject([{ endpointId: endpoint.id, status: "pending", attempts: 0 }]);
    expect(message!.payload).toMatchObject({
      type: "key.created",
      version: 1,
      workspace: { id: user.workspaceId },
      data: { key: { id: key.id, name: key.name, network: "testnet", scopes: ["escrows:read"], expiresAt: null } },
    });
    const text = JSON.stringify(message!.payload);
    expect(text).not.toContain(plaintext);
    expect(text).not.toContain(hashKey(plaintext, keyHashSecret()));
    expect(text).not.toContain(plaintext.slice(0, 12));
  });

  it("writes nothing for a change that rolls back", async () => {
    const { user } = await withEndpoint();
    const { key } = await makeKey(user);
    const before = (await messages(user.workspaceId)).length;
    await expect(
      db.$transaction(async (tx) => {
        await tx.apiKey.update({ where: { id: key.id }, data: { revokedAt: new Date() } });
        await audit(tx, user, "key.revoke", { type: "api_key", id: key.id, workspaceId: user.workspaceId });
        // The event was written inside the transaction…
        expect(await tx.webhookMessage.count({ where: { workspaceId: user.workspaceId, type: "key.revoked" } })).toBe(1);
        throw new Error("the change fails after its audit event");
      }),
    ).rejects.toThrow("the change fails");
    // …and went with it.
    expect(await messages(user.workspaceId)).toHaveLength(before);
    expect(await db.webhookMessage.count({ where: { workspaceId: user.workspaceId, type: "key.revoked" } })).toBe(0);
  });

  it("sends an endpoint only the events it chose, and a workspace without endpoints writes nothing", async () => {
    const { user } = await withEndpoint(["key.revoked"]);
    const { key } = await makeKey(user);
    await revokeKey(asMember(user, user.workspaceId), key.id, "no longer used");
    expect((await messages(user.workspaceId)).map((m) => [m.type, m.payload])).toEqual([
      [
        "key.revoked",
        expect.objectContaining({
          data: { key: { id: key.id, name: key.name, network: "testnet" }, by: "owner", reason: "no longer used" },
        }),
      ],
    ]);
    const bare = await makeUser();
    await makeKey(bare);
    expect(await db.webhookMessage.count({ where: { workspaceId: bare.workspaceId } })).toBe(0);
  });

  it("names the key events with who did them, the rotation's successor, and a leak", async () => {
    const { user } = await withEndpoint();
    const { key, plaintext } = await makeKey(user);
    const admin = await makeUser();
    await setKeyEnabled(asMember(user, user.workspaceId), key.id, false);
    await setKeyEnabled(asMember(user, user.workspaceId), key.id, true);
    await setKeyEnabled({ actor: admin, as: "admin" }, key.id, false, "abuse report");
    await setKeyEnabled({ actor: admin, as: "admin" }, key.id, true);
    const rotated = await signed(user, (s) => rotateKey(user, user.workspaceId, key.id, "none", s));
    expect(rotated.ok).toBe(true);
    const next = rotated.ok ? rotated.data.plaintext : "";
    await quarantineLeakedKeys(
      [{ hash: hashKey(next, keyHashSecret()), url: "https://github.com/x/y/blob/main/.env", source: "content", type: "kp" }],
      null,
    );
    const events = (await messages(user.workspaceId)).map((m) => ({ type: m.type, data: (m.payload as { data: unknown }).data }));
    expect(events.map((e) => e.type)).toEqual([
      "key.created",
      "key.disabled",
      "key.enabled",
      "key.disabled",
      "key.enabled",
      "key.rotated",
      "key.leaked",
    ]);
    expect(events[1]!.data).toMatchObject({ by: "owner", reason: null });
    expect(events[3]!.data).toMatchObject({ by: "admin", reason: "abuse report" });
    expect(events[4]!.data).toMatchObject({ by: "admin" });
    expect(events[5]!.data).toMatchObject({
      key: { id: key.id },
      successor: { id: rotated.ok ? rotated.data.key.id : "" },
      overlap: "none",
    });
    expect(events[6]!.data).toMatchObject({ source: "content", url: "https://github.com/x/y/blob/main/.env" });
    const all = JSON.stringify(events);
    for (const secret of [plaintext, next]) expect(all).not.toContain(secret.slice(8));
  });

  it("tells a team's endpoints of member changes", async () => {
    const team = await makeTeam();
    const made = await createEndpoint(team.owner, team.id, {
      url: "http://127.0.0.1:3499/hooks",
      events: ["member.role_changed", "member.removed"],
    });
    expect(made.ok).toBe(true);
    await signed(team.owner, (s) => changeRole(team.owner, team.id, team.viewer.id, "developer", s));
    await removeMember(team.owner, team.id, team.developer.id);
    const events = (await messages(team.id)).map((m) => (m.payload as { data: unknown }).data);
    expect(events).toEqual([
      { member: { address: team.viewer.address, role: "developer" }, before: "viewer" },
      { member: { address: team.developer.address, role: "developer" }, left: false },
    ]);
  });
});
