// Bad input against sign-in and every server action, 1,000+ seeded cases each: nothing
// throws, every answer is a typed result with a message. The session and request
// headers are the inputs substituted (they need a live Next.js request).
import { Keypair, Networks, Transaction } from "@stellar/stellar-sdk";
import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";

const ctx = vi.hoisted(() => {
  process.env.RATE_LIMIT_SIGNIN_PER_MINUTE = "1000000";
  process.env.RATE_LIMIT_KEYS_PER_HOUR = "1000000";
  return { session: null as null | { user: { id: string; address: string } } };
});
vi.mock("@/lib/auth/config", () => ({ auth: async () => ctx.session, signIn: vi.fn(), signOut: vi.fn() }));
vi.mock("next-auth", () => ({ CredentialsSignin: class extends Error {} }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ host: "keyport.test", "x-forwarded-for": "192.0.2.1" }) }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

import * as admin from "@/app/(admin)/admin/actions";
import { completeSignIn, requestChallenge } from "@/app/(auth)/sign-in/actions";
import { WALLET_IDS } from "@/lib/wallets/catalog";
import * as keys from "@/app/(dashboard)/w/[slug]/api-keys/actions";
import * as teams from "@/app/(dashboard)/w/actions";
import { saveMailPreference } from "@/app/(dashboard)/settings/notifications/actions";
import { savePreferences } from "@/app/(dashboard)/settings/preferences/actions";
import { verifyReceipt } from "@/app/verify-receipt/actions";
import { saveProfile } from "@/app/(dashboard)/settings/profile/actions";
import { isSignInErrorCode } from "@/lib/auth/sign-in-errors";
import { verifySignIn } from "@/lib/auth/verify-sign-in";
import { issueChallenge, issueTransactionChallenge } from "@/lib/auth/challenges";
import { db } from "@/lib/database/client";
import { makeKey, makeUser } from "./factories";
import { makeTeam } from "./teams";
import { anyInput, controlText, FUZZ, reactReference } from "./fuzz";

const fieldValue = fc.oneof(
  reactReference,
  fc.string({ unit: "grapheme", maxLength: 200 }),
  fc.string({ unit: "binary", maxLength: 200 }),
  controlText,
  fc.constantFrom(
    "",
    " ",
    "testnet",
    "mainnet",
    "never",
    "30",
    "date",
    "escrows:read",
    "escrows:write",
    "2030-01-01",
    "data:image/png;base64,AAAA",
    "US",
    "+14155550132",
    "owner",
    "admin",
    "developer",
    "viewer",
    "acme-payments",
    Keypair.random().publicKey(),
  ),
  fc.nat({ max: 5000 }).map((n) => "x".repeat(n)),
);
const FIELDS = [
  "name",
  "email",
  "country",
  "phone",
  "useCase",
  "image",
  "network",
  "description",
  "scopes",
  "expiry",
  "expiresOn",
  "keyId",
  "justification",
  "workspaceId",
  "slug",
  "address",
  "role",
  "confirm",
  "userId",
  "invitationId",
];
const formData = fc
  .array(fc.tuple(fc.oneof(fc.constantFrom(...FIELDS), fc.string({ maxLength: 10 })), fieldValue), { maxLength: 14 })
  .map((entries) => {
    const form = new FormData();
    for (const [k, v] of entries) form.append(k, v);
    return form;
  });

function expectResult(r: unknown) {
  expect(r).toBeTypeOf("object");
  const result = r as { ok: unknown; message?: unknown };
  expect(typeof result.ok).toBe("boolean");
  if (!result.ok) expect(typeof result.message).toBe("string");
}

/** Proof-shaped text: base64 and hex of random bytes (64 bytes among them), and the field values above. */
const proofText = fc.oneof(
  fieldValue,
  fc.uint8Array({ maxLength: 800 }).map((b) => Buffer.from(b).toString("base64")),
  fc.uint8Array({ minLength: 64, maxLength: 64 }).map((b) => Buffer.from(b).toString("base64")),
  fc.uint8Array({ minLength: 64, maxLength: 64 }).map((b) => Buffer.from(b).toString("hex")),
);

function expectRefusal(r: Awaited<ReturnType<typeof verifySignIn>>) {
  expect(r.ok).toBe(false);
  if (!r.ok) expect(isSignInErrorCode(r.code)).toBe(true);
}

