import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { createEndpoint, deleteEndpoint, listEndpoints, updateEndpoint } from "@/lib/data/webhooks/endpoints";
import { workspaceParams } from "@/lib/validation/manage";
import { recordId } from "@/lib/validation/text";
import {
  createWebhookBody,
  updateWebhookBody,
  webhookListSchema,
  webhookParams,
  webhookResponseSchema,
  webhookWithSecretSchema,
} from "@/lib/validation/webhooks";
import { bearerOnly, callerOf, memberOf, sendRefusal } from "../manage-auth";
import { onlyMethods } from "../methods";
import { EXAMPLE_WEBHOOK_PATH, EXAMPLE_WEBHOOK_VIEW, EXAMPLE_WORKSPACE_PATH } from "../openapi/examples";
import { routeDocs, WEBHOOK_WRITE_ERRORS, WORKSPACE_ERRORS } from "../openapi/route-docs";
import { sendJson, sendProblem } from "../reply";
import { MANAGE_MAX_BODY } from "./manage-keys";

const LIST = "/api/v1/workspaces/:slug/webhooks";
const ONE = "/api/v1/workspaces/:slug/webhooks/:id";
export const NO_WEBHOOK = "That webhook endpoint does not exist in this workspace.";
const docs = { tag: "Webhooks", auth: "sep10Token", rateLimited: false } as const;
const EXAMPLE_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

/** A workspace's webhook endpoints (owners and admins): list, add (the secret shown once), change, delete. */
export function manageWebhooksRoute(app: FastifyInstance) {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.get(
    LIST,
    {
      onRequest: bearerOnly,
      schema: {
        ...routeDocs({
          ...docs,
          operationId: "listWebhooks",
          summary: "List a workspace's webhook endpoints",
          description: "Every endpoint, with its events and health (never its secret). Owners and admins only.",
          errors: [...WORKSPACE_ERRORS, "forbidden"],
          examplePath: `${EXAMPLE_WORKSPACE_PATH}/webhooks`,
          response: { description: "The endpoints, oldest first.", example: { data: [EXAMPLE_WEBHOOK_VIEW] } },
        }),
        params: workspaceParams,
        response: { 200: webhookListSchema },
      },
    },
    async (request, reply) => {
      const member = await memberOf(request, request.params.slug, reply);
      if (!member) return reply;
      const listed = await listEndpoints(member.userId, member.workspace.id);
      if (!listed.ok) return sendRefusal(reply, listed);
      return sendJson(reply, { data: listed.data });
    },
  );
  typed.post(
    LIST,
    {
      onRequest: bearerOnly,
      bodyLimit: MANAGE_MAX_BODY,
      schema: {
        ...routeDocs({
          ...docs,
          operationId: "createWebhook",
          summary: "Add a webhook endpoint (its secret shown once)",
          description:
            "Events are POSTed to `url`, signed per Standard Webhooks (`webhook-id`, `webhook-timestamp`, `webhook-signature`) with " +
            "the `secret` of this response, which is never shown again. The URL must reach a public address.",
          errors: [...WEBHOOK_WRITE_ERRORS, "webhook_refused"],
          examplePath: `${EXAMPLE_WORKSPACE_PATH}/webhooks`,
          requestExample: { url: "https://example.com/keyport", events: ["key.created", "key.revoked"], description: "Billing service" },
          response: {
            status: 201,
            description: "The endpoint, and its signing secret once.",
            example: { endpoint: EXAMPLE_WEBHOOK_VIEW, secret: EXAMPLE_SECRET },
          },
        }),
        params: workspaceParams,
        body: createWebhookBody,
        response: { 201: webhookWithSecretSchema },
      },
    },
    async (request, reply) => {
      const member = await memberOf(request, request.params.slug, reply);
      if (!member) return reply;
      const created = await createEndpoint(callerOf(request).actor, member.workspace.id, request.body);
      if (!created.ok) return sendRefusal(reply, created);
      return sendJson(reply, created.data, {}, 201);
    },
  );
  typed.patch(
    ONE,
    {
      onRequest: bearerOnly,
      bodyLimit: MANAGE_MAX_BODY,
      schema: {
        ...routeDocs({
          ...docs,
          operationId: "updateWebhook",
          summary: "Change a webhook endpoint",
          description: "URL, events, description, `enabled` (turning it on clears a disable for failing). Fields left out stay.",
          errors: WEBHOOK_WRITE_ERRORS,
          examplePath: EXAMPLE_WEBHOOK_PATH,
          requestExample: { events: ["*"], enabled: true },
          response: { description: "The endpoint.", example: { endpoint: { ...EXAMPLE_WEBHOOK_VIEW, events: ["*"] } } },
        }),
        params: webhookParams,
        body: updateWebhookBody,
        response: { 200: webhookResponseSchema },
      },
    },
    async (request, reply) => {
      const member = await memberOf(request, request.params.slug, reply);
      if (!member) return reply;
      const id = recordId.safeParse(request.params.id);
      if (!id.success) return sendProblem(reply, "not_found", NO_WEBHOOK);
      const updated = await updateEndpoint(callerOf(request).actor, member.workspace.id, id.data, request.body);
      if (!updated.ok) return sendRefusal(reply, updated);
      return sendJson(reply, { endpoint: updated.data });
    },
  );
  typed.delete(
    ONE,
    {
      onRequest: bearerOnly,
      schema: {
        ...routeDocs({
          ...docs,
          operationId: "deleteWebhook",
          summary: "Delete a webhook endpoint",
          description: "With its delivery log; nothing more is sent to it.",
          errors: [...WORKSPACE_ERRORS, "forbidden"],
          examplePath: EXAMPLE_WEBHOOK_PATH,
          response: { description: "The endpoint as it was.", example: { endpoint: EXAMPLE_WEBHOOK_VIEW } },
        }),
        params: webhookParams,
        response: { 200: webhookResponseSchema },
      },
    },
    async (request, reply) => {
      const member = await memberOf(request, request.params.slug, reply);
      if (!member) return reply;
      const id = recordId.safeParse(request.params.id);
      if (!id.success) return sendProblem(reply, "not_found", NO_WEBHOOK);
      const deleted = await deleteEndpoint(callerOf(request).actor, member.workspace.id, id.data);
      if (!deleted.ok) return sendRefusal(reply, deleted);
      return sendJson(reply, { endpoint: deleted.data });
    },
  );
  onlyMethods(app, LIST, "GET", "POST");
  onlyMethods(app, ONE, "PATCH", "DELETE");
}
