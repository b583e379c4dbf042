// The SEP-1/SEP-10 endpoints and the management API in the OpenAPI document, until the document
// is generated from the route schemas (@fastify/swagger): the routes (lib/plane/routes/web-auth.ts,
// manage-*.ts) carry the same zod schemas, tags, summaries and security, so this list goes then.
import type { z } from "zod";
import type { ProblemCode } from "@/lib/api/problem";
import { requestSnippets, type SnippetRequest } from "@/lib/docs/snippets";
import {
  createKeyBody,
  keyListSchema,
  keyResponseSchema,
  newKeyResponseSchema,
  rotateKeyBody,
  rotatedKeyResponseSchema,
  updateKeyBody,
  usageResponseSchema,
  workspacesResponseSchema,
} from "@/lib/validation/manage";
import { challengeResponseSchema, tokenRequestSchema, tokenResponseSchema } from "@/lib/validation/web-auth";

export type ManageOperation = {
  method: "get" | "post" | "patch" | "delete";
  path: string;
  operationId: string;
  summary: string;
  description: string;
  security: "sep10Token" | "none";
  query?: { name: string; required: boolean; description: string }[];
  /** The query string of the documented request to paste. */
  exampleQuery?: string;
  request?: { name: string; schema: z.ZodType; example: unknown };
  response: { status: 200 | 201; name: string; schema?: z.ZodType; contentType?: string; description: string };
  errors: ProblemCode[];
};

const BEARER: ProblemCode[] = ["unauthorized", "method_not_allowed", "internal", "unavailable"];
const IN_WORKSPACE: ProblemCode[] = [...BEARER, "not_found"];
const WRITE: ProblemCode[] = [...IN_WORKSPACE, "invalid_json", "invalid_request", "body_too_large", "forbidden", "key_refused"];
const WS = "/api/v1/workspaces/{slug}";
const KEY = `${WS}/keys/{id}`;
const key = (name = "KeyResponse", schema: z.ZodType = keyResponseSchema) => ({
  status: 200 as const,
  name,
  schema,
  description: "The key.",
});

