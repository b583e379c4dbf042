// What a route of the API plane says about itself in the OpenAPI document, written beside its
// handler in the route's fastify `schema` (next to the zod schemas that validate and type it).
// @fastify/swagger collects it from every registered route; lib/plane/openapi/document.ts turns
// the parts OpenAPI has no field for (the errors it answers, rate-limit headers, examples, code
// samples) into standard OpenAPI. There is no list of operations kept anywhere else.
import type { ProblemCode } from "@/lib/core/problem";
import type { Scope } from "@/lib/keys/scopes";

export type Auth = "apiKey" | "operatorToken" | "sep10Token" | "none";

export type RouteDocs = {
  operationId: string;
  tag: string;
  summary: string;
  description: string;
  auth: Auth;
  scope?: Scope;
  /** Carries X-RateLimit-* on its answers. */
  rateLimited: boolean;
  /** Every error it can answer; a test provokes each one for real. */
  errors: ProblemCode[];
  /** `status` when it is not 200; `text` when the answer is plain text (stellar.toml), not JSON. */
  response: { description: string; example: unknown; status?: 200 | 201; text?: boolean };
  requestExample?: unknown;
  /** The request to paste, when the path has parameters or a query: the path with example values. */
  examplePath?: string;
};

/** The extension @fastify/swagger copies onto the operation; the document's last step replaces it with standard fields. */
export const DOCS_EXTENSION = "x-keyport-docs";

const SECURITY: Record<Auth, { [scheme: string]: string[] }[]> = {
  apiKey: [{ ApiKey: [] }],
  operatorToken: [{ OperatorToken: [] }],
  sep10Token: [{ Sep10Token: [] }],
  none: [],
};

/** The route's documentation, as fields of its fastify `schema`. */
export function routeDocs(docs: RouteDocs) {
  return {
    operationId: docs.operationId,
    tags: [docs.tag],
    summary: docs.summary,
    description: docs.description + (docs.scope ? `\n\nRequired scope: \`${docs.scope}\`.` : ""),
    security: SECURITY[docs.auth],
    [DOCS_EXTENSION]: docs,
  };
}

/** The errors every keyed operation can answer. */
export const KEY_ERRORS: ProblemCode[] = [
  "key_in_url",
  "unauthorized",
  "ip_not_allowed",
  "method_not_allowed",
  "rate_limited",
  "internal",
  "unavailable",
];

/** The errors every management operation (a SEP-10 token as the bearer) can answer. */
export const BEARER_ERRORS: ProblemCode[] = ["unauthorized", "method_not_allowed", "internal", "unavailable"];
/** …and one under a workspace's path (a workspace, or key, the caller cannot see: 404). */
export const WORKSPACE_ERRORS: ProblemCode[] = [...BEARER_ERRORS, "not_found"];
/** …and one that changes a key: its body, the caller's role, the key rules. */
export const KEY_WRITE_ERRORS: ProblemCode[] = [
  ...WORKSPACE_ERRORS,
  "invalid_json",
  "invalid_request",
  "body_too_large",
  "forbidden",
  "key_refused",
];
/** …and one that changes a webhook endpoint: its body and the caller's role (owners and admins). */
export const WEBHOOK_WRITE_ERRORS: ProblemCode[] = [...WORKSPACE_ERRORS, "invalid_json", "invalid_request", "body_too_large", "forbidden"];
