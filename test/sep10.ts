// SEP-10 for tests: a Horizon stand-in served over real HTTP (node:http), and a client that
// gets a challenge from the plane, signs it and exchanges it for a token, as a program would.
import { randomUUID } from "node:crypto";
import { Keypair, TransactionBuilder, type Transaction } from "@stellar/stellar-sdk";
import { vi } from "vitest";
import type { ProblemCode } from "@/lib/core/problem";
import { limitKeyCreation } from "@/lib/limits/limits";
import { limiter } from "@/lib/limits/limiter";
import { CLIENT_IP_HEADER } from "@/lib/http/client-ip";
import { asMember, revokeKey, setKeyEnabled } from "@/lib/data/keys/lifecycle";
import { db } from "@/lib/database/client";
import type { DocumentedOperation } from "@/lib/plane/openapi/operations";
import { webAuthService } from "@/lib/sep10/config";
import { signToken, type Threshold } from "@/lib/sep10/token";
import { createEndpoint, MAX_ENDPOINTS } from "@/lib/data/webhooks/endpoints";
import { makeKey, makeUser, type TestUser } from "./factories";
import { planeFetch } from "./plane";
import { makeTeam } from "./teams";

import { horizonStandIn } from "./horizon-stand-in";

export { horizonStandIn, type StandInAccount } from "./horizon-stand-in";

let ipCount = 0;
/** A client address of its own, so per-IP limits of one test do not reach another. */
export const freshIp = () => `198.18.${Math.floor(++ipCount / 250)}.${(ipCount % 250) + 1}`;

export async function getChallenge(account: string, ip = freshIp(), extra = "") {
  const res = await planeFetch(
    new Request(`http://keyport.test/api/v1/auth?account=${account}${extra}`, { headers: { [CLIENT_IP_HEADER]: ip } }),
  );
  return { res, body: (await res.json()) as { transaction: string; network_passphrase: string } };
}

export function sign(xdr: string, passphrase: string, ...signers: Keypair[]): string {
  const tx = TransactionBuilder.fromXDR(xdr, passphrase) as Transaction;
  tx.sign(...signers);
  return tx.toEnvelope().toXDR("base64");
}

export const postChallenge = (transaction: string, ip = freshIp(), form = false) =>
  planeFetch(
    new Request("http://keyport.test/api/v1/auth", {
      method: "POST",
      headers: { "content-type": form ? "application/x-www-form-urlencoded" : "application/json", [CLIENT_IP_HEADER]: ip },
      body: form ? new URLSearchParams({ transaction }).toString() : JSON.stringify({ transaction }),
    }),
  );

/** GET a challenge, sign it with `signers` (the account's own key when none), POST it: the token. */
export async function tokenFor(account: Keypair, ...signers: Keypair[]): Promise<string> {
  const { body } = await getChallenge(account.publicKey());
  const res = await postChallenge(sign(body.transaction, body.network_passphrase, ...(signers.length ? signers : [account])));
  const json = (await res.json()) as { token?: string };
  if (!json.token) throw new Error(`tokenFor: ${res.status} ${JSON.stringify(json)}`);
  return json.token;
}

export const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString("utf8"));

/** A management token for `user` (a Keyport user), as the web auth endpoint would issue one, with the threshold asked for. */
export function bearerFor(user: { address: string }, threshold: Threshold = "medium"): string {
  const iat = Math.floor(Date.now() / 1000) - 1;
  return signToken({ iss: webAuthService().endpoint, sub: user.address, iat, exp: iat + 600, jti: randomUUID(), threshold });
}

type Sep10Op = Pick<DocumentedOperation, "method" | "path" | "operationId" | "auth">;
type Call = { path?: string; token?: string | null; body?: string; ip?: string };

/** A request of `op` (path parameters filled in by `call.path`), a JSON body but for GET and DELETE, from `call.ip` or a fresh address. */
export function sep10Request(op: Sep10Op, call: Call = {}) {
  const headers: Record<string, string> = { [CLIENT_IP_HEADER]: call.ip ?? freshIp() };
  const body = op.method === "get" || op.method === "delete" ? undefined : call.body;
  if (body !== undefined) headers["content-type"] = "application/json";
  if (call.token) headers.authorization = `Bearer ${call.token}`;
  return planeFetch(new Request(`http://keyport.test${call.path ?? op.path}`, { method: op.method.toUpperCase(), headers, body }));
}

const NEW_KEY = { network: "testnet", name: "ci-deploy", scopes: ["escrows:read"], expiry: "90" };

const isWebhookOp = (op: Sep10Op) => op.path.includes("/webhooks");
const NEW_WEBHOOK = { url: "https://example.com/keyport", events: ["key.created"] };

