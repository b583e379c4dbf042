// What /api/v1 offers, one entry per operation: the handlers' own zod schemas, the errors
// each can answer, and a copy-paste request. lib/api/openapi/document.ts turns this into
// OpenAPI 3.1 and /docs renders the document; a test checks every route of the API plane
// (lib/plane) is here, and that every documented error is what the route really answers.
import type { z } from "zod";
import { UNAUTHORIZED_MESSAGE, type ProblemCode } from "@/lib/api/problem";
import type { Scope } from "@/lib/keys/scopes";
import { requestSnippets, type SnippetRequest } from "@/lib/docs/snippets";
import { escrowsResponseSchema, verifyRequestSchema, verifyResponseSchema, whoamiResponseSchema } from "@/lib/validation/api";

export type Security = "apiKey" | "operatorToken" | "none";

export type ApiOperation = {
  method: "get" | "post";
  path: string;
  operationId: string;
  tag: string;
  summary: string;
  description: string;
  security: Security;
  scope?: Scope;
  /** Carries X-RateLimit-* on its answers. */
  rateLimited: boolean;
  request?: { name: string; schema: z.ZodType; example: unknown };
  response: { name: string; schema?: z.ZodType; description: string; example: unknown };
  errors: ProblemCode[];
};

const SECRET_HEADERS: Record<Security, SnippetRequest["secretHeaders"]> = {
  apiKey: { "X-API-KEY": { env: "KEYPORT_API_KEY" } },
  operatorToken: { Authorization: { env: "KEYPORT_OPERATOR_TOKEN", prefix: "Bearer " } },
  none: {},
};

/** The operation as requests to paste (curl, Node.js, Python), with $KEYPORT_API_KEY / $KEYPORT_OPERATOR_TOKEN to fill in. */
export function operationSnippets(op: ApiOperation, origin: string) {
  return requestSnippets({
    method: op.method === "get" ? "GET" : "POST",
    url: `${origin}${op.path}`,
    secretHeaders: SECRET_HEADERS[op.security],
    body: op.request?.example,
  });
}

const KEY_ERRORS: ProblemCode[] = [
  "key_in_url",
  "unauthorized",
  "ip_not_allowed",
  "method_not_allowed",
  "rate_limited",
  "internal",
  "unavailable",
];
const OWNER = "GDQP2KPQGKIHYJGXNUIYOMHARUARCA7DJT5FO2FFOOKY3B2WSQHG4W37";
const KEY_ID = "cmabc123def456ghi789jkl0";
const TENANT = { id: "cmwks0123456789abcdefghij", slug: "acme-payments", name: "Acme Payments" };

export const API_OPERATIONS: ApiOperation[] = [
  {
    method: "get",
    path: "/api/v1/whoami",
    operationId: "whoami",
    tag: "Keys",
    summary: "Check a key works",
    description: "The low-impact call to check a key: who it belongs to and what it may do. Needs any working key.",
    security: "apiKey",
    rateLimited: true,
    response: {
      name: "Whoami",
      schema: whoamiResponseSchema,
      description: "The key's id, name, network, scopes, owner and expiry.",
      example: {
        keyId: KEY_ID,
        name: "crm-sync-prod",
        network: "testnet",
        scopes: ["escrows:read"],
        owner: OWNER,
        tenant: TENANT,
        expiresAt: null,
      },
    },
    errors: KEY_ERRORS,
  },
  {
    method: "get",
    path: "/api/v1/escrows",
    operationId: "listEscrows",
    tag: "Escrows",
    summary: "List your indexed escrows",
    description: "The escrows indexed for the key's owner. Needs the `escrows:read` scope.",
    security: "apiKey",
    scope: "escrows:read",
    rateLimited: true,
    response: {
      name: "Escrows",
      schema: escrowsResponseSchema,
      description: "The caller's escrows on the key's network.",
      example: { data: [], indexing: true, network: "testnet" },
    },
    errors: [...KEY_ERRORS, "insufficient_scope"],
  },
  {
    method: "post",
    path: "/api/v1/keys/verify",
    operationId: "verifyKey",
    tag: "Keys",
    summary: "Verify a key for another service",
    description:
      "For the platform's own servers: checks a Keyport key someone presented to them (and optionally a scope), " +
      "with `Authorization: Bearer $OPERATOR_TOKEN`. Send the caller's address as `ip`: the key's IP allowlist applies to it " +
      "as to a direct request. A check spends a point of the key's rate limit. " +
      "Bodies are at most 4 KB. Cache a `valid` answer for a few seconds at most.",
    security: "operatorToken",
    rateLimited: false,
    request: {
      name: "VerifyRequest",
      schema: verifyRequestSchema,
      example: { key: "kp_test_…", scope: "escrows:read", ip: "203.0.113.7" },
    },
    response: {
      name: "VerifyResult",
      schema: verifyResponseSchema,
      description: "Whether the key works (and holds the scope), with whom it belongs to.",
      example: { valid: true, code: "valid", keyId: KEY_ID, network: "testnet", scopes: ["escrows:read"], owner: OWNER, tenant: TENANT },
    },
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
  },
  {
    method: "get",
    path: "/api/v1/openapi.json",
    operationId: "openapi",
    tag: "Reference",
    summary: "This API as OpenAPI 3.1",
    description: "The document this reference is rendered from. No key needed.",
    security: "none",
    rateLimited: false,
    response: { name: "OpenAPI", description: "An OpenAPI 3.1 document.", example: { openapi: "3.1.1", info: { title: "Keyport API" } } },
    errors: ["method_not_allowed"],
  },
];

