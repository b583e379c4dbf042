// RFC 9457 Problem Details: the one error shape of every JSON route. Each error has a stable
// `code`, a fixed status and title, and a `type` URL that is its section of the API reference
// (/docs#error-<code>), so a client can branch on `code` and a person can follow `type`.
// Pure (no env, no server-only): server.ts, the routes, the OpenAPI document and /docs share it.

export const PROBLEM_CONTENT_TYPE = "application/problem+json";

/** One message for every kind of bad key: it tells an attacker nothing. */
export const UNAUTHORIZED_MESSAGE = "Missing or invalid API key. Send an active key in the X-API-KEY header.";

type ProblemSpec = { status: number; title: string; description: string };

export const PROBLEMS = {
  bad_request: {
    status: 400,
    title: "Bad request",
    description: "The URL is not valid percent-encoding, or the request target is not a path. Fix the URL; nothing was done.",
  },
  invalid_json: {
    status: 400,
    title: "Body is not JSON",
    description: "The body did not parse as JSON. Send `Content-Type: application/json` and a JSON object.",
  },
  invalid_request: {
    status: 400,
    title: "Invalid request body",
    description: "The body parsed but a field is missing or wrong; `detail` names each one. Fix them and send it again.",
  },
  invalid_query: { status: 400, title: "Invalid query", description: "A query parameter is out of range or unknown; `detail` names it." },
  key_in_url: {
    status: 400,
    title: "API key in the URL",
    description:
      "A key was found in the query string or the path, where it would be written to access logs and browser history. " +
      "Send it in the `X-API-KEY` header instead — and rotate it, since it has travelled in a URL. The key is never echoed back.",
  },
  unauthorized: {
    status: 401,
    title: "Missing or invalid credentials",
    description:
      "The same answer for a missing, malformed, unknown, disabled, revoked, leaked or expired key, so it tells an attacker nothing. " +
      "Check the key in Settings → API Keys. Comes with a `WWW-Authenticate` header.",
  },
  invalid_signature: {
    status: 401,
    title: "Invalid signature",
    description:
      "A secret-scanning report whose signature is missing or does not verify with a configured public key. Nothing was changed.",
  },
  invalid_challenge: {
    status: 400,
    title: "Challenge transaction refused",
    description:
      "SEP-10: the signed challenge failed a check; `reason` says which (malformed, wrong_server_key, wrong_network, " +
      "wrong_home_domain, wrong_web_auth_domain, extra_operations, not_issued, replayed, expired, missing_client_signature, " +
      "missing_client_domain_signature, unknown_signature, weight_below_threshold) and `error` repeats `detail` for SEP-10 clients. Get a new challenge and sign it again.",
  },
  invalid_client_domain: {
    status: 400,
    title: "Client domain refused",
    description:
      "SEP-10: the challenge's `client_domain` cannot be used; `reason` says why (client_domain_invalid, client_domain_not_public, " +
      "client_domain_unreachable, client_domain_no_signing_key) and `error` repeats `detail`. Fix the domain's stellar.toml or leave it out.",
  },
  step_up_required: {
    status: 403,
    title: "Stronger signature needed",
    description:
      "The management token's signatures met a lower threshold of the account than this operation needs (`requiredThreshold`). " +
      "Creating or rotating a Mainnet key and changing a key's scopes or allowlist need the account's high threshold: sign a new challenge with enough signers.",
  },
  key_refused: {
    status: 409,
    title: "Key change refused",
    description:
      "The key rules refused the change, as the API keys screen would; `reason` is the rule (key_limit, mainnet_not_approved, " +
      "admin_disabled, revoked, leaked, use_case_required, suspended, …) and `detail` says what to do.",
  },
  webhook_refused: {
    status: 409,
    title: "Webhook change refused",
    description:
      "The webhook rules refused the change; `reason` is the rule (too_many_endpoints: a workspace has at most 20; endpoint_off: " +
      "a test or a redelivery to an endpoint that is off; rotation_in_progress: a rotation while the previous secret still signs) " +
      "and `detail` says what to do.",
  },
  forbidden: { status: 403, title: "Forbidden", description: "Signed in, but this needs an admin." },
  insufficient_scope: {
    status: 403,
    title: "Key lacks a scope",
    description:
      "The key is valid but lacks the scope this operation needs; `requiredScope` names it. Edit the key's scopes or use another key.",
  },
  ip_not_allowed: {
    status: 403,
    title: "IP address not allowed",
    description:
      "The key has an IP allowlist and this request came from an address outside it; `detail` names the address seen. " +
      "Add it to the key's allowed IPs (Settings → API Keys → Edit) or call from an allowed server.",
  },
  invalid_action: {
    status: 400,
    title: "Invalid server-action request",
    description:
      "A page POST that Keyport's own pages never send: a React reference in the arguments, arguments that are not a list, " +
      "a malformed or unexpected multipart part, JSON that does not parse, data nested too deeply; `detail` says which. Nothing was run.",
  },
  cross_origin: {
    status: 403,
    title: "Cross-origin request",
    description: "A page POST whose `Origin` is another site, `null` or not a URL. Post from Keyport's own pages; nothing was run.",
  },
  action_not_found: {
    status: 404,
    title: "Server action not found",
    description:
      "The `Next-Action` header names no action of this deployment, or one that the page posted to does not offer " +
      "(a page left open across a deployment: reload it). Nothing was run.",
  },
  not_found: {
    status: 404,
    title: "Not found",
    description: "No operation at this method and path, or what it names does not exist (or is not yours). See the operations above.",
  },
  method_not_allowed: {
    status: 405,
    title: "Method not allowed",
    description: "The path exists but not with this method; the `Allow` header lists the methods it accepts.",
  },
  length_required: { status: 411, title: "Length required", description: "A page POST without `Content-Length`. Send one." },
  body_too_large: { status: 413, title: "Body too large", description: "The body is over this operation's size limit; `detail` gives it." },
  unsupported_media_type: {
    status: 415,
    title: "Unsupported media type",
    description: "A page POST that is neither form data nor a server-action body (`text/plain`, `multipart/form-data`).",
  },
  rate_limited: {
    status: 429,
    title: "Rate limit exceeded",
    description:
      "The key made more requests in a minute than its limit, or your address presented too many invalid keys. " +
      "Wait for `Retry-After` seconds; `X-RateLimit-*` headers say where you stand.",
  },
  internal: { status: 500, title: "Internal error", description: "Something failed on our side. Retry; contact support if it persists." },
  bad_gateway: {
    status: 502,
    title: "Upstream unreachable",
    description:
      "Gateway mode: the key was accepted, but the platform's API refused the connection or dropped it before answering. " +
      "Nothing is known to have happened upstream; retry idempotent requests.",
  },
  gateway_timeout: {
    status: 504,
    title: "Upstream timed out",
    description:
      "Gateway mode: the key was accepted, but the platform's API did not connect or answer within the gateway's timeout. " +
      "The request may or may not have been carried out upstream.",
  },
  not_configured: {
    status: 503,
    title: "Not configured",
    description: "This operation is switched off on this server (for example `OPERATOR_TOKEN` is unset). Ask the operator.",
  },
  horizon_unavailable: {
    status: 503,
    title: "Horizon unavailable",
    description:
      "SEP-10: the account's signers could not be read from Horizon, so no token was issued on a guess. Get a new challenge and retry shortly.",
  },
  unavailable: {
    status: 503,
    title: "Temporarily unavailable",
    description: "The database cannot be reached right now. Retry after `Retry-After` seconds.",
  },
} as const satisfies Record<string, ProblemSpec>;

export type ProblemCode = keyof typeof PROBLEMS;
export const PROBLEM_CODES = Object.keys(PROBLEMS) as ProblemCode[];

export type Problem = {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ProblemCode;
  [extension: string]: unknown;
};

/** The anchor of an error's section on /docs. */
export const problemAnchor = (code: ProblemCode) => `error-${code}`;
export const problemType = (origin: string, code: ProblemCode) => `${origin}/docs#${problemAnchor(code)}`;

/** A problem document; extension members (requiredScope, retryAfter…) sit beside the standard ones. */
export function problemBody(origin: string, code: ProblemCode, detail: string, extensions: Record<string, unknown> = {}): Problem {
  const { status, title } = PROBLEMS[code];
  return { ...extensions, type: problemType(origin, code), title, status, detail, code };
}
