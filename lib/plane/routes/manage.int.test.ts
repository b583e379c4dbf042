// The management API (SEP-10 bearer) on the API plane, against the real database: the screens'
// rules through the same lib/data code, 404 across workspaces, step-up for Mainnet and allowlists.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.SEP10_NETWORK = "testnet";
  process.env.HORIZON_URL_TESTNET = "http://127.0.0.1:4403";
  process.env.MAX_ACTIVE_KEYS = "3";
});

import { Keypair } from "@stellar/stellar-sdk";
import { setSuspended } from "@/lib/data/users/admin";
import { setKeyEnabled } from "@/lib/data/keys/lifecycle";
import { signOutEverywhere } from "@/lib/data/sign-in/sessions";
import { upsertUserOnSignIn } from "@/lib/data/users/account";
import { db } from "@/lib/database/client";
import { webAuthService } from "@/lib/sep10/config";
import { signToken } from "@/lib/sep10/token";
import { makeUser, type TestUser } from "@/test/factories";
import { anyInput, nestedJson } from "@/test/fuzz";
import { planeFetch } from "@/test/plane";
import { horizonStandIn, tokenFor } from "@/test/sep10";
import { join } from "@/test/teams";
import { createTeam } from "@/lib/data/workspaces/teams";

const horizon = horizonStandIn(4403);
beforeAll(async () => {
  await horizon.listen();
  await db.$queryRaw`SELECT 1`;
}, 120_000);
afterAll(() => horizon.close());

type Dev = TestUser & { kp: Keypair; slug: string };

/** A signed-up user who holds their Stellar key, with a use case and their personal workspace. */
async function signedUp(opts: { mainnetApproved?: boolean } = {}): Promise<Dev> {
  const kp = Keypair.random();
  const { id, address } = await upsertUserOnSignIn(kp.publicKey());
  await db.user.update({ where: { id }, data: { useCase: "Payouts from CI" } });
  const ws = await db.workspace.update({
    where: { personalOwnerId: id },
    data: { mainnetApproved: opts.mainnetApproved ?? false },
    select: { id: true, slug: true },
  });
  return { id, address, ip: "203.0.113.9", workspaceId: ws.id, kp, slug: ws.slug };
}