// Each property signs and verifies real challenges hundreds of times: slow on a busy 2-core machine, not stuck.
describe("fuzz: sign-in", { timeout: 120_000 }, () => {
  it("verifySignIn turns any input into a typed refusal", async () => {
    const attempt = fc.oneof(
      anyInput,
      fc.record({ address: fieldValue, nonce: fieldValue, signature: fieldValue }),
      fc.record({ address: fieldValue, nonce: fieldValue, transaction: proofText }),
      fc.record({ address: fieldValue, nonce: fieldValue, signature: proofText, transaction: proofText }, { requiredKeys: [] }),
    );
    await fc.assert(
      fc.asyncProperty(attempt, async (input) => {
        expectRefusal(await verifySignIn(input));
      }),
      FUZZ,
    );
  });

  it("verifySignIn refuses anything but the right proof for a real challenge of either kind", async () => {
    const wallet = Keypair.random();
    const address = wallet.publicKey();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("message", "transaction"),
        fc.constantFrom("signature", "transaction"),
        proofText,
        async (kind, field, value) => {
          const c =
            kind === "message"
              ? await issueChallenge({ address, network: "testnet", domain: "keyport.test" })
              : await issueTransactionChallenge({ address, network: "testnet" });
          expectRefusal(await verifySignIn({ address, nonce: c.nonce, [field]: value }));
        },
      ),
      // Each run stores a real challenge: 300 cover the 4 kind × field pairs many times over.
      { ...FUZZ, numRuns: Math.min(FUZZ.numRuns, 300) },
    );
  });

  it("verifySignIn answers a genuinely signed challenge transaction with any one byte changed with a typed result", async () => {
    const wallet = Keypair.random();
    const address = wallet.publicKey();
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.integer({ min: 1, max: 255 }), async (at, flip) => {
        const c = await issueTransactionChallenge({ address, network: "testnet" });
        const tx = new Transaction(c.transaction, Networks.TESTNET);
        tx.sign(wallet);
        const bytes = Buffer.from(tx.toXDR(), "base64");
        bytes[at % bytes.length] = (bytes[at % bytes.length] ?? 0) ^ flip;
        const r = await verifySignIn({ address, nonce: c.nonce, transaction: bytes.toString("base64") });
        // A changed signature hint still carries a valid signature; anything else is refused.
        if (!r.ok) expect(isSignInErrorCode(r.code)).toBe(true);
        else expect(r.user.address).toBe(address);
      }),
      FUZZ,
    );
  });

  it("requestChallenge answers any input with a typed result", async () => {
    const proof = fc.oneof(fieldValue, fc.constantFrom("message", "transaction"));
    const valid = fc.record(
      {
        address: fc.constant(Keypair.random().publicKey()),
        networkPassphrase: fc.constantFrom(Networks.TESTNET, Networks.PUBLIC, Networks.FUTURENET, "", "x"),
        proof,
        wallet: fc.oneof(fieldValue, fc.constantFrom(...WALLET_IDS)),
      },
      { requiredKeys: ["address", "networkPassphrase"] },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(anyInput, fc.record({ address: fieldValue, networkPassphrase: fieldValue, proof, wallet: fieldValue }), valid),
        async (input) => {
          expectResult(await requestChallenge(input));
        },
      ),
      FUZZ,
    );
  });

  it("completeSignIn answers any input with a typed result", async () => {
    const attempt = fc.oneof(
      anyInput,
      fc.record({ address: fieldValue, nonce: fieldValue, signature: proofText, transaction: proofText }, { requiredKeys: [] }),
      fc.record({
        address: fc.constant(Keypair.random().publicKey()),
        nonce: fc.string({ unit: fc.constantFrom(..."0123456789abcdef"), minLength: 32, maxLength: 32 }),
        transaction: proofText,
      }),
    );
    await fc.assert(
      fc.asyncProperty(attempt, async (input) => {
        expectResult(await completeSignIn(input));
      }),
      FUZZ,
    );
  });
});

