import { otherMethods } from "@/lib/api/methods";
import { createHash, timingSafeEqual } from "node:crypto";
import { apiError, apiJson } from "@/lib/api/respond";
import { apiRoute } from "@/lib/api/route";
import { env } from "@/lib/env";
import { checkKey, limitKey, touchKey } from "@/lib/api/key-auth";
import { rateLimitHeaders } from "@/lib/api/rate-limit";
import { ipFromHeaders } from "@/lib/api/request-ip";
import type { Scope } from "@/lib/keys/scopes";
import { verifyRequestSchema, type VerifyResponse } from "@/lib/validation/api";

const MAX_BODY = 4096;

function sameSecret(a: string, b: string): boolean {
  // Hash first so lengths match and the comparison takes constant time.
  const digest = (s: string) => createHash("sha256").update(s).digest();
  return timingSafeEqual(digest(a), digest(b));
}

/**
 * Lets other backends check a Keyport key: POST { key, scope? } with
 * `Authorization: Bearer <OPERATOR_TOKEN>`.
 */
export const POST = apiRoute(async (request: Request) => {
  if (!env.OPERATOR_TOKEN) {
    return apiError("not_configured", "Key verification for other services is off: set OPERATOR_TOKEN on the server to enable it.");
  }
  const token = request.headers.get("authorization")?.match(/^Bearer (.+)$/)?.[1];
  if (!token || !sameSecret(token, env.OPERATOR_TOKEN)) {
    return apiError(
      "unauthorized",
      "Send the operator token as `Authorization: Bearer <token>`.",
      {},
      { "WWW-Authenticate": 'Bearer realm="keyport"' },
    );
  }
  if (Number(request.headers.get("content-length") ?? 0) > MAX_BODY) {
    return apiError("body_too_large", `The body must be at most ${MAX_BODY} bytes.`);
  }
  const text = await request.text();
  if (text.length > MAX_BODY) return apiError("body_too_large", `The body must be at most ${MAX_BODY} bytes.`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return apiError("invalid_json", 'The body must be JSON: { "key": "...", "scope": "escrows:read" }.');
  }
  const parsed = verifyRequestSchema.safeParse(json);
  if (!parsed.success) return apiError("invalid_request", parsed.error.issues.map((i) => i.message).join(" "));

  const result = await checkKey(parsed.data.key, parsed.data.scope);
  if (!result.ok && result.reason === "invalid") return apiJson({ valid: false, code: "invalid_key" } satisfies VerifyResponse);
  // A check on behalf of a request is a use of the key: it spends a point of the key's limit,
  // and a key past its limit is not valid right now.
  const limit = await limitKey(result.key);
  if (!limit.ok)
    return apiJson({ valid: false, code: "rate_limited", keyId: result.key.id, retryAfter: limit.retryAfter } satisfies VerifyResponse, {
      headers: rateLimitHeaders(limit),
    });
  touchKey(result.key.id, ipFromHeaders(request.headers));
  const { key } = result;
  const found = { keyId: key.id, network: key.network, scopes: key.scopes as Scope[], owner: key.createdBy.address, tenant: key.workspace };
  return apiJson(
    (result.ok
      ? { valid: true, code: "valid", ...found }
      : { valid: false, code: "insufficient_scope", ...found }) satisfies VerifyResponse,
  );
});

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
