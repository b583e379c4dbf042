// @module-tag postgres
// The OpenAPI document, as @fastify/swagger generates it from the API plane's routes: valid
// OpenAPI 3.1 (checked by @seriousme/openapi-schema-validator), covering every route of the
// plane, every real success body valid under the schema it documents (checked by Ajv, JSON
// Schema 2020-12), and every error example it documents what the operation really answers.
import { Validator } from "@seriousme/openapi-schema-validator";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

const OPERATOR = vi.hoisted(() => {
  process.env.RATE_LIMIT_API_PER_MINUTE = "2";
  process.env.RATE_LIMIT_SIGNIN_PER_MINUTE = "5";
  process.env.SEP10_NETWORK = "testnet";
  process.env.HORIZON_URL_TESTNET = "http://127.0.0.1:4410";
  return (process.env.OPERATOR_TOKEN = "operator-token-for-openapi-0123456789");
});

import type { ProblemCode } from "@/lib/core/problem";
import { db, pgPool } from "@/lib/database/client";
import { env } from "@/lib/core/env";
import { generateKey } from "@/lib/keys/format";
import { errorHeaders } from "@/lib/plane/openapi/document";
import { documentedOperations, type DocumentedOperation, type OpenApiDocument } from "@/lib/plane/openapi/operations";
import { problemSchema } from "@/lib/validation/api";
import { createEndpoint } from "@/lib/data/webhooks/endpoints";
import { WEBHOOK_EVENT_TYPES } from "@/lib/webhooks/events";
import { makeKey, makeUser } from "@/test/factories";
import { planeFetch, testPlane } from "@/test/plane";
import { horizonStandIn, provokeSep10, sep10Success } from "@/test/sep10";

// Horizon for POST /api/v1/auth: unknown accounts (404), or down when a test says so.
const horizon = horizonStandIn(4410);
beforeAll(() => horizon.listen());
afterAll(() => horizon.close());

/** SEP-1, SEP-10 and the management API: called with their own credentials (test/sep10.ts). */
const isSep10 = (op: DocumentedOperation) => op.auth === "sep10Token" || op.tag === "Authentication";

