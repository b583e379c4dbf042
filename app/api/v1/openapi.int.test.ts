// The OpenAPI document: valid OpenAPI 3.1 (checked by @seriousme/openapi-schema-validator),
// covering every route of the API plane, and every error example it documents is what the
// operation really answers.
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
import { planeFetch, testPlane } from "@/test/plane";

const doc = buildOpenApi(env.publicOrigin);
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
  const handler = planeFetch;
  const owner = await makeUser();
  const fresh = async () =>
    (
      await makeKey(owner, {
        scopes: code === "insufficient_scope" ? ["webhooks:write"] : ["escrows:read"],
        // The test requests come from loopback: this allowlist refuses them.
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
      return planeFetch(new Request(`http://keyport.test${op.path}`, { method: op.method === "get" ? "POST" : "GET" }));
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
    const res = await planeFetch(new Request("http://keyport.test/api/v1/openapi.json"));
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

  it("documents every route of the API plane, and every method that does not answer 405", async () => {
    // fastify writes path parameters as `:id`, OpenAPI as `{id}`.
    const urls = [...new Set((await testPlane()).keyportRoutes.map((r) => r.url.replace(/:(\w+)/g, "{$1}")))];
    expect(urls.sort()).toEqual(Object.keys(doc.paths).sort());
    for (const url of urls) {
      for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"] as const) {
        const documented = (doc.paths[url] as Record<string, unknown>)[method.toLowerCase()];
        if (documented) continue;
        const res = await planeFetch(new Request(`http://keyport.test${url}`, { method }));
        expect(res.status, `${method} ${url} is served but not documented`).toBe(405);
      }
    }
  });

  it("lists each operation's real success body under its schema", async () => {
    const owner = await makeUser();
    const { plaintext } = await makeKey(owner, { scopes: ["escrows:read"] });
    for (const op of API_OPERATIONS) {
      const res = await planeFetch(request(op, { key: plaintext, body: JSON.stringify({ key: plaintext }) }));
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
