import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { listDeliveries, redeliver, sendTestEvent } from "@/lib/data/webhooks/deliveries";
import { rotateEndpointSecret } from "@/lib/data/webhooks/endpoints";
import { recordId } from "@/lib/validation/text";
import {
  redeliverBody,
  rotateWebhookSecretBody,
  webhookDeliveriesSchema,
  webhookMessageSchema,
  webhookParams,
  webhookWithSecretSchema,
} from "@/lib/validation/webhooks";
import { bearerOnly, callerOf, memberOf, sendRefusal } from "../manage-auth";
import { onlyMethods } from "../methods";
import { EXAMPLE_WEBHOOK_PATH, EXAMPLE_WEBHOOK_VIEW } from "../openapi/examples";
import { routeDocs, WEBHOOK_WRITE_ERRORS, WORKSPACE_ERRORS, type RouteDocs } from "../openapi/route-docs";
import { sendJson, sendProblem } from "../reply";
import { MANAGE_MAX_BODY } from "./manage-keys";
import { NO_WEBHOOK } from "./manage-webhooks";

const BASE = "/api/v1/workspaces/:slug/webhooks/:id";
const docs = (d: Omit<RouteDocs, "tag" | "auth" | "rateLimited">) =>
  routeDocs({ ...d, tag: "Webhooks", auth: "sep10Token", rateLimited: false });
const EXAMPLE_MESSAGE = { messageId: "msg_2mJ9yXv0c3Jq8Qe1wWzYhA" };