/** A webhook endpoint of the workspace (made by `user`) with one delivery in its log. */
async function withWebhook(user: TestUser, workspaceId = user.workspaceId) {
  const made = await createEndpoint(user, workspaceId, { ...NEW_WEBHOOK, events: ["*"] });
  if (!made.ok) throw new Error(`createEndpoint: ${made.code}`);
  await makeKey(user, {}, workspaceId);
  const delivery = await db.webhookDelivery.findFirstOrThrow({ where: { endpointId: made.data.endpoint.id }, select: { id: true } });
  return { id: made.data.endpoint.id, deliveryId: delivery.id };
}

/**
 * A user with a key (Testnet, or Mainnet in an approved workspace) in their personal workspace, and
 * its slug; `id` is what the op's `{id}` names: the key, or for a webhook operation an endpoint.
 */
async function withKey(op?: Sep10Op, opts: { mainnet?: boolean } = {}) {
  const user = await makeUser({ mainnetApproved: opts.mainnet });
  const { key } = await makeKey(user, opts.mainnet ? { network: "mainnet" } : {});
  const { slug } = await db.workspace.findUniqueOrThrow({ where: { id: user.workspaceId }, select: { slug: true } });
  const webhook = op && isWebhookOp(op) ? await withWebhook(user) : { id: key.id, deliveryId: "" };
  return { user, key, slug, ...webhook };
}

/** The op's path for this workspace and key or endpoint (`{slug}`, `{id}`). */
const pathFor = (op: Sep10Op, slug: string, id: string) => op.path.replace("{slug}", slug).replace("{id}", id);

/** A body the op takes (and a request that succeeds for the owner); `deliveryId` for a redelivery. */
const bodyFor = (op: Sep10Op, deliveryId = "") =>
  ({
    createKey: JSON.stringify(NEW_KEY),
    updateKey: JSON.stringify({ name: "ci-renamed" }),
    rotateKey: JSON.stringify({ overlap: "none" }),
    createWebhook: JSON.stringify(NEW_WEBHOOK),
    updateWebhook: JSON.stringify({ events: ["*"], enabled: false }),
    rotateWebhookSecret: JSON.stringify({ overlap: "1h" }),
    redeliverWebhook: JSON.stringify({ deliveryId }),
  })[op.operationId];

/** A body the op refuses as invalid. */
const invalidBodyFor = (op: Sep10Op) =>
  JSON.stringify(
    ({ updateKey: { name: 5 }, updateWebhook: { url: 5 }, rotateWebhookSecret: { overlap: "forever" } } as Record<string, unknown>)[
      op.operationId
    ] ?? {},
  );

/** GET a challenge for a new account and sign it with the account's key: a body for POST /api/v1/auth. */
async function signedChallenge() {
  const account = Keypair.random();
  const { body } = await getChallenge(account.publicKey());
  return JSON.stringify({ transaction: sign(body.transaction, body.network_passphrase, account) });
}

/** A call of a SEP-1, SEP-10 or management operation that succeeds (200, or 201 for a creation). */
export async function sep10Success(op: Sep10Op): Promise<Response> {
  if (op.operationId === "stellarToml") return sep10Request(op);
  if (op.operationId === "getChallenge") return sep10Request(op, { path: `${op.path}?account=${Keypair.random().publicKey()}` });
  if (op.operationId === "getToken") return sep10Request(op, { body: await signedChallenge() });
  const { user, slug, id, deliveryId } = await withKey(op);
  return sep10Request(op, { path: pathFor(op, slug, id), token: bearerFor(user), body: bodyFor(op, deliveryId) });
}

/** Fails the first database read of the request the way `error` says (a bug, or the database gone). */
async function failingOnce(error: Error, op: Sep10Op, send: () => Promise<Response>) {
  // Before anything else: the web auth endpoint counts the address, the management API reads the token's user.
  const spy =
    op.auth === "sep10Token"
      ? vi.spyOn(db.user, "findUnique").mockRejectedValueOnce(error)
      : vi.spyOn(limiter, "consume").mockRejectedValueOnce(error);
  try {
    return await send();
  } finally {
    spy.mockRestore();
  }
}

