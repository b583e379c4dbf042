// The OpenAPI 3.1 document of /api/v1, generated from the operations' zod schemas
// (z.toJSONSchema, JSON Schema 2020-12, which is OpenAPI 3.1's dialect) and the error
// catalog. Served at /api/v1/openapi.json and rendered at /docs.
import { z } from "zod";
import { PROBLEM_CODES, PROBLEM_CONTENT_TYPE, problemBody, PROBLEMS, type ProblemCode } from "@/lib/api/problem";
import { problemSchema } from "@/lib/validation/api";
import { SNIPPET_LANGUAGES } from "@/lib/docs/snippets";
import { MANAGE_OPERATIONS, type ManageOperation } from "./manage-operations";
import { API_OPERATIONS, EXAMPLE_DETAILS, operationSnippets, type ApiOperation } from "./operations";

// x-codeSamples' language names (as Redoc and Scalar read them).
const SAMPLE_LANG = { curl: "shell", node: "javascript", python: "python" } as const;

type Json = Record<string, unknown>;

const jsonSchema = (schema: z.ZodType, io: "input" | "output"): Json => {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { target: "draft-2020-12", io, unrepresentable: "any" });
  return rest;
};
const ref = (kind: string, name: string) => ({ $ref: `#/components/${kind}/${name}` });

const HEADERS: Record<string, Json> = {
  "X-RateLimit-Limit": { description: "Requests this key may make per minute.", schema: { type: "integer" } },
  "X-RateLimit-Remaining": { description: "Requests left in the current minute.", schema: { type: "integer" } },
  "X-RateLimit-Reset": { description: "Seconds until the count starts again.", schema: { type: "integer" } },
  "Retry-After": { description: "Seconds to wait before retrying.", schema: { type: "integer" } },
  "WWW-Authenticate": {
    description: "How to authenticate: `ApiKey` (X-API-KEY) or `Bearer` (operator token).",
    schema: { type: "string" },
  },
  Allow: { description: "The methods this path accepts.", schema: { type: "string" } },
};

const RATE_HEADERS = ["X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset"];

/** The headers that always come with an error of this code (on a rate-limited operation). */
export function errorHeaders(code: ProblemCode, rateLimited: boolean): string[] {
  const rate = rateLimited ? RATE_HEADERS : [];
  switch (code) {
    case "rate_limited":
      return [...rate, "Retry-After"];
    case "insufficient_scope":
      return rate;
    case "unavailable":
      return ["Retry-After"];
    case "unauthorized":
      return ["WWW-Authenticate"];
    case "method_not_allowed":
      return ["Allow"];
    default:
      return [];
  }
}

/** A response's headers: required when every answer it covers carries them. */
function headers(sets: string[][]): Json | undefined {
  const all = [...new Set(sets.flat())];
  if (!all.length) return undefined;
  return Object.fromEntries(all.map((n) => [n, { ...ref("headers", n), required: sets.every((s) => s.includes(n)) }]));
}

export const exampleProblem = (origin: string, code: ProblemCode) =>
  problemBody(origin, code, EXAMPLE_DETAILS[code].detail, EXAMPLE_DETAILS[code].extensions);

function errorResponses(op: Pick<ApiOperation, "errors" | "rateLimited">): Record<string, Json> {
  const byStatus = new Map<number, ProblemCode[]>();
  for (const code of op.errors) byStatus.set(PROBLEMS[code].status, [...(byStatus.get(PROBLEMS[code].status) ?? []), code]);
  return Object.fromEntries(
    [...byStatus].map(([status, codes]) => [
      String(status),
      {
        description: codes.map((c) => PROBLEMS[c].title).join(" · "),
        headers: headers(codes.map((c) => errorHeaders(c, op.rateLimited))),
        content: {
          [PROBLEM_CONTENT_TYPE]: {
            schema: ref("schemas", "Problem"),
            examples: Object.fromEntries(codes.map((c) => [c, ref("examples", `error-${c}`)])),
          },
        },
      },
    ]),
  );
}

const SECURITY = { apiKey: [{ ApiKey: [] }], operatorToken: [{ OperatorToken: [] }], none: [] } as const;

