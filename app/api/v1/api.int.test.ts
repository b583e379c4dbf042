// @module-tag postgres
// The integrator-facing API, called through the API plane (the same front door as server.ts) and its real database.
import { describe, expect, it, vi } from "vitest";

const OPERATOR = vi.hoisted(() => {
  const token = "operator-token-for-tests-0123456789abcdef";
  process.env.OPERATOR_TOKEN = token;
  return token;
});

import { flushKeyUses } from "@/lib/api/key-auth";
import { db } from "@/lib/db";
import { generateKey } from "@/lib/keys/format";
import { makeKey, makeUser } from "@/test/factories";
import { problem } from "@/test/fuzz";
import { makeTeam } from "@/test/teams";
import { removeMember } from "@/lib/data/members";
import { asMember, revokeKey, setKeyEnabled } from "@/lib/data/key-lifecycle";
import { planeFetch, planeFetch as escrows, planeFetch as verify, planeFetch as whoami } from "@/test/plane";

const call = async (
  handler: (r: Request) => Response | Promise<Response>,
  path: string,
  key?: string,
  headers: Record<string, string> = {},
) => handler(new Request(`http://keyport.test${path}`, { headers: { ...(key ? { "X-API-KEY": key } : {}), ...headers } }));

const verifyCall = (body: unknown, token: string | null = OPERATOR) =>
  verify(
    new Request("http://keyport.test/api/v1/keys/verify", {
      method: "POST",
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
  );

async function expect401(res: Response) {
  expect(res.status).toBe(401);
  expect(res.headers.get("www-authenticate")).toMatch(/^ApiKey/);
  expect(res.headers.get("cache-control")).toBe("no-store");
  return res.json();
}

describe("GET /api/v1/whoami", () => {
  it("answers a valid key with who it belongs to, and never the hash", async () => {
    const owner = await makeUser();
    const { key, plaintext } = await makeKey(owner, { name: "crm-sync-prod", scopes: ["escrows:read", "webhooks:write"] });
    const res = await call(whoami, "/api/v1/whoami", plaintext, { "x-forwarded-for": "6.6.6.6, 198.51.100.23" });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({
      keyId: key.id,
      name: "crm-sync-prod",
      network: "testnet",
      scopes: ["escrows:read", "webhooks:write"],
      owner: owner.address,
      tenant: { id: owner.workspaceId, slug: owner.address.toLowerCase(), name: "Personal" },
      expiresAt: null,
    });
    await flushKeyUses(); // last use is written in batches, within a second
    const row = await db.apiKey.findUniqueOrThrow({ where: { id: key.id } });
    expect(text).not.toContain(row.hash);
    expect(row.lastUsedIp).toBe("198.51.100.23");
    expect(row.lastUsedAt).not.toBeNull();
  });

  it("gives one identical 401 for missing, malformed, bad-checksum, unknown, disabled, revoked and expired keys", async () => {
    const owner = await makeUser();
    const disabled = await makeKey(owner);
    await setKeyEnabled(asMember(owner, owner.workspaceId), disabled.key.id, false);
    const revoked = await makeKey(owner);
    await revokeKey(asMember(owner, owner.workspaceId), revoked.key.id);
    const expired = await makeKey(owner);
    await db.apiKey.update({ where: { id: expired.key.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const good = await makeKey(owner);
    const badChecksum = good.plaintext.slice(0, -1) + (good.plaintext.endsWith("A") ? "B" : "A");

    const bodies = [];
    for (const key of [
      undefined,
      "hello",
      badChecksum,
      generateKey("testnet", "kp").key,
      disabled.plaintext,
      revoked.plaintext,
      expired.plaintext,
    ]) {
      bodies.push(await expect401(await call(whoami, "/api/v1/whoami", key)));
    }
    expect(new Set(bodies.map((b) => JSON.stringify(b))).size).toBe(1);
    expect(bodies[0]).toEqual(problem("unauthorized", 401, expect.stringContaining("X-API-KEY")));
  });

  it("answers each of many keys presented at once with its own key (their lookups share one statement)", async () => {
    const users = await Promise.all(Array.from({ length: 6 }, () => makeUser()));
    const keys = await Promise.all(users.map((u, i) => makeKey(u, { name: `parallel-${i}` })));
    const presented = [...keys.map((k) => k.plaintext), generateKey("testnet", "kp").key, ...keys.map((k) => k.plaintext).reverse()];
    const answers = await Promise.all(presented.map((key) => call(whoami, "/api/v1/whoami", key)));
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200, 401, 200, 200, 200, 200, 200, 200]);
    const bodies = (await Promise.all(answers.map((r) => r.json()))) as { keyId?: string; owner?: string }[];
    const expected = [...keys.map((k, i) => ({ keyId: k.key.id, owner: users[i]!.address }))];
    expect(bodies.slice(0, 6).map(({ keyId, owner }) => ({ keyId, owner }))).toEqual(expected);
    expect(bodies.slice(7).map(({ keyId, owner }) => ({ keyId, owner }))).toEqual([...expected].reverse());
  });

  // Which names and encodings count: lib/api/key-in-url.test.ts. Here: what the client is told,
  // and that a refused request uses nothing, even with a good key in the header beside it.
  it("refuses a key in the query string with a 400 problem that names the header, before the key is used", async () => {
    const owner = await makeUser();
    const { key, plaintext } = await makeKey(owner);
    for (const url of ["/api/v1/whoami?api_key=x", `/api/v1/whoami?q=${plaintext}`]) {
      const res = await call(whoami, url, plaintext);
      expect(res.status, url).toBe(400);
      expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
      expect(await res.json()).toEqual(problem("key_in_url", 400, expect.stringContaining("X-API-KEY header")));
    }
    await flushKeyUses();
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: key.id } })).lastUsedAt).toBeNull();
    expect((await call(whoami, "/api/v1/whoami", plaintext)).status).toBe(200); // the key itself is fine
  });

  it("never echoes a key sent in the path, and answers other methods with 405 and Allow", async () => {
    const notFound = planeFetch;
    const key = generateKey("testnet", "kp").key;
    const res = await call(notFound, `/api/v1/keys/${key}`);
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).not.toContain(key.slice(8));
    const missing = await call(notFound, "/api/v1/nope");
    expect(missing.headers.get("content-type")).toBe("application/problem+json");
    expect(await missing.json()).toEqual(problem("not_found", 404, "No such endpoint: GET /api/v1/nope."));

    for (const [path, allow] of [
      ["/api/v1/whoami", "GET, HEAD, OPTIONS"],
      ["/api/v1/escrows", "GET, HEAD, OPTIONS"],
      ["/api/v1/keys/verify", "POST, OPTIONS"],
    ] as const) {
      for (const method of ["PUT", "PATCH", "DELETE", allow.startsWith("GET") ? "POST" : "GET"] as const) {
        const r = await planeFetch(new Request(`http://keyport.test${path}`, { method }));
        expect(r.status).toBe(405);
        expect(r.headers.get("allow")).toBe(allow);
        expect(await r.json()).toEqual(problem("method_not_allowed", 405, expect.any(String)));
      }
    }
  });
});