/** Makes a SEP-1, SEP-10 or management operation answer with `code`, for real; null when this helper has no way. */
export async function provokeSep10(op: Sep10Op, code: ProblemCode, horizon: ReturnType<typeof horizonStandIn>): Promise<Response | null> {
  const { user, slug, key, id, deliveryId } = await withKey(op);
  const path = pathFor(op, slug, id);
  const token = bearerFor(user);
  const own = { path, token, body: bodyFor(op, deliveryId) };
  switch (code) {
    case "method_not_allowed":
      return sep10Request({ ...op, method: "put" }, { path });
    case "unauthorized":
      return sep10Request(op, { ...own, token: null });
    case "internal":
    case "unavailable":
      return failingOnce(new Error(code === "internal" ? "a bug" : "connect ECONNREFUSED 127.0.0.1:5432"), op, () =>
        op.operationId === "getChallenge"
          ? sep10Request(op, { path: `${op.path}?account=${user.address}` })
          : sep10Request(op, { ...own, body: own.body ?? JSON.stringify({ transaction: "AAAA" }) }),
      );
    case "not_found":
      return sep10Request(op, { ...own, path: op.path.replace("{slug}", "no-such-workspace").replace("{id}", key.id) });
    case "invalid_json":
      return sep10Request(op, { ...own, body: "{not json" });
    case "invalid_request":
      if (op.operationId === "getChallenge") return sep10Request(op);
      return sep10Request(op, { ...own, body: invalidBodyFor(op) });
    case "invalid_query":
      return sep10Request(op, { path: `${op.path}?account=${user.address}&home_domain=evil.example` });
    case "body_too_large":
      return sep10Request(op, { ...own, body: JSON.stringify({ transaction: "A".repeat(30_000) }) });
    case "invalid_challenge":
      return sep10Request(op, { body: JSON.stringify({ transaction: "not a challenge" }) });
    case "invalid_client_domain":
      return sep10Request(op, {
        path: `${op.path}?account=${user.address}&client_domain=${encodeURIComponent("https://wallet.example/")}`,
      });
    case "horizon_unavailable": {
      const body = await signedChallenge();
      horizon.state.mode = "error";
      try {
        return await sep10Request(op, { body });
      } finally {
        horizon.state.mode = "up";
      }
    }
    case "rate_limited": {
      if (op.auth === "sep10Token") {
        // Key creation and rotation share the user's hourly budget (RATE_LIMIT_KEYS_PER_HOUR).
        while ((await limitKeyCreation(user.id)).ok);
        return sep10Request(op, own);
      }
      // The web auth endpoint's per-address budget (RATE_LIMIT_SIGNIN_PER_MINUTE), spent from one address.
      const ip = freshIp();
      const call =
        op.method === "get" ? { path: `${op.path}?account=${user.address}`, ip } : { body: JSON.stringify({ transaction: "x" }), ip };
      for (;;) {
        const res = await sep10Request(op, call);
        if (res.status === 429) return res;
      }
    }
    case "step_up_required": {
      // Mainnet keys and allowlists need the account's high threshold; this token met medium.
      const live = await withKey(undefined, { mainnet: true });
      const body = {
        createKey: { ...NEW_KEY, network: "mainnet" },
        updateKey: { allowedIps: ["203.0.113.0/24"] },
        rotateKey: { overlap: "none" },
      }[op.operationId];
      return sep10Request(op, { path: pathFor(op, live.slug, live.key.id), token: bearerFor(live.user), body: JSON.stringify(body) });
    }
    case "forbidden": {
      // A viewer cannot create keys; a developer cannot change another member's.
      const team = await makeTeam({ owner: user });
      // Webhooks are for owners and admins: a developer may not touch them.
      if (isWebhookOp(op)) {
        const webhook = await withWebhook(user, team.id);
        return sep10Request(op, {
          path: pathFor(op, team.slug, webhook.id),
          token: bearerFor(team.developer),
          body: bodyFor(op, webhook.deliveryId),
        });
      }
      const teamKey = (await makeKey(user, {}, team.id)).key;
      const member = op.operationId === "createKey" ? team.viewer : team.developer;
      return sep10Request(op, { path: pathFor(op, team.slug, teamKey.id), token: bearerFor(member), body: bodyFor(op) });
    }
    case "key_refused": {
      // The key rules: no Mainnet without the workspace's approval, an admin's disable wins, a revoked key stays revoked.
      if (op.operationId === "createKey") {
        return sep10Request(op, { ...own, token: bearerFor(user, "high"), body: JSON.stringify({ ...NEW_KEY, network: "mainnet" }) });
      }
      if (op.operationId === "updateKey") {
        await setKeyEnabled({ actor: await makeUser(), as: "admin" }, key.id, false, "investigating");
        return sep10Request(op, { ...own, body: JSON.stringify({ enabled: true }) });
      }
      await revokeKey(asMember(user, user.workspaceId), key.id);
      return sep10Request(op, own);
    }
    case "webhook_refused": {
      // Nothing is sent to an endpoint that is off…
      if (op.operationId !== "createWebhook") {
        await db.webhookEndpoint.update({ where: { id }, data: { enabled: false } });
        return sep10Request(op, own);
      }
      // …and a workspace has at most MAX_ENDPOINTS endpoints.
      const count = await db.webhookEndpoint.count({ where: { workspaceId: user.workspaceId } });
      for (let i = count; i < MAX_ENDPOINTS; i++) await createEndpoint(user, user.workspaceId, NEW_WEBHOOK);
      return sep10Request(op, own);
    }
    default:
      return null;
  }
}