describe("fuzz: server actions", () => {
  it("profile, preferences and key actions answer any form data with a typed result", async () => {
    const user = await makeUser();
    const { key } = await makeKey(user);
    ctx.session = { user: { id: user.id, address: user.address } };
    const actions: ((input: FormData) => Promise<unknown>)[] = [
      (f) => saveProfile(null, f),
      (f) => keys.requestKey(null, f),
      (f) => keys.edit(null, f),
      (f) => keys.askForMainnet(null, f),
    ];
    const objectActions: ((input: unknown) => Promise<unknown>)[] = [
      savePreferences,
      saveMailPreference,
      keys.setEnabled,
      keys.revoke,
      keys.rotate,
      keys.withdrawMainnet,
    ];
    await fc.assert(
      fc.asyncProperty(formData, anyInput, fc.nat(), async (form, input, pick) => {
        expectResult(await actions[pick % actions.length]!(form));
        expectResult(await objectActions[pick % objectActions.length]!(input));
      }),
      FUZZ,
    );
    // A well-formed switch still works after all that, for the session's user only.
    expect(await saveMailPreference({ kind: "invitation", on: false })).toMatchObject({
      ok: true,
      data: { off: expect.arrayContaining(["invitation"]) },
    });
    const on = await saveMailPreference({ kind: "invitation", on: true });
    expect(on.ok && on.data.off).not.toContain("invitation");
    // The key the fuzzer could not name is untouched: ids come from the session's own keys only.
    expect(await db.apiKey.findUniqueOrThrow({ where: { id: key.id }, select: { revokedAt: true } })).toEqual({ revokedAt: null });
  });

  // A crafted post decodes to any value in either position, not only (previous state, FormData).
  it("form actions answer any value in place of their FormData with a typed result", async () => {
    const user = await makeUser();
    ctx.session = { user: { id: user.id, address: user.address } };
    const forms: ((previous: unknown, form: FormData) => Promise<unknown>)[] = [
      saveProfile,
      keys.requestKey,
      keys.edit,
      keys.askForMainnet,
      teams.createTeamAction,
      teams.renameTeamAction,
      teams.deleteTeamAction,
      teams.inviteAction,
      verifyReceipt, // public: rate-limited per client IP, so most of the fuzz meets the limit's answer
      teams.requestLinkAction,
    ];
    for (const action of forms) expectResult(await action({}, null as unknown as FormData));
    await fc.assert(
      fc.asyncProperty(anyInput, fc.oneof(anyInput, formData), fc.nat(), async (previous, form, pick) => {
        expectResult(await forms[pick % forms.length]!(previous, form as FormData));
      }),
      FUZZ,
    );
  });

  it("a NUL or other control character in a text field is a field error, not a database error", async () => {
    const user = await makeUser();
    ctx.session = { user: { id: user.id, address: user.address } };
    const profile = new FormData();
    for (const [k, v] of Object.entries({ name: "Ada\u0000", email: "", country: "", phone: "", useCase: "Payroll\u0000runs", image: "" }))
      profile.set(k, v);
    expect(await saveProfile(null, profile)).toMatchObject({
      ok: false,
      fieldErrors: { name: expect.stringContaining("control characters"), useCase: expect.stringContaining("control characters") },
    });
    const key = new FormData();
    for (const [k, v] of Object.entries({
      network: "testnet",
      name: "crm\u0000sync",
      description: "line one\nline\u001b two",
      scopes: "escrows:read",
      expiry: "never",
    }))
      key.set(k, v);
    expect(await keys.requestKey(null, key)).toMatchObject({
      ok: false,
      fieldErrors: { name: expect.stringContaining("control characters"), description: expect.stringContaining("control characters") },
    });
    expect(await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { name: true } })).toEqual({ name: null });
  });

  it("admin actions answer any input with a typed result", async () => {
    const user = await makeUser();
    await db.user.update({ where: { id: user.id }, data: { role: "admin" } });
    ctx.session = { user: { id: user.id, address: user.address } };
    const all = [
      admin.toggleKey,
      admin.revokeAnyKey,
      admin.findLeakedKey,
      admin.approveMainnet,
      admin.setRole,
      admin.suspendUser,
      admin.decideMainnet,
      admin.setKeyRateLimit,
    ];
    await fc.assert(
      fc.asyncProperty(anyInput, fc.nat(), async (input, pick) => {
        expectResult(await all[pick % all.length]!(input));
      }),
      FUZZ,
    );
  });
});

describe("fuzz: team actions", () => {
  it("every team action answers any input, with real and made-up ids, with a typed result", async () => {
    const team = await makeTeam();
    const { key } = await makeKey(team.owner, {}, team.id);
    // Signed in as the team's developer: real ids reach the data layer, which must refuse or act, never throw.
    ctx.session = { user: { id: team.developer.id, address: team.developer.address } };
    const ids = fc.constantFrom(team.id, team.slug, team.owner.id, team.admin.id, team.viewer.id, team.developer.id, key.id);
    const value = fc.oneof(fieldValue, ids);
    const keysOf = fc.constantFrom(
      "workspaceId",
      "userId",
      "invitationId",
      "keyId",
      "name",
      "slug",
      "address",
      "role",
      "confirm",
      "approvalId",
      "account",
    );
    const objectInput = fc.oneof(anyInput, fc.dictionary(keysOf, value, { maxKeys: 5 }));
    const form = fc.array(fc.tuple(keysOf, value), { maxLength: 8 }).map((entries) => {
      const f = new FormData();
      for (const [k, v] of entries) f.append(k, v);
      return f;
    });
    const formActions = [
      teams.createTeamAction,
      teams.renameTeamAction,
      teams.deleteTeamAction,
      teams.inviteAction,
      teams.requestLinkAction,
    ];
    const objectActions: ((input: unknown) => Promise<unknown>)[] = [
      teams.transferOwnershipAction,
      teams.revokeInvitationAction,
      teams.acceptInvitationAction,
      teams.declineInvitationAction,
      teams.changeRoleAction,
      teams.removeMemberAction,
      teams.leaveTeamAction,
      teams.requestUnlinkAction,
      teams.signApprovalAction,
      teams.completeApprovalAction,
    ];
    await fc.assert(
      fc.asyncProperty(fc.oneof(form, formData), objectInput, fc.nat(), async (f, input, pick) => {
        expectResult(await formActions[pick % formActions.length]!(null, f));
        expectResult(await objectActions[pick % objectActions.length]!(input));
      }),
      FUZZ,
    );
    // A developer cannot have changed the team: its owner, admin and key are as they were.
    expect(await db.membership.count({ where: { workspaceId: team.id, role: "owner" } })).toBe(1);
    expect(await db.apiKey.findUniqueOrThrow({ where: { id: key.id }, select: { revokedAt: true } })).toEqual({ revokedAt: null });
  });
});
