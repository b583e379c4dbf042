import type { FastifyInstance } from "fastify";
import { buildOpenApi } from "@/lib/api/openapi/document";
import { env } from "@/lib/core/env";
import { onlyMethods } from "@/lib/plane/methods";
import { sendJson } from "@/lib/plane/reply";

/** This API as OpenAPI 3.1. Public: no key needed. */
export function openApiRoute(app: FastifyInstance) {
  app.get("/api/v1/openapi.json", { schema: { hide: true } }, (_request, reply) => {
    return sendJson(reply, buildOpenApi(env.publicOrigin));
  });
  onlyMethods(app, "/api/v1/openapi.json", "GET");
}