const api = (token: string | null, method: string, path: string, body?: unknown) =>
  planeFetch(
    new Request(`http://keyport.test${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
      },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    }),
  );

/** A body as sent: strings as they are, values as JSON (too deep to stringify: brackets as deep). */
function asText(input: unknown): string {
  if (typeof input === "string") return input;
  try {
    return JSON.stringify(input) ?? "null";
  } catch {
    return "[".repeat(50_000);
  }
}

const whoami = (key: string) => planeFetch(new Request("http://keyport.test/api/v1/whoami", { headers: { "x-api-key": key } }));
const newKey = { network: "testnet", name: "ci-deploy", scopes: ["escrows:read"], expiry: "90" };

describe("the management API", () => {
  it("lets a script holding only its Stellar key create, use, rotate and revoke a key, audited as the API", async () => {
    const dev = await signedUp();
    const token = await tokenFor(dev.kp);
    const spaces = await api(token, "GET", "/api/v1/workspaces");
    expect(spaces.status).toBe(200);
    expect((await spaces.json()).data).toEqual([{ id: dev.workspaceId, slug: dev.slug, name: "Personal", personal: true, role: "owner" }]);

    const created = await api(token, "POST", `/api/v1/workspaces/${dev.slug}/keys`, newKey);
    expect(created.status).toBe(201);
    const { key, plaintext } = await created.json();
    expect(plaintext).toMatch(/^kp_test_/);
    expect((await whoami(plaintext)).status).toBe(200);

    const listed = await (await api(token, "GET", `/api/v1/workspaces/${dev.slug}/keys`)).text();
    expect(listed).toContain(key.id);
    expect(listed).not.toContain(plaintext); // shown once, never again

    const rotated = await api(token, "POST", `/api/v1/workspaces/${dev.slug}/keys/${key.id}/rotate`, { overlap: "none" });
    expect(rotated.status).toBe(200);
    const next = await rotated.json();
    expect(next.oldKey.id).toBe(key.id);
    expect((await whoami(next.plaintext)).status).toBe(200);
    expect((await whoami(plaintext)).status).toBe(401);

    const revoked = await api(token, "DELETE", `/api/v1/workspaces/${dev.slug}/keys/${next.key.id}`);
    expect(revoked.status).toBe(200);
    expect((await revoked.json()).key.status).toBe("revoked");
    expect((await whoami(next.plaintext)).status).toBe(401);

    const usage = await api(token, "GET", `/api/v1/workspaces/${dev.slug}/keys/${next.key.id}/usage?range=7d`);
    expect(usage.status).toBe(200);
    expect((await usage.json()).series).toHaveLength(7);

    const events = await db.auditEvent.findMany({
      where: { actorId: dev.id, action: { startsWith: "key." } },
      orderBy: { createdAt: "asc" },
    });
    expect(events.map((e) => [e.action, e.actorAddress, e.channel])).toEqual([
      ["key.create", dev.address, "API"],
      ["key.rotate", dev.address, "API"],
      ["key.revoke", dev.address, "API"],
    ]);
  });

  it("answers 401 with WWW-Authenticate: Bearer for a missing, forged, expired, memo'd or unknown account's token", async () => {
    const dev = await signedUp();
    const good = await tokenFor(dev.kp);
    const now = Math.floor(Date.now() / 1000);
    const claims = { iss: webAuthService().endpoint, sub: dev.address, iat: now, exp: now + 60, jti: "x", threshold: "high" as const };
    const bad = [
      null,
      "garbage",
      good.slice(0, -2) + (good.endsWith("AA") ? "BB" : "AA"),
      signToken({ ...claims, iat: now - 120, exp: now - 60 }),
      signToken({ ...claims, sub: `${dev.address}:42` }),
      signToken({ ...claims, sub: Keypair.random().publicKey() }),
      signToken({ ...claims, iss: "https://elsewhere.example/auth" }),
    ];
    for (const token of bad) {
      const res = await api(token, "GET", "/api/v1/workspaces");
      expect(res.status).toBe(401);
      expect(res.headers.get("www-authenticate")).toMatch(/^Bearer /);
      expect((await res.json()).code).toBe("unauthorized");
    }
    expect((await api(good, "GET", "/api/v1/workspaces")).status).toBe(200);
  });

  it("ends a user's tokens at once when they sign out everywhere or are suspended", async () => {
    const dev = await signedUp();
    const token = await tokenFor(dev.kp);
    expect((await api(token, "GET", "/api/v1/workspaces")).status).toBe(200);
    await signOutEverywhere(dev);
    expect((await api(token, "GET", "/api/v1/workspaces")).status).toBe(401);
    await new Promise((r) => setTimeout(r, 1100)); // a token from a later second
    const fresh = await tokenFor(dev.kp);
    expect((await api(fresh, "GET", "/api/v1/workspaces")).status).toBe(200);

    const admin = await makeUser();
    await setSuspended(admin, dev.id, true, "abuse");
    expect((await api(fresh, "POST", `/api/v1/workspaces/${dev.slug}/keys`, newKey)).status).toBe(401);
    await setSuspended(admin, dev.id, false, null);
    // Lifting the suspension does not bring back tokens issued before it.
    expect((await api(fresh, "GET", "/api/v1/workspaces")).status).toBe(401);
  });

  it("answers 404 for every operation on another user's workspace or key, and changes nothing", async () => {
    const [alice, mallory] = [await signedUp(), await signedUp()];
    const aliceKey = (await (await api(await tokenFor(alice.kp), "POST", `/api/v1/workspaces/${alice.slug}/keys`, newKey)).json()).key;
    const token = await tokenFor(mallory.kp);
    const before = await db.apiKey.findUniqueOrThrow({ where: { id: aliceKey.id } });
    const ops: [string, string, unknown?][] = [];
    for (const slug of [alice.slug, mallory.slug]) {
      const k = `/api/v1/workspaces/${slug}/keys/${aliceKey.id}`;
      if (slug === alice.slug) ops.push(["GET", `/api/v1/workspaces/${slug}/keys`], ["POST", `/api/v1/workspaces/${slug}/keys`, newKey]);
      ops.push(
        ["GET", k],
        ["PATCH", k, { name: "pwned", enabled: false }],
        ["DELETE", k],
        ["POST", `${k}/rotate`, { overlap: "none" }],
        ["GET", `${k}/usage`],
      );
    }
    for (const [method, path, body] of ops) {
      const res = await api(token, method, path, body);
      expect(res.status, `${method} ${path}`).toBe(404);
      expect((await res.json()).code).toBe("not_found");
    }
    expect(await db.apiKey.findUniqueOrThrow({ where: { id: aliceKey.id } })).toEqual(before);
    expect(await db.apiKey.count({ where: { workspaceId: alice.workspaceId } })).toBe(1);
  });

  it("holds role permissions: a viewer cannot create, a developer cannot change another member's key", async () => {
    const owner = await signedUp();
    const team = await createTeam(owner, { name: "CI team", slug: `ci-${owner.id.slice(-6).toLowerCase()}`, useCase: "CI for payouts" });
    if (!team.ok) throw new Error(team.code);
    const [viewer, dev] = [await signedUp(), await signedUp()];
    await join(owner, team.data.id, viewer, "viewer");
    await join(owner, team.data.id, dev, "developer");
    const slug = team.data.slug;
    const ownersKey = (await (await api(await tokenFor(owner.kp), "POST", `/api/v1/workspaces/${slug}/keys`, newKey)).json()).key;
    const asViewer = await api(await tokenFor(viewer.kp), "POST", `/api/v1/workspaces/${slug}/keys`, newKey);
    expect(asViewer.status).toBe(403);
    expect((await asViewer.json()).code).toBe("forbidden");
    const devToken = await tokenFor(dev.kp);
    expect((await api(devToken, "GET", `/api/v1/workspaces/${slug}/keys/${ownersKey.id}`)).status).toBe(200);
    for (const [method, path, body] of [
      ["PATCH", `/api/v1/workspaces/${slug}/keys/${ownersKey.id}`, { enabled: false }],
      ["DELETE", `/api/v1/workspaces/${slug}/keys/${ownersKey.id}`],
    ] as const) {
      expect((await api(devToken, method, path, body)).status).toBe(403);
    }
  });

  it("needs the account's high threshold for Mainnet keys and allowlists (403 step_up_required), and Mainnet approval", async () => {
    const dev = await signedUp({ mainnetApproved: true });
    const cosigner = Keypair.random();
    horizon.accounts.set(dev.address, {
      signers: [
        { key: dev.address, weight: 1 },
        { key: cosigner.publicKey(), weight: 1 },
      ],
      thresholds: [0, 1, 2],
    });
    const medium = await tokenFor(dev.kp);
    const high = await tokenFor(dev.kp, dev.kp, cosigner);
    const base = `/api/v1/workspaces/${dev.slug}/keys`;
    const mainnet = { ...newKey, network: "mainnet" };

    const refused = await api(medium, "POST", base, mainnet);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ code: "step_up_required", requiredThreshold: "high", tokenThreshold: "medium" });
    const live = await api(high, "POST", base, mainnet);
    expect(live.status).toBe(201);
    const liveKey = (await live.json()).key;
    expect((await api(medium, "POST", `${base}/${liveKey.id}/rotate`, { overlap: "none" })).status).toBe(403);
    expect((await api(high, "POST", `${base}/${liveKey.id}/rotate`, { overlap: "none" })).status).toBe(200);

    const test = (await (await api(medium, "POST", base, newKey)).json()).key; // Testnet: any threshold
    const allow = await api(medium, "PATCH", `${base}/${test.id}`, { allowedIps: ["203.0.113.0/24"] });
    expect((await allow.json()).code).toBe("step_up_required");
    const renamed = await api(medium, "PATCH", `${base}/${test.id}`, { name: "ci-renamed" });
    expect((await renamed.json()).key).toMatchObject({ name: "ci-renamed", allowedIps: [] });
    const allowed = await api(high, "PATCH", `${base}/${test.id}`, { allowedIps: ["203.0.113.0/24"] });
    expect((await allowed.json()).key).toMatchObject({ name: "ci-renamed", allowedIps: ["203.0.113.0/24"] });

    // Without the workspace's approval, even a high token is refused by the key rules.
    const unapproved = await signedUp();
    const noApproval = await api(await tokenFor(unapproved.kp), "POST", `/api/v1/workspaces/${unapproved.slug}/keys`, mainnet);
    expect(noApproval.status).toBe(409);
    expect(await noApproval.json()).toMatchObject({ code: "key_refused", reason: "mainnet_not_approved" });
  });

  it("changes a key's expiry with PATCH (days, a date, never), audited; a bad date or a key being rotated out is refused", async () => {
    const dev = await signedUp();
    const token = await tokenFor(dev.kp);
    const base = `/api/v1/workspaces/${dev.slug}/keys`;
    const key = (await (await api(token, "POST", base, newKey)).json()).key;
    const days = await (await api(token, "PATCH", `${base}/${key.id}`, { expiry: "30" })).json();
    const in30 = Date.now() + 30 * 86_400_000;
    expect(Math.abs(Date.parse(days.key.expiresAt) - in30)).toBeLessThan(60_000);
    const onDate = new Date(Date.now() + 200 * 86_400_000).toISOString().slice(0, 10);
    const dated = await (await api(token, "PATCH", `${base}/${key.id}`, { expiry: "date", expiresOn: onDate })).json();
    expect(dated.key.expiresAt).toBe(`${onDate}T23:59:59.999Z`);
    const never = await (await api(token, "PATCH", `${base}/${key.id}`, { expiry: "never", name: "kept-name" })).json();
    expect(never.key).toMatchObject({ expiresAt: null, name: "kept-name" });
    const events = await db.auditEvent.findMany({ where: { targetId: key.id, action: "key.update" }, orderBy: { createdAt: "asc" } });
    expect(events.map((e) => (e.details as { after: { expiresAt?: string | null } }).after.expiresAt)).toEqual([
      expect.stringMatching(/^\d{4}-/),
      `${onDate}T23:59:59.999Z`,
      null,
    ]);

    for (const bad of [{ expiry: "date" }, { expiry: "date", expiresOn: "2020-01-01" }, { expiry: "date", expiresOn: "2027-02-30" }]) {
      const res = await api(token, "PATCH", `${base}/${key.id}`, bad);
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect((await res.json()).code).toBe("invalid_request");
    }
    await api(token, "POST", `${base}/${key.id}/rotate`, { overlap: "24h" });
    const rotating = await api(token, "PATCH", `${base}/${key.id}`, { expiry: "never" });
    expect(rotating.status).toBe(409);
    expect(await rotating.json()).toMatchObject({ code: "key_refused", reason: "already_rotated" });
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: key.id } })).expiresAt).not.toBeNull(); // its overlap still decides
  });

  it("lets an admin's disable win over the owner's switch, as on the screens", async () => {
    const dev = await signedUp();
    const token = await tokenFor(dev.kp);
    const key = (await (await api(token, "POST", `/api/v1/workspaces/${dev.slug}/keys`, newKey)).json()).key;
    await setKeyEnabled({ actor: await makeUser(), as: "admin" }, key.id, false, "investigating");
    const res = await api(token, "PATCH", `/api/v1/workspaces/${dev.slug}/keys/${key.id}`, { enabled: true });
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ code: "key_refused", reason: "admin_disabled" });
  });

  it("revokes on a DELETE that carries a JSON Content-Type and no body, as many HTTP clients send", async () => {
    const dev = await signedUp();
    const token = await tokenFor(dev.kp);
    const key = (await (await api(token, "POST", `/api/v1/workspaces/${dev.slug}/keys`, newKey)).json()).key;
    const res = await planeFetch(
      new Request(`http://keyport.test/api/v1/workspaces/${dev.slug}/keys/${key.id}`, {
        method: "DELETE",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      }),
    );
    expect(res.status).toBe(200);
    expect((await res.json()).key.status).toBe("revoked");
  });

  it("stops parallel creations at the cap", async () => {
    const dev = await signedUp();
    const token = await tokenFor(dev.kp);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => api(token, "POST", `/api/v1/workspaces/${dev.slug}/keys`, { ...newKey, name: `ci-${i}` })),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 201, 201, ...Array(7).fill(409)]);
    expect(await db.apiKey.count({ where: { workspaceId: dev.workspaceId } })).toBe(3);
  });

  it("answers any body with a typed problem or a success, never a 5xx", async () => {
    const dev = await signedUp();
    const token = await tokenFor(dev.kp);
    const key = (await (await api(token, "POST", `/api/v1/workspaces/${dev.slug}/keys`, newKey)).json()).key;
    const targets = [
      ["POST", `/api/v1/workspaces/${dev.slug}/keys`],
      ["PATCH", `/api/v1/workspaces/${dev.slug}/keys/${key.id}`],
      ["POST", `/api/v1/workspaces/${dev.slug}/keys/${key.id}/rotate`],
    ] as const;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...targets), fc.oneof(anyInput, nestedJson), async ([method, path], input) => {
        const res = await api(token, method, path, asText(input).slice(0, 20_000));
        expect(res.status, `${method} ${path} ${asText(input).slice(0, 200)}`).toBeLessThan(500);
        if (res.status >= 400) expect(res.headers.get("content-type")).toBe("application/problem+json");
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 150), seed: 20261207 },
    );
  });
});
