// @module-tag postgres
// GitHub's secret-scanning reports, through the real route and database: signed with a key
// pair made here (offline), as GitHub signs them.
import { signed } from "@/test/step-up";
import { createHash, generateKeyPairSync, sign } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";

const GITHUB = await vi.hoisted(async () => {
  // Before the route reads its configuration: a key pair made here, its public half configured.
  const { generateKeyPairSync: gen } = await import("node:crypto");
  const current = gen("ec", { namedCurve: "prime256v1" });
  const pem = current.publicKey.export({ type: "spki", format: "pem" }).toString();
  process.env.GITHUB_SECRET_SCANNING_KEYS = JSON.stringify({ public_keys: [{ key_identifier: "gh-key-1", key: pem, is_current: true }] });
  process.env.RATE_LIMIT_BAD_KEYS_PER_MINUTE = "10000000";
  return { current };
});

import { db } from "@/lib/database/client";
import { requireMember } from "@/lib/data/workspaces/access";
import { asMember, revokeKey, rotateKey, setKeyEnabled, updateKey } from "@/lib/data/keys/lifecycle";
import { keysPayload } from "@/lib/data/keys/list";
import { keyHashSecret } from "@/lib/core/env";
import { generateKey } from "@/lib/keys/format";
import { hashKey } from "@/lib/keys/hash";
import { makeKey, makeUser } from "@/test/factories";
import { anyInput, controlText, expectApiError, FUZZ, nestedJson } from "@/test/fuzz";
import { planeFetch as whoami } from "@/test/plane";
import { POST as report } from "./route";

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");
const item = (token: string, url = "https://github.com/acme/app/blob/abc/.env") => ({
  token,
  type: "keyport_api_key",
  url,
  source: "content",
});

function post(body: string | Buffer, headers: Record<string, string | undefined> | "sign" = "sign", signer = GITHUB.current) {
  const bytes = Buffer.isBuffer(body) ? body : Buffer.from(body);
  const h =
    headers === "sign"
      ? {
          "github-public-key-identifier": "gh-key-1",
          "github-public-key-signature": sign("sha256", bytes, signer.privateKey).toString("base64"),
        }
      : headers;
  return report(
    new Request("http://keyport.test/api/secret-scanning/github", {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(Object.fromEntries(Object.entries(h).filter(([, v]) => v)) as Record<string, string>),
      },
      body: new Uint8Array(bytes),
    }),
  );
}

const whoamiStatus = async (key: string) =>
  (await whoami(new Request("http://keyport.test/api/v1/whoami", { headers: { "X-API-KEY": key } }))).status;
const leakEvents = (keyId: string) => db.auditEvent.count({ where: { targetId: keyId, action: "key.leak" } });