/** An endpoint's secret rotation, test event, delivery log and redelivery, as its page offers them. */
export function manageWebhookActionsRoute(app: FastifyInstance) {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.post(
    `${BASE}/rotate-secret`,
    {
      onRequest: bearerOnly,
      bodyLimit: MANAGE_MAX_BODY,
      schema: {
        ...docs({
          operationId: "rotateWebhookSecret",
          summary: "Rotate an endpoint's signing secret (the new one shown once)",
          description:
            "Deliveries are signed with the new secret and, for `overlap`, with the old one too (two signatures in `webhook-signature`), " +
            "so receivers switch without missing a message.",
          errors: WEBHOOK_WRITE_ERRORS,
          examplePath: `${EXAMPLE_WEBHOOK_PATH}/rotate-secret`,
          requestExample: { overlap: "24h" },
          response: {
            description: "The endpoint, and its new secret once.",
            example: {
              endpoint: { ...EXAMPLE_WEBHOOK_VIEW, previousSecretExpiresAt: "2026-12-08T10:00:00.000Z" },
              secret: "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD",
            },
          },
        }),
        params: webhookParams,
        body: rotateWebhookSecretBody,
        response: { 200: webhookWithSecretSchema },
      },
    },
    async (request, reply) => {
      const member = await memberOf(request, request.params.slug, reply);
      if (!member) return reply;
      const id = recordId.safeParse(request.params.id);
      if (!id.success) return sendProblem(reply, "not_found", NO_WEBHOOK);
      const rotated = await rotateEndpointSecret(callerOf(request).actor, member.workspace.id, id.data, request.body.overlap);
      if (!rotated.ok) return sendRefusal(reply, rotated);
      return sendJson(reply, rotated.data);
    },
  );
  typed.post(
    `${BASE}/test`,
    {
      onRequest: bearerOnly,
      bodyLimit: MANAGE_MAX_BODY,
      schema: {
        ...docs({
          operationId: "sendWebhookTest",
          summary: "Send a test event",
          description: "Queues a `webhook.test` message to this endpoint, whatever events it chose; see its deliveries for the outcome.",
          errors: [...WORKSPACE_ERRORS, "forbidden", "webhook_refused"],
          examplePath: `${EXAMPLE_WEBHOOK_PATH}/test`,
          response: { description: "The message queued.", example: EXAMPLE_MESSAGE },
        }),
        params: webhookParams,
        response: { 200: webhookMessageSchema },
      },
    },
    async (request, reply) => {
      const member = await memberOf(request, request.params.slug, reply);
      if (!member) return reply;
      const id = recordId.safeParse(request.params.id);
      if (!id.success) return sendProblem(reply, "not_found", NO_WEBHOOK);
      const sent = await sendTestEvent(callerOf(request).actor, member.workspace.id, id.data);
      if (!sent.ok) return sendRefusal(reply, sent);
      return sendJson(reply, sent.data);
    },
  );
  typed.get(
    `${BASE}/deliveries`,
    {
      onRequest: bearerOnly,
      schema: {
        ...docs({
          operationId: "listWebhookDeliveries",
          summary: "An endpoint's delivery log",
          description: "The latest 50 deliveries, newest first, each with its attempts: status, latency and the answer's first kilobyte.",
          errors: [...WORKSPACE_ERRORS, "forbidden"],
          examplePath: `${EXAMPLE_WEBHOOK_PATH}/deliveries`,
          response: {
            description: "The deliveries.",
            example: {
              data: [
                {
                  id: "cmdlv0123456789abcdefghij",
                  messageId: EXAMPLE_MESSAGE.messageId,
                  type: "key.created",
                  status: "succeeded",
                  attempts: 2,
                  nextAttemptAt: null,
                  createdAt: "2026-12-07T10:00:00.000Z",
                  log: [
                    { attempt: 1, at: "2026-12-07T10:00:00.120Z", status: 503, error: null, latencyMs: 84, responseExcerpt: "busy" },
                    { attempt: 2, at: "2026-12-07T10:00:05.400Z", status: 204, error: null, latencyMs: 41, responseExcerpt: "" },
                  ],
                },
              ],
            },
          },
        }),
        params: webhookParams,
        response: { 200: webhookDeliveriesSchema },
      },
    },
    async (request, reply) => {
      const member = await memberOf(request, request.params.slug, reply);
      if (!member) return reply;
      const id = recordId.safeParse(request.params.id);
      if (!id.success) return sendProblem(reply, "not_found", NO_WEBHOOK);
      const log = await listDeliveries(member.userId, member.workspace.id, id.data);
      if (!log.ok) return sendRefusal(reply, log);
      return sendJson(reply, { data: log.data });
    },
  );
  typed.post(
    `${BASE}/redeliver`,
    {
      onRequest: bearerOnly,
      bodyLimit: MANAGE_MAX_BODY,
      schema: {
        ...docs({
          operationId: "redeliverWebhook",
          summary: "Send a delivery again",
          description: "Now, with the same `webhook-id` (receivers de-duplicate on it) and the retry schedule ahead of it again.",
          errors: [...WEBHOOK_WRITE_ERRORS, "webhook_refused"],
          examplePath: `${EXAMPLE_WEBHOOK_PATH}/redeliver`,
          requestExample: { deliveryId: "cmdlv0123456789abcdefghij" },
          response: { description: "The message queued again.", example: EXAMPLE_MESSAGE },
        }),
        params: webhookParams,
        body: redeliverBody,
        response: { 200: webhookMessageSchema },
      },
    },
    async (request, reply) => {
      const member = await memberOf(request, request.params.slug, reply);
      if (!member) return reply;
      const id = recordId.safeParse(request.params.id);
      const delivery = recordId.safeParse(request.body.deliveryId);
      if (!id.success) return sendProblem(reply, "not_found", NO_WEBHOOK);
      if (!delivery.success) return sendProblem(reply, "not_found", "That delivery does not exist for this endpoint.");
      const sent = await redeliver(callerOf(request).actor, member.workspace.id, id.data, delivery.data);
      if (!sent.ok) return sendRefusal(reply, sent);
      return sendJson(reply, sent.data);
    },
  );
  for (const action of ["rotate-secret", "test", "redeliver"]) onlyMethods(app, `${BASE}/${action}`, "POST");
  onlyMethods(app, `${BASE}/deliveries`, "GET");
}