describe("GET /api/v1/escrows (needs escrows:read)", () => {
  it("answers 403 naming the missing scope", async () => {
    const owner = await makeUser();
    const { plaintext } = await makeKey(owner, { scopes: ["webhooks:write"] });
    const res = await call(escrows, "/api/v1/escrows", plaintext);
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual(
      problem("insufficient_scope", 403, expect.stringContaining("escrows:read"), { requiredScope: "escrows:read" }),
    );
  });

  it("returns the caller's list when the scope is granted", async () => {
    const owner = await makeUser();
    const { plaintext } = await makeKey(owner, { scopes: ["escrows:read"] });
    const res = await call(escrows, "/api/v1/escrows", plaintext);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ data: [], indexing: true, network: "testnet" });
  });

  it("401s before scope checks for a bad key", async () => {
    await expect401(await call(escrows, "/api/v1/escrows", generateKey("testnet", "kp").key));
  });
});

describe("POST /api/v1/keys/verify (for other services)", () => {
  it("requires the operator token", async () => {
    expect((await verifyCall({ key: "x" }, null)).status).toBe(401);
    expect((await verifyCall({ key: "x" }, "wrong-token-wrong-token-wrong-token")).status).toBe(401);
  });

  it("reports a valid key, a key lacking the scope, and an invalid key", async () => {
    const owner = await makeUser();
    const { key, plaintext } = await makeKey(owner, { scopes: ["escrows:read"] });
    expect(await (await verifyCall({ key: plaintext })).json()).toEqual({
      valid: true,
      code: "valid",
      keyId: key.id,
      network: "testnet",
      scopes: ["escrows:read"],
      owner: owner.address,
      tenant: { id: owner.workspaceId, slug: owner.address.toLowerCase(), name: "Personal" },
    });
    expect(await (await verifyCall({ key: plaintext, scope: "escrows:write" })).json()).toMatchObject({
      valid: false,
      code: "insufficient_scope",
      keyId: key.id,
    });
    expect(await (await verifyCall({ key: generateKey("testnet", "kp").key })).json()).toEqual({ valid: false, code: "invalid_key" });
  });

  it("rejects bad bodies with a specific 4xx", async () => {
    const bad = async (body: unknown) => {
      const res = await verifyCall(body);
      return { status: res.status, code: ((await res.json()) as { code: string }).code };
    };
    expect(await bad("{not json")).toEqual({ status: 400, code: "invalid_json" });
    expect(await bad({})).toEqual({ status: 400, code: "invalid_request" });
    expect(await bad({ key: 42 })).toEqual({ status: 400, code: "invalid_request" });
    expect(await bad({ key: "x", scope: "root" })).toEqual({ status: 400, code: "invalid_request" });
    expect(await bad({ key: "x".repeat(5000) })).toEqual({ status: 413, code: "body_too_large" });
  });
});

describe("a team key", () => {
  it("names its tenant in whoami and verify, and keeps working after its creator leaves the team", async () => {
    const team = await makeTeam();
    const { key, plaintext } = await makeKey(team.developer, { name: "team-sync" }, team.id);
    const tenant = { id: team.id, slug: team.slug, name: `Team ${team.slug}` };
    expect(await (await call(whoami, "/api/v1/whoami", plaintext)).json()).toMatchObject({
      keyId: key.id,
      owner: team.developer.address,
      tenant,
    });
    expect(await (await verifyCall({ key: plaintext })).json()).toMatchObject({ valid: true, keyId: key.id, tenant });
    expect(await removeMember(team.owner, team.id, team.developer.id)).toMatchObject({ ok: true });
    const after = await call(whoami, "/api/v1/whoami", plaintext);
    expect(after.status).toBe(200);
    expect(await after.json()).toMatchObject({ tenant });
  });
});