const doc = (await testPlane()).swagger() as unknown as OpenApiDocument;
const operations = documentedOperations(doc);
const request = (op: DocumentedOperation, init: { key?: string; token?: string | null; body?: string; query?: string } = {}) => {
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
async function provoke(op: DocumentedOperation, code: ProblemCode): Promise<Response> {
  if (isSep10(op)) {
    const res = await provokeSep10(op, code, horizon);
    if (res) return res;
    throw new Error(`no way to provoke ${code} on ${op.operationId}: add one to test/sep10.ts`);
  }
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
    expect(served.openapi).toBe("3.1.1");
    expect(served.servers).toEqual([{ url: env.publicOrigin }]);
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

  it("names each operation, and says how to call it: auth, scope, a request to paste", () => {
    expect(operations.map((op) => `${op.method} ${op.path} ${op.operationId} ${op.auth} ${op.scope ?? "-"}`).sort()).toEqual([
      "delete /api/v1/workspaces/{slug}/keys/{id} revokeKey sep10Token -",
      "delete /api/v1/workspaces/{slug}/webhooks/{id} deleteWebhook sep10Token -",
      "get /.well-known/stellar.toml stellarToml none -",
      "get /api/v1/auth getChallenge none -",
      "get /api/v1/escrows listEscrows apiKey escrows:read",
      "get /api/v1/openapi.json openapi none -",
      "get /api/v1/whoami whoami apiKey -",
      "get /api/v1/workspaces listWorkspaces sep10Token -",
      "get /api/v1/workspaces/{slug}/keys listKeys sep10Token -",
      "get /api/v1/workspaces/{slug}/keys/{id} getKey sep10Token -",
      "get /api/v1/workspaces/{slug}/keys/{id}/usage keyUsage sep10Token -",
      "get /api/v1/workspaces/{slug}/webhooks listWebhooks sep10Token -",
      "get /api/v1/workspaces/{slug}/webhooks/{id}/deliveries listWebhookDeliveries sep10Token -",
      "patch /api/v1/workspaces/{slug}/keys/{id} updateKey sep10Token -",
      "patch /api/v1/workspaces/{slug}/webhooks/{id} updateWebhook sep10Token -",
      "post /api/v1/auth getToken none -",
      "post /api/v1/keys/verify verifyKey operatorToken -",
      "post /api/v1/workspaces/{slug}/keys createKey sep10Token -",
      "post /api/v1/workspaces/{slug}/keys/{id}/rotate rotateKey sep10Token -",
      "post /api/v1/workspaces/{slug}/webhooks createWebhook sep10Token -",
      "post /api/v1/workspaces/{slug}/webhooks/{id}/redeliver redeliverWebhook sep10Token -",
      "post /api/v1/workspaces/{slug}/webhooks/{id}/rotate-secret rotateWebhookSecret sep10Token -",
      "post /api/v1/workspaces/{slug}/webhooks/{id}/test sendWebhookTest sep10Token -",
    ]);
    for (const op of operations) {
      // Path parameters are filled in with the examples' workspace and key.
      const [prefix] = op.path.split("{", 1);
      expect(op.codeSamples.curl, op.operationId).toContain(`${env.publicOrigin}${prefix}`);
      expect(op.codeSamples.curl, op.operationId).not.toMatch(/\{(slug|id)\}/);
      expect(Object.keys(op.codeSamples).sort(), op.operationId).toEqual(["curl", "node", "python"]);
    }
    expect(operations.find((op) => op.operationId === "verifyKey")?.requestSchema).toBe("VerifyRequest");
    expect(operations.find((op) => op.operationId === "createKey")?.requestSchema).toBe("CreateKeyRequest");
    expect(operations.find((op) => op.operationId === "updateKey")?.codeSamples.curl).toContain("Authorization: Bearer $KEYPORT_TOKEN");
    expect(doc.components.securitySchemes?.Sep10Token).toMatchObject({ type: "http", scheme: "bearer", bearerFormat: "JWT" });
  });

  it("lists each operation's real success body, and its example, under the schema it documents", async () => {
    const owner = await makeUser();
    const { plaintext } = await makeKey(owner, { scopes: ["escrows:read"] });
    const ajv = new Ajv2020({ strict: false });
    addFormats(ajv);
    for (const [name, schema] of Object.entries(doc.components.schemas)) ajv.addSchema(schema as object, `#/components/schemas/${name}`);
    for (const op of operations) {
      const res = isSep10(op)
        ? await sep10Success(op)
        : await planeFetch(request(op, { key: plaintext, body: JSON.stringify({ key: plaintext }) }));
      expect(res.status, op.operationId).toBe(op.response.status);
      if (op.operationId === "stellarToml") {
        expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
        expect(await res.text()).toContain("WEB_AUTH_ENDPOINT");
        continue;
      }
      const body = await res.json();
      if (op.response.schema) {
        const valid = ajv.getSchema(`#/components/schemas/${op.response.schema}`)!;
        expect(valid(body), `${op.operationId}: ${JSON.stringify(valid.errors)}`).toBe(true);
        expect(valid(op.response.example), `${op.operationId} example: ${JSON.stringify(valid.errors)}`).toBe(true);
        // The schema does refuse what the operation does not answer.
        expect(valid({ ...(body as object), network: "moonnet" }), op.operationId).toBe(false);
      }
      if (op.rateLimited) expect(res.headers.get("x-ratelimit-limit"), op.operationId).toBe(String(env.RATE_LIMIT_API_PER_MINUTE));
    }
    // One call per operation, each with its own user, workspace and key: slow on a loaded machine.
  }, 120_000);

  it("documents every webhook event under `webhooks`, and a real payload is valid under its schema", async () => {
    const webhooks = (
      doc as unknown as { webhooks: Record<string, { post: { requestBody: { content: Record<string, { schema: object }> } } }> }
    ).webhooks;
    expect(Object.keys(webhooks).sort()).toEqual([...WEBHOOK_EVENT_TYPES].sort());
    const ajv = new Ajv2020({ strict: false });
    addFormats(ajv);
    const schemaOf = (type: string) => ajv.compile(webhooks[type]!.post.requestBody.content["application/json"]!.schema);
    // A real one, from the outbox: a key created in a workspace with an endpoint.
    const owner = await makeUser();
    const made = await createEndpoint(owner, owner.workspaceId, { url: "https://example.com/keyport", events: ["*"] });
    expect(made.ok).toBe(true);
    await makeKey(owner);
    const message = await db.webhookMessage.findFirstOrThrow({ where: { workspaceId: owner.workspaceId, type: "key.created" } });
    const valid = schemaOf("key.created");
    expect(valid(message.payload), JSON.stringify(valid.errors)).toBe(true);
    // The schema refuses another event's shape.
    expect(schemaOf("key.revoked")(message.payload)).toBe(false);
  });

  for (const op of operations) {
    it(`${op.method.toUpperCase()} ${op.path}: every documented error example matches a real response`, async () => {
      const responses = (doc.paths[op.path] as Record<string, { responses: Record<string, { headers?: Record<string, unknown> }> }>)[
        op.method
      ]!.responses;
      expect(op.errors.length).toBeGreaterThan(0);
      for (const code of op.errors) {
        const example = doc.components.examples[`error-${code}`]!.value;
        const res = await provoke(op, code);
        const real = await res.json();
        expect(res.headers.get("content-type"), code).toBe("application/problem+json");
        expect(res.status, code).toBe(example.status);
        expect(problemSchema.safeParse(real).success, code).toBe(true);
        // `detail`, and the SEP-10 problems' `reason` and `error` (which repeats it), say what happened this time.
        const varying = (p: Record<string, unknown>) => ({
          ...p,
          detail: "",
          ...("reason" in p && { reason: typeof p.reason }),
          ...("error" in p && { error: p.error === p.detail }),
        });
        expect(varying(real), code).toEqual(varying(example));
        for (const header of errorHeaders(code, op.rateLimited)) {
          expect(responses[String(res.status)]?.headers?.[header], `${code}: ${header} documented`).toBeDefined();
          expect(res.headers.get(header), `${code}: ${header}`).not.toBeNull();
        }
      }
    });
  }
});