describe("POST /api/secret-scanning/github", () => {
  it("labels a signed batch, quarantines the live key at once and audits where each key leaked", async () => {
    const owner = await makeUser();
    const live = await makeKey(owner, { name: "crm-sync-prod" });
    const revoked = await makeKey(owner);
    await revokeKey(asMember(owner, owner.workspaceId), revoked.key.id);
    const unknown = generateKey("testnet", "kp").key;
    expect(await whoamiStatus(live.plaintext)).toBe(200); // now in this instance's cache

    const batch = [item(live.plaintext), item(revoked.plaintext, "https://gist.github.com/x/1"), item(unknown), item("kp_test_nope")];
    const res = await post(JSON.stringify(batch));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual([
      { token_hash: sha256(live.plaintext), token_type: "keyport_api_key", label: "true_positive" },
      { token_hash: sha256(revoked.plaintext), token_type: "keyport_api_key", label: "true_positive" },
      { token_hash: sha256(unknown), token_type: "keyport_api_key", label: "false_positive" },
      { token_hash: sha256("kp_test_nope"), token_type: "keyport_api_key", label: "false_positive" },
    ]);

    expect(await whoamiStatus(live.plaintext)).toBe(401);
    const events = await db.auditEvent.findMany({ where: { action: "key.leak" }, orderBy: { targetId: "asc" } });
    expect(events.map((e) => [e.targetId, (e.details as { url: string }).url]).sort()).toEqual(
      [
        [live.key.id, "https://github.com/acme/app/blob/abc/.env"],
        [revoked.key.id, "https://gist.github.com/x/1"],
      ].sort(),
    );
    expect(events[0]).toMatchObject({
      actorId: null,
      details: expect.objectContaining({ source: "content", reportedBy: "GitHub secret scanning" }),
    });

    // The owner sees it, with where it was found; nobody can turn it back on.
    const access = await requireMember(owner.id, { id: owner.workspaceId }, "read");
    if (!access.ok) throw new Error("the owner must read their own workspace");
    const view = (await keysPayload(access.member)).keys.find((k) => k.id === live.key.id)!;
    expect(view).toMatchObject({ status: "leaked", leak: { url: "https://github.com/acme/app/blob/abc/.env", source: "content" } });
    const admin = await makeUser();
    expect(await setKeyEnabled(asMember(owner, owner.workspaceId), live.key.id, true)).toMatchObject({ ok: false, code: "leaked" });
    expect(await setKeyEnabled(asMember(owner, owner.workspaceId), live.key.id, false)).toMatchObject({ ok: false, code: "leaked" });
    expect(await setKeyEnabled({ actor: admin, as: "admin" }, live.key.id, true)).toMatchObject({ ok: false, code: "leaked" });
    expect(
      await signed(owner, (s) =>
        updateKey(owner, owner.workspaceId, live.key.id, { name: "x-y", description: null, scopes: ["escrows:read"] }, s),
      ),
    ).toMatchObject({
      ok: false,
      code: "leaked",
    });
    expect(await whoamiStatus(live.plaintext)).toBe(401);

    // Rotating is the way out: the successor works at once, the leaked key never again (no overlap, whatever was asked).
    const rotated = await signed(owner, (s) => rotateKey(owner, owner.workspaceId, live.key.id, "7d", s));
    expect(rotated.ok).toBe(true);
    if (!rotated.ok) return;
    expect(await whoamiStatus(rotated.data.plaintext)).toBe(200);
    expect(await whoamiStatus(live.plaintext)).toBe(401);
    expect(rotated.data.oldKey.status).toBe("expired");
  });

  it("refuses unsigned, tampered and wrongly signed reports with 401, changing nothing", async () => {
    const owner = await makeUser();
    const live = await makeKey(owner);
    const body = JSON.stringify([item(live.plaintext)]);
    const signature = sign("sha256", Buffer.from(body), GITHUB.current.privateKey).toString("base64");
    const stranger = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
    const attempts = [
      post(body.replace("acme", "acmf"), { "github-public-key-identifier": "gh-key-1", "github-public-key-signature": signature }),
      post(body, { "github-public-key-identifier": "gh-key-2", "github-public-key-signature": signature }),
      post(body, { "github-public-key-identifier": "gh-key-1" }),
      post(body, { "github-public-key-signature": signature }),
      post(body, {}),
      post(body, "sign", stranger),
      post(body, { "github-public-key-identifier": "gh-key-1", "github-public-key-signature": "%%%" }),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ code: "invalid_signature", status: 401 });
    }
    expect(await whoamiStatus(live.plaintext)).toBe(200);
    expect(await leakEvents(live.key.id)).toBe(0);
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: live.key.id } })).leakedAt).toBeNull();
  });

  it("is idempotent: a resent batch, even several at once, audits each key once", async () => {
    const owner = await makeUser();
    const keys = await Promise.all([makeKey(owner), makeKey(owner)]);
    const body = JSON.stringify(keys.map((k) => item(k.plaintext)));
    const first = await (await post(body)).json();
    const again = await Promise.all(Array.from({ length: 5 }, () => post(body)));
    for (const res of again) expect(await res.json()).toEqual(first);
    for (const k of keys) expect(await leakEvents(k.key.id)).toBe(1);

    const fresh = await makeKey(owner);
    const parallel = await Promise.all(Array.from({ length: 8 }, () => post(JSON.stringify([item(fresh.plaintext)]))));
    expect(parallel.map((r) => r.status)).toEqual(Array(8).fill(200));
    expect(await leakEvents(fresh.key.id)).toBe(1);
  });

  it("handles a batch of 1,000 of our keys within 10 s, in one transaction", async () => {
    const owner = await makeUser();
    const secret = keyHashSecret();
    const tokens = Array.from({ length: 1000 }, () => generateKey("testnet", "kp"));
    await db.apiKey.createMany({
      data: tokens.map((t, i) => ({
        workspaceId: owner.workspaceId,
        createdById: owner.id,
        name: `bulk-${i}`,
        network: "testnet" as const,
        start: t.start,
        end: t.end,
        hash: hashKey(t.key, secret),
        scopes: ["escrows:read"],
      })),
    });
    const body = JSON.stringify(tokens.map((t, i) => item(t.key, `https://github.com/acme/app/blob/abc/file-${i}.env`)));
    const started = performance.now();
    const res = await post(body);
    const took = performance.now() - started;
    expect(res.status).toBe(200);
    const labels = (await res.json()) as { label: string }[];
    expect(labels.every((l) => l.label === "true_positive")).toBe(true);
    expect(await db.apiKey.count({ where: { workspaceId: owner.workspaceId, leakedAt: { not: null } } })).toBe(1000);
    expect(
      await db.auditEvent.count({
        where: {
          action: "key.leak",
          targetId: {
            in: (await db.apiKey.findMany({ where: { workspaceId: owner.workspaceId }, select: { id: true } })).map((k) => k.id),
          },
        },
      }),
    ).toBe(1000);
    const resentAt = performance.now();
    expect((await post(body)).status).toBe(200);
    const resent = performance.now() - resentAt;
    console.info(`[secret-scanning] 1,000-token batch: ${took.toFixed(0)} ms; resent: ${resent.toFixed(0)} ms`);
    expect(took).toBeLessThan(10_000);
  }, 60_000);

  it("never answers a 5xx, signed or not: huge, nested, NUL, any JSON", async () => {
    const owner = await makeUser();
    const { plaintext } = await makeKey(owner);
    const text = fc.oneof(controlText, fc.string({ unit: "binary", maxLength: 100 }), fc.constant(plaintext), fc.anything());
    const bodies = fc.oneof(
      fc.json({ maxDepth: 4 }),
      anyInput.filter((v) => typeof v === "string").map((v) => JSON.stringify(v)),
      nestedJson,
      controlText,
      fc
        .array(fc.record({ token: text, type: text, url: text, source: text }, { requiredKeys: [] }), { maxLength: 5 })
        .map((v) => JSON.stringify(v)),
      fc.nat({ max: 3_000_000 }).map((n) => `[{"token":"${"x".repeat(n)}","type":"t"}]`),
      fc.nat({ max: 6_000 }).map((n) => JSON.stringify(Array.from({ length: n }, () => item("x")))),
      fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b).toString("latin1")),
    );
    await fc.assert(
      fc.asyncProperty(bodies, fc.boolean(), async (body, signed) => {
        const res = await post(body, signed ? "sign" : {});
        if (res.status === 200) expect(Array.isArray(await res.json())).toBe(true);
        else await expectApiError(res, signed ? [400, 413] : [401, 413]);
      }),
      { ...FUZZ, numRuns: Math.min(FUZZ.numRuns, 300) },
    );
  }, 120_000);

  it("answers other methods with 405", async () => {
    const { GET } = await import("./route");
    expect(GET().status).toBe(405);
  });
});
