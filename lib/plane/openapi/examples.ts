// Example values for the OpenAPI document: a plausible answer for each error code, and the
// ids and addresses the routes' examples use (lib/plane/routes/*).
import { UNAUTHORIZED_MESSAGE, type ProblemCode } from "@/lib/core/problem";

export const EXAMPLE_OWNER = "GDQP2KPQGKIHYJGXNUIYOMHARUARCA7DJT5FO2FFOOKY3B2WSQHG4W37";
export const EXAMPLE_KEY_ID = "cmabc123def456ghi789jkl0";
export const EXAMPLE_TENANT = { id: "cmwks0123456789abcdefghij", slug: "acme-payments", name: "Acme Payments" };
/** A key as the management API answers it (lib/validation/manage.ts). */
export const EXAMPLE_KEY_VIEW = {
  id: EXAMPLE_KEY_ID,
  name: "ci-deploy",
  description: null,
  network: "testnet",
  masked: "kp_test_4fQ0…a1B2",
  scopes: ["escrows:read"],
  status: "active",
  enabled: true,
  createdAt: "2026-12-07T10:00:00.000Z",
  expiresAt: "2027-03-07T10:00:00.000Z",
  revokedAt: null,
  allowedIps: [],
};
export const EXAMPLE_WEBHOOK_ID = "cmwhk0123456789abcdefghij";
/** A webhook endpoint as the management API answers it (lib/validation/webhooks.ts). */
export const EXAMPLE_WEBHOOK_VIEW = {
  id: EXAMPLE_WEBHOOK_ID,
  url: "https://example.com/keyport",
  description: "Billing service",
  events: ["key.created", "key.revoked"],
  enabled: true,
  disabledAt: null,
  disabledReason: null,
  failingSince: null,
  previousSecretExpiresAt: null,
  createdAt: "2026-12-07T10:00:00.000Z",
};
/** The management API's paths with the example workspace and key in them. */
export const EXAMPLE_WORKSPACE_PATH = `/api/v1/workspaces/${EXAMPLE_TENANT.slug}`;
export const EXAMPLE_KEY_PATH = `${EXAMPLE_WORKSPACE_PATH}/keys/${EXAMPLE_KEY_ID}`;
export const EXAMPLE_WEBHOOK_PATH = `${EXAMPLE_WORKSPACE_PATH}/webhooks/${EXAMPLE_WEBHOOK_ID}`;

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
  invalid_client_domain: {
    detail: "client_domain must be a host name, with a port if it needs one (e.g. wallet.example.com), and nothing else.",
    extensions: {
      reason: "client_domain_invalid",
      error: "client_domain must be a host name, with a port if it needs one (e.g. wallet.example.com), and nothing else.",
    },
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
    extensions: {
      error: "Horizon could not be reached to read the account's signers, so no token was issued. Get a new challenge and retry.",
    },
  },
  webhook_refused: {
    detail: "This workspace has 20 webhook endpoints, the most allowed. Delete one first.",
    extensions: { reason: "too_many_endpoints" },
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
  bad_gateway: { detail: "The platform's API at /escrows could not be reached (connection refused)." },
  gateway_timeout: { detail: "The platform's API did not answer within 30 s." },
  not_configured: { detail: "Key verification for other services is off: set OPERATOR_TOKEN on the server to enable it." },
  unavailable: { detail: "Keyport cannot reach its database right now. Retry in a few seconds." },
};
