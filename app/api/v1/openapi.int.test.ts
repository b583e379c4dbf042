// The OpenAPI document: valid OpenAPI 3.1 (checked by @seriousme/openapi-schema-validator),
// covering every route handler under app/api/v1, and every error example it documents is
// what the operation really answers.
import fs from "node:fs";
import path from "node:path";
import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it, vi } from "vitest";

const OPERATOR = vi.hoisted(() => {
  process.env.RATE_LIMIT_API_PER_MINUTE = "2";
  return (process.env.OPERATOR_TOKEN = "operator-token-for-openapi-0123456789");
});

import { buildOpenApi, errorHeaders } from "@/lib/api/openapi/document";
import { API_OPERATIONS, type ApiOperation } from "@/lib/api/openapi/operations";
import type { ProblemCode } from "@/lib/api/problem";
import { db, pgPool } from "@/lib/db";
import { env } from "@/lib/env";
import { generateKey } from "@/lib/keys/format";
import { problemSchema } from "@/lib/validation/api";
import { makeKey, makeUser } from "@/test/factories";
import { GET as openapiRoute } from "./openapi.json/route";

type Handler = (r: Request) => Response | Promise<Response>;
type Route = Partial<Record<"GET" | "POST" | "PUT" | "PATCH" | "DELETE", Handler>>;

const API_DIR = path.join(process.cwd(), "app/api/v1");

/** Every route.ts under app/api/v1 but the catch-all 404, as its URL path. */
function routeFiles(dir = API_DIR): { file: string; path: string }[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name.startsWith("[...") ? [] : routeFiles(full);
    return e.name === "route.ts" ? [{ file: full, path: `/api/v1/${path.relative(API_DIR, dir).split(path.sep).join("/")}` }] : [];
  });
}

const doc = buildOpenApi(env.publicOrigin);
const load = (op: ApiOperation) =>
  import(/* @vite-ignore */ path.join(API_DIR, op.path.slice("/api/v1/".length), "route.ts")) as Promise<Route>;
const request = (op: ApiOperation, init: { key?: string; token?: string | null; body?: string; query?: string } = {}) => {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (init.key) headers["x-api-key"] = init.key;
  if (init.token !== null) headers.authorization = `Bearer ${init.token ?? OPERATOR}`;
  return new Request(`http://keyport.test${op.path}${init.query ?? ""}`, {
    method: op.method.toUpperCase(),
    headers,
    body: op.method === "post" ? (init.body ?? JSON.stringify({ key: generateKey("testnet", "kp").key })) : undefined,
  });
};

/** Makes the operation answer with `code`, for real. */
async function provoke(op: ApiOperation, code: ProblemCode): Promise<Response> {
  const route = await load(op);
  const handler = route[op.method.toUpperCase() as "GET" | "POST"]!;
  const owner = await makeUser();
  const fresh = async () =>
    (
      await makeKey(owner, {
        scopes: code === "insufficient_scope" ? ["webhooks:write"] : ["escrows:read"],
        // The test requests carry no client address: any allowlist refuses them.
        allowedIps: code === "ip_not_allowed" ? ["203.0.113.0/24"] : [],
      })
    ).plaintext;
  const dbFails = async (error: Error) => {
    // The key lookup (findKeyByHash): on PostgreSQL it runs on the pool directly, else through Prisma.
    const spy = pgPool
      ? vi.spyOn(pgPool, "query").mockRejectedValueOnce(error as never)
      : vi.spyOn(db, "$queryRawUnsafe").mockRejectedValueOnce(error);
    try {
      return await handler(request(op, { key: generateKey("testnet", "kp").key }));
    } finally {
      spy.mockRestore();
    }
  };
  switch (code) {
    case "key_in_url":
      return handler(request(op, { key: await fresh(), query: "?api_key=x" }));
    case "unauthorized":
      return handler(request(op, { token: null }));
    case "method_not_allowed":
      return (op.method === "get" ? route.POST : route.GET)!(request(op));
    case "rate_limited": {
      const key = await fresh();
      for (let i = 0; i < env.RATE_LIMIT_API_PER_MINUTE; i++) expect((await handler(request(op, { key }))).status).toBe(200);
      return handler(request(op, { key }));
    }
    case "insufficient_scope":
    case "ip_not_allowed":
      return handler(request(op, { key: await fresh() }));
    case "invalid_json":
      return handler(request(op, { body: "{not json" }));
    case "invalid_request":
      return handler(request(op, { body: "{}" }));
    case "body_too_large":
      return handler(request(op, { body: JSON.stringify({ key: "k".repeat(5000) }) }));
    case "not_configured": {
      const token = env.OPERATOR_TOKEN;
      (env as { OPERATOR_TOKEN?: string }).OPERATOR_TOKEN = undefined;
      try {
        return await handler(request(op));
      } finally {
        (env as { OPERATOR_TOKEN?: string }).OPERATOR_TOKEN = token;
      }
    }
    case "internal":
      return dbFails(new Error("a bug"));
    case "unavailable":
      return dbFails(new Error("connect ECONNREFUSED 127.0.0.1:5432"));
    default:
      throw new Error(`no way to provoke ${code} on ${op.operationId}: add one`);
  }
}

