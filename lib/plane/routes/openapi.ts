import type { FastifyInstance } from "fastify";
import { onlyMethods } from "../methods";
import { routeDocs } from "../openapi/route-docs";
import { sendJson } from "../reply";

/** This API as OpenAPI 3.1, generated from the plane's own routes. Public: no key needed. */
export function openApiRoute(app: FastifyInstance) {
  app.get(
    "/api/v1/openapi.json",
    {
      schema: routeDocs({
        operationId: "openapi",
        tag: "Reference",
        summary: "This API as OpenAPI 3.1",
        description: "The document this reference is rendered from. No key needed.",
        auth: "none",
        rateLimited: false,
        errors: ["method_not_allowed"],
        response: { description: "An OpenAPI 3.1 document.", example: { openapi: "3.1.1", info: { title: "Keyport API" } } },
      }),
    },
    (_request, reply) => sendJson(reply, app.swagger()),
  );
  onlyMethods(app, "/api/v1/openapi.json", "GET");
}