export const MANAGE_OPERATIONS: ManageOperation[] = [
  {
    method: "get",
    path: "/.well-known/stellar.toml",
    operationId: "stellarToml",
    summary: "Discover the web auth endpoint (SEP-1)",
    description: "`NETWORK_PASSPHRASE`, `SIGNING_KEY`, `WEB_AUTH_ENDPOINT` and `[DOCUMENTATION]`, as TOML. Any origin may read it.",
    security: "none",
    response: { status: 200, name: "StellarToml", contentType: "text/plain", description: "This server's stellar.toml." },
    errors: ["method_not_allowed"],
  },
  {
    method: "get",
    path: "/api/v1/auth",
    operationId: "getChallenge",
    summary: "Get a SEP-10 challenge",
    description:
      "A challenge transaction for `account`, signed by `SIGNING_KEY`, valid 5 minutes. Sign it with the account's key(s); never submit it.",
    security: "none",
    query: [
      { name: "account", required: true, description: "The Stellar account (G…) to authenticate." },
      {
        name: "memo",
        required: false,
        description: "An ID memo: the token's `sub` becomes `G…:memo` (not accepted by the management API).",
      },
      { name: "home_domain", required: false, description: "This server's home domain (its host, with the port)." },
    ],
    exampleQuery: "?account=GDQP2KPQGKIHYJGXNUIYOMHARUARCA7DJT5FO2FFOOKY3B2WSQHG4W37",
    response: { status: 200, name: "Challenge", schema: challengeResponseSchema, description: "The challenge and the network it is for." },
    errors: ["invalid_request", "invalid_query", "rate_limited", "method_not_allowed", "internal", "unavailable"],
  },
  {
    method: "post",
    path: "/api/v1/auth",
    operationId: "getToken",
    summary: "Exchange a signed challenge for a token",
    description:
      "JSON or `application/x-www-form-urlencoded`. Every check of SEP-10's Token section; for an account that exists its signers and " +
      "thresholds are read from Horizon, and the token records the highest threshold met (`low`, `medium`, `high`). Single use.",
    security: "none",
    request: { name: "TokenRequest", schema: tokenRequestSchema, example: { transaction: "AAAAAgAAAAD…" } },
    response: { status: 200, name: "Token", schema: tokenResponseSchema, description: "A JWT for `Authorization: Bearer`." },
    errors: [
      "invalid_challenge",
      "invalid_json",
      "invalid_request",
      "body_too_large",
      "rate_limited",
      "horizon_unavailable",
      "method_not_allowed",
      "internal",
      "unavailable",
    ],
  },
  {
    method: "get",
    path: "/api/v1/workspaces",
    operationId: "listWorkspaces",
    summary: "List your workspaces",
    description: "Every workspace you belong to, with your role: the `slug` starts the other management paths.",
    security: "sep10Token",
    response: { status: 200, name: "Workspaces", schema: workspacesResponseSchema, description: "Your workspaces." },
    errors: BEARER,
  },
  {
    method: "get",
    path: `${WS}/keys`,
    operationId: "listKeys",
    summary: "List a workspace's keys",
    description: "Every key of the workspace, as its API keys page shows them (never a secret).",
    security: "sep10Token",
    response: { status: 200, name: "Keys", schema: keyListSchema, description: "The keys, newest first." },
    errors: IN_WORKSPACE,
  },
  {
    method: "post",
    path: `${WS}/keys`,
    operationId: "createKey",
    summary: "Create a key (shown once)",
    description:
      "The rules of the API keys page: your role, your use case, the cap, Mainnet approval. A Mainnet key needs a high-threshold token. " +
      "The key is in this response only.",
    security: "sep10Token",
    request: {
      name: "CreateKeyRequest",
      schema: createKeyBody,
      example: { network: "testnet", name: "ci-deploy", scopes: ["escrows:read"], expiry: "90" },
    },
    response: { status: 201, name: "NewKey", schema: newKeyResponseSchema, description: "The key, and its plaintext once." },
    errors: [...WRITE, "step_up_required", "rate_limited"],
  },
  {
    method: "get",
    path: KEY,
    operationId: "getKey",
    summary: "Get a key",
    description: "One key of the workspace, with its predecessor and successor.",
    security: "sep10Token",
    response: key(),
    errors: IN_WORKSPACE,
  },
  {
    method: "patch",
    path: KEY,
    operationId: "updateKey",
    summary: "Change a key",
    description:
      "Name, description, scopes, rate limit, `enabled`, and the IP allowlist (which needs a high-threshold token). Fields left out stay.",
    security: "sep10Token",
    request: { name: "UpdateKeyRequest", schema: updateKeyBody, example: { name: "ci-deploy-prod", enabled: true } },
    response: key(),
    errors: [...WRITE, "step_up_required"],
  },
  {
    method: "delete",
    path: KEY,
    operationId: "revokeKey",
    summary: "Revoke a key",
    description: "For good; revoking twice changes nothing.",
    security: "sep10Token",
    response: key(),
    errors: [...IN_WORKSPACE, "forbidden"],
  },
  {
    method: "post",
    path: `${KEY}/rotate`,
    operationId: "rotateKey",
    summary: "Rotate a key (the new one shown once)",
    description:
      "A new secret under every rule of the old key; the old one works for `overlap`. A Mainnet key needs a high-threshold token.",
    security: "sep10Token",
    request: { name: "RotateKeyRequest", schema: rotateKeyBody, example: { overlap: "24h" } },
    response: key("RotatedKey", rotatedKeyResponseSchema),
    errors: [...WRITE, "step_up_required", "rate_limited"],
  },
  {
    method: "get",
    path: `${KEY}/usage`,
    operationId: "keyUsage",
    summary: "A key's usage",
    description: "Requests per hour (`24h`) or day (`7d`, `30d`) by outcome, and the latest requests.",
    security: "sep10Token",
    query: [{ name: "range", required: false, description: "`24h` (default), `7d` or `30d`." }],
    exampleQuery: "?range=7d",
    response: { status: 200, name: "KeyUsage", schema: usageResponseSchema, description: "The key's usage." },
    errors: IN_WORKSPACE,
  },
];

/** The operation as requests to paste, with example path values and the token in $KEYPORT_TOKEN. */
export function manageSnippets(op: ManageOperation, origin: string) {
  const path = op.path.replace("{slug}", "acme-payments").replace("{id}", "cmabc123def456ghi789jkl0");
  return requestSnippets({
    method: op.method.toUpperCase() as SnippetRequest["method"],
    url: `${origin}${path}${op.exampleQuery ?? ""}`,
    secretHeaders: op.security === "none" ? {} : { Authorization: { env: "KEYPORT_TOKEN", prefix: "Bearer " } },
    body: op.request?.example,
    text: op.response.contentType === "text/plain",
  });
}