describe("GET /api/v1/openapi.json", () => {
  it("is a valid OpenAPI 3.1 document whose references all resolve", async () => {
    const res = openapiRoute();
    expect(res.status).toBe(200);
    const served = await res.json();
    expect(served).toEqual(JSON.parse(JSON.stringify(doc)));
    const validator = new Validator();
    const result = await validator.validate(served);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
    expect(() => validator.resolveRefs()).not.toThrow();
    expect(served.components.securitySchemes.ApiKey).toMatchObject({ type: "apiKey", in: "header", name: "X-API-KEY" });
  });

  it("documents every route handler under app/api/v1, and every method that does not answer 405", async () => {
    const files = routeFiles();
    expect(files.map((f) => f.path).sort()).toEqual(Object.keys(doc.paths).sort());
    for (const { file, path: url } of files) {
      const route = (await import(file)) as Route;
      for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"] as const) {
        const handler = route[method];
        if (!handler) continue;
        const documented = (doc.paths[url] as Record<string, unknown>)[method.toLowerCase()];
        if (documented) continue;
        const res = await handler(new Request(`http://keyport.test${url}`, { method }));
        expect(res.status, `${method} ${url} is served but not documented`).toBe(405);
      }
    }
  });

  it("lists each operation's real success body under its schema", async () => {
    const owner = await makeUser();
    const { plaintext } = await makeKey(owner, { scopes: ["escrows:read"] });
    for (const op of API_OPERATIONS) {
      const route = await load(op);
      const res = await route[op.method.toUpperCase() as "GET" | "POST"]!(
        request(op, { key: plaintext, body: JSON.stringify({ key: plaintext }) }),
      );
      expect(res.status, op.operationId).toBe(200);
      const body = await res.json();
      if (op.response.schema) {
        expect(op.response.schema.safeParse(body).success, op.operationId).toBe(true);
        expect(op.response.schema.safeParse(op.response.example).success, `${op.operationId} example`).toBe(true);
      }
      if (op.rateLimited) expect(res.headers.get("x-ratelimit-limit"), op.operationId).toBe(String(env.RATE_LIMIT_API_PER_MINUTE));
    }
  });

  for (const op of API_OPERATIONS) {
    it(`${op.method.toUpperCase()} ${op.path}: every documented error example matches a real response`, async () => {
      const responses = (doc.paths[op.path] as Record<string, { responses: Record<string, { headers?: Record<string, unknown> }> }>)[
        op.method
      ]!.responses;
      for (const code of op.errors) {
        const example = doc.components.examples[`error-${code}`]!.value;
        const res = await provoke(op, code);
        const real = await res.json();
        expect(res.headers.get("content-type"), code).toBe("application/problem+json");
        expect(res.status, code).toBe(example.status);
        expect(problemSchema.safeParse(real).success, code).toBe(true);
        expect({ ...real, detail: "" }, code).toEqual({ ...example, detail: "" });
        for (const header of errorHeaders(code, op.rateLimited)) {
          expect(responses[String(res.status)]?.headers?.[header], `${code}: ${header} documented`).toBeDefined();
          expect(res.headers.get(header), `${code}: ${header}`).not.toBeNull();
        }
      }
    });
  }
});