function operation(op: ApiOperation, origin: string): Json {
  return {
    operationId: op.operationId,
    tags: [op.tag],
    summary: op.summary,
    description: op.description + (op.scope ? `\n\nRequired scope: \`${op.scope}\`.` : ""),
    security: SECURITY[op.security],
    ...(op.request && {
      requestBody: {
        required: true,
        content: { "application/json": { schema: ref("schemas", op.request.name), example: op.request.example } },
      },
    }),
    responses: {
      "200": {
        description: op.response.description,
        headers: headers(op.rateLimited ? [RATE_HEADERS] : []),
        content: {
          "application/json": {
            schema: op.response.schema ? ref("schemas", op.response.name) : { type: "object" },
            example: op.response.example,
          },
        },
      },
      ...errorResponses(op),
    },
    "x-codeSamples": Object.entries(operationSnippets(op, origin)).map(([lang, source]) => ({
      lang: SAMPLE_LANG[lang as keyof typeof SAMPLE_LANG],
      label: SNIPPET_LANGUAGES.find((l) => l.id === lang)!.label,
      source,
    })),
  };
}

/** SEP-1, SEP-10 and the management API (./manage-operations.ts). */
function manageOperation(op: ManageOperation): Json {
  const params = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: "path", required: true, schema: { type: "string" } }));
  const query = (op.query ?? []).map((q) => ({ ...q, in: "query", schema: { type: "string" } }));
  return {
    operationId: op.operationId,
    tags: [op.security === "none" ? "Authentication" : "Management"],
    summary: op.summary,
    description: op.description,
    security: op.security === "none" ? [] : [{ Sep10Token: [] }],
    ...(params.length + query.length && { parameters: [...params, ...query] }),
    ...(op.request && {
      requestBody: {
        required: true,
        content: { "application/json": { schema: ref("schemas", op.request.name), example: op.request.example } },
      },
    }),
    responses: {
      [String(op.response.status)]: {
        description: op.response.description,
        content: {
          [op.response.contentType ?? "application/json"]: {
            schema: op.response.schema ? ref("schemas", op.response.name) : { type: "string" },
          },
        },
      },
      ...errorResponses({ errors: op.errors, rateLimited: false }),
    },
  };
}

export function buildOpenApi(origin: string) {
  const schemas: Record<string, Json> = { Problem: jsonSchema(problemSchema, "output") };
  for (const op of API_OPERATIONS) {
    if (op.request) schemas[op.request.name] = jsonSchema(op.request.schema, "input");
    if (op.response.schema) schemas[op.response.name] = jsonSchema(op.response.schema, "output");
  }
  const paths: Record<string, Json> = {};
  for (const op of API_OPERATIONS) paths[op.path] = { ...paths[op.path], [op.method]: operation(op, origin) };
  for (const op of MANAGE_OPERATIONS) {
    if (op.request) schemas[op.request.name] = jsonSchema(op.request.schema, "input");
    if (op.response.schema) schemas[op.response.name] = jsonSchema(op.response.schema, "output");
    paths[op.path] = { ...paths[op.path], [op.method]: manageOperation(op) };
  }
  return {
    openapi: "3.1.1",
    info: {
      title: "Keyport API",
      version: "1",
      description:
        "The API your servers call with a Keyport key in the `X-API-KEY` header. Errors are RFC 9457 Problem Details " +
        "(`application/problem+json`) whose `type` links to the error's section of this reference and whose `code` is stable.",
    },
    servers: [{ url: origin }],
    tags: [...new Set([...API_OPERATIONS.map((o) => o.tag), "Authentication", "Management"])].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: {
        ApiKey: {
          type: "apiKey",
          in: "header",
          name: "X-API-KEY",
          description: "A key from Settings → API Keys: `kp_test_…` or `kp_live_…`.",
        },
        OperatorToken: { type: "http", scheme: "bearer", description: "The server's `OPERATOR_TOKEN`, for `/api/v1/keys/verify` only." },
        Sep10Token: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "JWT",
          description:
            "A SEP-10 token from `POST /api/v1/auth` (see `/.well-known/stellar.toml`), for the management API. It lasts 15 minutes " +
            "by default and ends when its user signs out everywhere or is suspended.",
        },
      },
      schemas,
      headers: HEADERS,
      examples: Object.fromEntries(
        PROBLEM_CODES.map((code) => [
          `error-${code}`,
          { summary: PROBLEMS[code].title, description: PROBLEMS[code].description, value: exampleProblem(origin, code) },
        ]),
      ),
    },
  };
}

export type OpenApiDocument = ReturnType<typeof buildOpenApi>;
