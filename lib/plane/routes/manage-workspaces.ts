import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { listMyWorkspaces } from "@/lib/data/workspaces/access";
import { workspacesResponseSchema } from "@/lib/validation/manage";
import { bearerOnly, callerOf } from "../manage-auth";
import { onlyMethods } from "../methods";
import { EXAMPLE_TENANT } from "../openapi/examples";
import { BEARER_ERRORS, routeDocs } from "../openapi/route-docs";
import { sendJson } from "../reply";

/** The caller's workspaces and their role in each: where the management API's paths start. */
export function manageWorkspacesRoute(app: FastifyInstance) {
  app.withTypeProvider<ZodTypeProvider>().get(
    "/api/v1/workspaces",
    {
      onRequest: bearerOnly,
      schema: {
        ...routeDocs({
          operationId: "listWorkspaces",
          tag: "Management",
          summary: "List your workspaces",
          description: "Every workspace you belong to, with your role: the `slug` starts the other management paths.",
          auth: "sep10Token",
          rateLimited: false,
          errors: BEARER_ERRORS,
          response: { description: "Your workspaces.", example: { data: [{ ...EXAMPLE_TENANT, personal: false, role: "owner" }] } },
        }),
        response: { 200: workspacesResponseSchema },
      },
    },
    async (request, reply) => sendJson(reply, { data: await listMyWorkspaces(callerOf(request).actor.id) }),
  );
  onlyMethods(app, "/api/v1/workspaces", "GET");
}
