import { createHash, timingSafeEqual } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { keyDeps, touchKey, verifyKey, type KeyDeps, type Verdict } from "@/lib/api/key-auth";
import { rateLimitHeaders } from "@/lib/api/rate-limit";
import { env } from "@/lib/env";
import type { Scope } from "@/lib/keys/scopes";
import { verifyRequestSchema, verifyResponseSchema, type VerifyResponse } from "@/lib/validation/api";
import { clientIp } from "../client-ip";
import { onlyMethods } from "../methods";
import { EXAMPLE_KEY_ID, EXAMPLE_OWNER, EXAMPLE_TENANT } from "../openapi/examples";
import { routeDocs } from "../openapi/route-docs";
import { sendJson, sendProblem } from "../reply";

export const VERIFY_MAX_BODY = 4096;

// The operator's backend is not the one presenting the key: its address buys no bad-key
// budget of its own (the key's limit and allowlist still apply, to the caller's address).
const verifyDeps: KeyDeps = Object.create(keyDeps, { badKeys: { value: undefined } });

function sameSecret(a: string, b: string): boolean {
  // Hash first so lengths match and the comparison takes constant time.
  const digest = (s: string) => createHash("sha256").update(s).digest();
  return timingSafeEqual(digest(a), digest(b));
}

/** Before the body is read: the endpoint is on, and the caller holds the operator token. */
async function operatorOnly(request: FastifyRequest, reply: FastifyReply) {
  if (!env.OPERATOR_TOKEN) {
    return sendProblem(
      reply,
      "not_configured",
      "Key verification for other services is off: set OPERATOR_TOKEN on the server to enable it.",
    );
  }
  const token = request.headers.authorization?.match(/^Bearer (.+)$/)?.[1];
  if (!token || !sameSecret(token, env.OPERATOR_TOKEN)) {
    return sendProblem(
      reply,
      "unauthorized",
      "Send the operator token as `Authorization: Bearer <token>`.",
      {},
      { "WWW-Authenticate": 'Bearer realm="keyport"' },
    );
  }
}

/** The verify answer for each verdict: one entry per status, as for a direct request. */
function bodyOf(verdict: Verdict): VerifyResponse {
  if (verdict.status === "invalid" || verdict.status === "too_many_bad_keys") return { valid: false, code: "invalid_key" };
  const { key } = verdict;
  if (verdict.status === "rate_limited") return { valid: false, code: "rate_limited", keyId: key.id, retryAfter: verdict.limit.retryAfter };
  if (verdict.status === "ip_not_allowed") return { valid: false, code: "ip_not_allowed", keyId: key.id };
  const found = { keyId: key.id, network: key.network, scopes: key.scopes as Scope[], owner: key.createdBy.address, tenant: key.workspace };
  return verdict.status === "valid" ? { valid: true, code: "valid", ...found } : { valid: false, code: "insufficient_scope", ...found };
}

/**
 * Lets other backends check a Keyport key: POST { key, scope?, ip? } with
 * `Authorization: Bearer <OPERATOR_TOKEN>`. `ip` is the address the key's caller came from:
 * the key's IP allowlist applies to it exactly as to a direct request (without it, a key with
 * an allowlist is not valid). A check spends a point of the key's limit: it is a use.
 */
export function verifyRoute(app: FastifyInstance) {
  app.withTypeProvider<ZodTypeProvider>().post(
    "/api/v1/keys/verify",
    {
      bodyLimit: VERIFY_MAX_BODY,
      onRequest: operatorOnly,
      schema: {
        ...routeDocs({
          operationId: "verifyKey",
          tag: "Keys",
          summary: "Verify a key for another service",
          description:
            "For the platform's own servers: checks a Keyport key someone presented to them (and optionally a scope), " +
            "with `Authorization: Bearer $OPERATOR_TOKEN`. Send the caller's address as `ip`: the key's IP allowlist applies to it " +
            "as to a direct request. A check spends a point of the key's rate limit. " +
            `Bodies are at most ${VERIFY_MAX_BODY / 1024} KB. Cache a \`valid\` answer for a few seconds at most.`,
          auth: "operatorToken",
          rateLimited: false,
          errors: [
            "invalid_json",
            "invalid_request",
            "unauthorized",
            "method_not_allowed",
            "body_too_large",
            "internal",
            "not_configured",
            "unavailable",
          ],
          requestExample: { key: "kp_test_…", scope: "escrows:read", ip: "203.0.113.7" },
          response: {
            description: "Whether the key works (and holds the scope), with whom it belongs to.",
            example: {
              valid: true,
              code: "valid",
              keyId: EXAMPLE_KEY_ID,
              network: "testnet",
              scopes: ["escrows:read"],
              owner: EXAMPLE_OWNER,
              tenant: EXAMPLE_TENANT,
            },
          },
        }),
        body: verifyRequestSchema,
        response: { 200: verifyResponseSchema },
      },
    },
    async (request, reply) => {
      const { key, scope, ip } = request.body;
      const verdict = await verifyKey(key, { scope, ip: ip ?? null }, verifyDeps);
      if (verdict.status === "valid" || verdict.status === "insufficient_scope") touchKey(verdict.key.id, ip ?? clientIp(request));
      return sendJson(reply, bodyOf(verdict), verdict.status === "rate_limited" ? rateLimitHeaders(verdict.limit) : {});
    },
  );
  onlyMethods(app, "/api/v1/keys/verify", "POST");
}
