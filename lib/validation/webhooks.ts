// Webhook endpoints' fields, shared by the management API (documented in OpenAPI) and the screens.
import { z } from "zod";
import { SUBSCRIBABLE_EVENTS } from "@/lib/webhooks/events";
import { orEmpty, plainText, recordId, repeatable } from "./text";

export const webhookParams = z.object({
  slug: z.string().max(100).meta({ description: "The workspace's slug, from GET /api/v1/workspaces." }),
  id: z.string().max(100).meta({ description: "The endpoint's id." }),
});

export const WEBHOOK_OVERLAPS = { none: 0, "1h": 3_600_000, "24h": 86_400_000, "7d": 7 * 86_400_000 } as const;
export type WebhookOverlap = keyof typeof WEBHOOK_OVERLAPS;

export const webhookUrl = plainText("The URL")
  .trim()
  .min(1, "Enter the URL to send events to.")
  .max(2000, "The URL must be at most 2000 characters.")
  .refine((v) => /^https?:\/\//i.test(v) && URL.canParse(v), "Enter an absolute http(s) URL, e.g. https://example.com/webhooks.")
  .meta({
    description: "Where events are POSTed: an http(s) URL that resolves to a public address.",
    examples: ["https://example.com/keyport"],
  });

export const webhookEvents = z
  .array(z.enum(["*", ...SUBSCRIBABLE_EVENTS], { error: `Each event must be one of: *, ${SUBSCRIBABLE_EVENTS.join(", ")}.` }))
  .min(1, "Choose at least one event, or * for all of them.")
  .max(SUBSCRIBABLE_EVENTS.length + 1)
  .transform((events) => (events.includes("*") ? ["*"] : [...new Set(events)]))
  .meta({ description: 'The events to receive, or `["*"]` for every one (see the `webhooks` section).' });

const description = plainText("The description")
  .trim()
  .max(200, "The description must be at most 200 characters.")
  .meta({ description: "A note for people (what receives these events)." });

export const createWebhookBody = z
  .object({
    url: webhookUrl,
    events: webhookEvents,
    description: description.nullable().optional(),
    enabled: z.boolean().optional(),
  })
  .meta({ id: "CreateWebhookRequest", title: "CreateWebhookRequest" });

export const updateWebhookBody = z
  .object({
    url: webhookUrl.optional(),
    events: webhookEvents.optional(),
    description: description.nullable().optional(),
    enabled: z.boolean().optional().meta({ description: "Turn the endpoint on or off (on again clears a disable for failing)." }),
  })
  .meta({ id: "UpdateWebhookRequest", title: "UpdateWebhookRequest" });
export type WebhookChange = z.output<typeof updateWebhookBody>;

export const rotateWebhookSecretBody = z
  .object({
    overlap: z
      .enum(Object.keys(WEBHOOK_OVERLAPS) as [WebhookOverlap, ...WebhookOverlap[]])
      .default("24h")
      .meta({ description: "How long deliveries are signed with the old secret too: none, 1h, 24h (default) or 7d." }),
  })
  .meta({ id: "RotateWebhookSecretRequest", title: "RotateWebhookSecretRequest" });

export const redeliverBody = z
  .object({ deliveryId: z.string().max(100).meta({ description: "The delivery to send again, from the endpoint's deliveries." }) })
  .meta({ id: "RedeliverRequest", title: "RedeliverRequest" });

const endpointView = z
  .object({
    id: z.string(),
    url: z.string(),
    description: z.string().nullable(),
    events: z.array(z.string()),
    enabled: z.boolean(),
    disabledAt: z.string().nullable().meta({ description: "When Keyport turned it off for failing for 5 days; null otherwise." }),
    disabledReason: z.string().nullable(),
    failingSince: z.string().nullable().meta({ description: "Since when every delivery failed; null when the last one succeeded." }),
    previousSecretExpiresAt: z.string().nullable().meta({ description: "Until when the rotated-out secret still signs too." }),
    createdAt: z.string(),
  })
  .meta({ title: "WebhookEndpoint" });
export type WebhookEndpointView = z.output<typeof endpointView>;

export const webhookListSchema = z.object({ data: z.array(endpointView) }).meta({ id: "WebhookEndpoints", title: "WebhookEndpoints" });
export const webhookResponseSchema = z
  .object({ endpoint: endpointView })
  .meta({ id: "WebhookEndpointResponse", title: "WebhookEndpointResponse" });
export const webhookWithSecretSchema = z
  .object({
    endpoint: endpointView,
    secret: z.string().meta({ description: "The signing secret (`whsec_…`): in this response only. Store it now." }),
  })
  .meta({ id: "WebhookEndpointWithSecret", title: "WebhookEndpointWithSecret" });

const attemptView = z.object({
  attempt: z.number().int(),
  at: z.string(),
  status: z.number().int().nullable().meta({ description: "The receiver's HTTP status; null when it did not answer." }),
  error: z.string().nullable(),
  latencyMs: z.number().int(),
  responseExcerpt: z.string().nullable().meta({ description: "The first kilobyte of the answer." }),
});
const deliveryView = z.object({
  id: z.string(),
  messageId: z.string(),
  type: z.string(),
  status: z.enum(["pending", "succeeded", "failed"]),
  attempts: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  createdAt: z.string(),
  log: z.array(attemptView),
});
export type WebhookDeliveryView = z.output<typeof deliveryView>;
export const webhookDeliveriesSchema = z
  .object({ data: z.array(deliveryView) })
  .meta({ id: "WebhookDeliveries", title: "WebhookDeliveries" });
export const webhookMessageSchema = z
  .object({ messageId: z.string().meta({ description: "The `webhook-id` of the message sent." }) })
  .meta({ id: "WebhookMessageQueued", title: "WebhookMessageQueued" });

// The screens' forms and buttons: each names its workspace (and endpoint); lib/data checks the caller's role there.
const inWorkspace = z.object({ workspaceId: z.string({ error: "Say which workspace." }).pipe(recordId) });
export const endpointRefSchema = inWorkspace.extend({ endpointId: recordId });
export const webhookFormSchema = inWorkspace.extend({
  url: orEmpty(webhookUrl),
  events: repeatable(webhookEvents),
  description: orEmpty(description).transform((v) => v || null),
});
export const editWebhookFormSchema = webhookFormSchema.extend({ endpointId: recordId });
export const toggleWebhookSchema = endpointRefSchema.extend({ enabled: z.boolean() });
export const rotateWebhookSecretSchema = endpointRefSchema.extend({ overlap: rotateWebhookSecretBody.shape.overlap });
export const redeliverSchema = endpointRefSchema.extend({ deliveryId: recordId });
