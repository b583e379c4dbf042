// The events Keyport sends, as OpenAPI 3.1's `webhooks`: one entry per event of
// lib/webhooks/events.ts, with its payload's JSON Schema (from the same zod schema the outbox's
// payloads follow) and the Standard Webhooks headers that sign it.
import { z } from "zod";
import { payloadSchema, WEBHOOK_EVENT_TYPES, WEBHOOK_EVENTS } from "@/lib/webhooks/events";

const HEADER_PARAMETERS = [
  { name: "webhook-id", description: "The message's id: the same on every attempt and redelivery, to de-duplicate on." },
  { name: "webhook-timestamp", description: "When this attempt was signed, in seconds since the epoch." },
  {
    name: "webhook-signature",
    description:
      "Space-separated `v1,<base64 HMAC-SHA256 of id.timestamp.body>` signatures, under the endpoint's secret (and, during a " +
      "rotation's overlap, the previous one too). Verify with a Standard Webhooks library.",
  },
].map((h) => ({ ...h, in: "header", required: true, schema: { type: "string" } }));

export function webhookDocs(): Record<string, unknown> {
  return Object.fromEntries(
    WEBHOOK_EVENT_TYPES.map((type) => {
      const { $schema: _, ...schema } = z.toJSONSchema(payloadSchema(type), { io: "input" }) as Record<string, unknown>;
      return [
        type,
        {
          post: {
            operationId: `webhook.${type}`,
            tags: ["Webhooks"],
            summary: type,
            description: `${WEBHOOK_EVENTS[type].summary} Payload version ${WEBHOOK_EVENTS[type].version}.`,
            parameters: HEADER_PARAMETERS,
            requestBody: { required: true, content: { "application/json": { schema } } },
            responses: {
              "200": { description: "Any 2xx answer acknowledges it; anything else (or none within 30 s) is retried." },
            },
          },
        },
      ];
    }),
  );
}
