import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { listMyWorkspaces } from "@/lib/data/workspace-access";
import { workspacesResponseSchema } from "@/lib/validation/manage";
import { bearerOnly, callerOf } from "../manage-auth";
import { onlyMethods } from "../methods";
import { sendJson } from "../reply";

/** The caller's workspaces and their role in each: where the management API's paths start. */
export function manageWorkspacesRoute(app: FastifyInstance) {
  app.withTypeProvider<ZodTypeProvider>().get(
    "/api/v1/workspaces",
    {
      onRequest: bearerOnly,
      schema: {
        tags: ["Management"],
        summary: "List your workspaces",
        security: [{ Sep10Token: [] }],
        response: { 200: workspacesResponseSchema },
      },
    },
    async (request, reply) => sendJson(reply, { data: await listMyWorkspaces(callerOf(request).actor.id) }),
  );
  onlyMethods(app, "/api/v1/workspaces", "GET");
}