/** A plausible `detail` for each error, for the document's examples. */
export const EXAMPLE_DETAILS: Record<ProblemCode, { detail: string; extensions?: Record<string, unknown> }> = {
  bad_request: { detail: "The URL is not valid percent-encoding." },
  invalid_json: { detail: 'The body must be JSON: { "key": "...", "scope": "escrows:read" }.' },
  invalid_request: { detail: "key is required and must be a string." },
  invalid_query: { detail: "pageSize: Invalid option: expected one of 10|25|50|100" },
  key_in_url: {
    detail: "API keys are not accepted in the URL, where they leak into logs and browser history. Send the key in the X-API-KEY header.",
  },
  unauthorized: { detail: UNAUTHORIZED_MESSAGE },
  invalid_signature: { detail: "The Github-Public-Key-Signature does not verify." },
  invalid_challenge: {
    detail: "That challenge was already used: a challenge is good for one attempt. Get a new one.",
    extensions: { reason: "replayed", error: "That challenge was already used: a challenge is good for one attempt. Get a new one." },
  },
  step_up_required: {
    detail: "Creating a Mainnet key needs a token whose signatures met the account's high threshold; this one met medium.",
    extensions: { requiredThreshold: "high", tokenThreshold: "medium" },
  },
  key_refused: {
    detail: "This workspace has 10 live keys, the most allowed. Revoke one first.",
    extensions: { reason: "key_limit" },
  },
  horizon_unavailable: {
    detail: "Horizon could not be reached to read the account's signers, so no token was issued. Get a new challenge and retry.",
  },
  forbidden: { detail: "Admins only." },
  insufficient_scope: {
    detail: 'This key lacks the "escrows:read" scope. Edit the key\'s scopes or use another key.',
    extensions: { requiredScope: "escrows:read" },
  },
  ip_not_allowed: {
    detail:
      "This key may not be used from 198.51.100.7. Its owner allows it only from listed addresses; add this one to the key's IP allowlist or call from an allowed server.",
  },
  invalid_action: { detail: 'The value "$F1" is a reference Keyport\'s pages never send.' },
  cross_origin: { detail: "Cross-origin form posts are refused." },
  action_not_found: { detail: "This page does not offer that server action: post it to the page that shows it." },
  not_found: { detail: "No such endpoint: GET /api/v1/nope." },
  method_not_allowed: { detail: "This endpoint accepts GET only." },
  length_required: { detail: "Send a Content-Length with the request." },
  body_too_large: { detail: "The body must be at most 4096 bytes." },
  unsupported_media_type: { detail: "Pages accept form posts only." },
  rate_limited: { detail: "This key made more than 600 requests in a minute. Retry after 12 s." },
  internal: { detail: "Something went wrong on our side. Retry, and contact support if it persists." },
  not_configured: { detail: "Key verification for other services is off: set OPERATOR_TOKEN on the server to enable it." },
  unavailable: { detail: "Keyport cannot reach its database right now. Retry in a few seconds." },
};
