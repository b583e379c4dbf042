// The webhook events: one list, each with a stable name, a version and the schema of its `data`.
// Pure (no database, no HTTP): the outbox writes these payloads, the OpenAPI document lists them
// under `webhooks`, and receivers can rely on both. A change that breaks a payload's shape gets a
// new version, never a silent edit. Payloads never carry a key's secret, hash or display parts.
import { z } from "zod";

const by = z.enum(["owner", "admin"]).meta({ description: "Who did it: a member of the workspace (owner) or a site admin." });
const role = z.enum(["owner", "admin", "developer", "viewer"]);
const key = z
  .object({ id: z.string(), name: z.string().nullable(), network: z.enum(["testnet", "mainnet"]).nullable() })
  .meta({ description: "The key (never its secret)." });
const member = z.object({ address: z.string().nullable().meta({ description: "The member's Stellar address." }), role: role.nullable() });

type EventSpec = { version: number; summary: string; data: z.ZodType };

export const WEBHOOK_EVENTS = {
  "key.created": {
    version: 1,
    summary: "A key was created.",
    data: z.object({ key: key.extend({ scopes: z.array(z.string()), expiresAt: z.string().nullable() }) }),
  },
  "key.rotated": {
    version: 1,
    summary: "A key was rotated: `successor` replaces it; the old key works until `oldKeyStopsAt`.",
    data: z.object({ key, successor: z.object({ id: z.string() }), overlap: z.string(), oldKeyStopsAt: z.string().nullable() }),
  },
  "key.disabled": { version: 1, summary: "A key was turned off.", data: z.object({ key, by, reason: z.string().nullable() }) },
  "key.enabled": { version: 1, summary: "A key was turned back on (or an admin's hold lifted).", data: z.object({ key, by }) },
  "key.revoked": { version: 1, summary: "A key was revoked for good.", data: z.object({ key, by, reason: z.string().nullable() }) },
  "key.expiring": {
    version: 1,
    summary: "A key expires soon (7 days and 1 day before).",
    data: z.object({ key, expiresAt: z.string(), daysLeft: z.number().int() }),
  },
  "key.expired": { version: 1, summary: "A key expired.", data: z.object({ key, expiredAt: z.string() }) },
  "key.leaked": {
    version: 1,
    summary: "A key was quarantined: a secret-scanning report found it in public.",
    data: z.object({ key, source: z.string().nullable(), url: z.string().nullable() }),
  },
  "key.rate_limited": {
    version: 1,
    summary: "A key first hit its rate limit in a window (at most once per key per hour).",
    data: z.object({ key, limit: z.number().int(), window: z.literal("minute") }),
  },
  "mainnet.requested": {
    version: 1,
    summary: "The workspace asked for Mainnet access.",
    data: z.object({ requestId: z.string().nullable(), requestedBy: z.string().nullable() }),
  },
  "mainnet.approved": {
    version: 1,
    summary: "A site admin approved the workspace's Mainnet request, or switched its Mainnet access on without one (`requestId` null).",
    data: z.object({ requestId: z.string().nullable() }),
  },
  "mainnet.declined": {
    version: 1,
    summary:
      "A site admin declined the workspace's Mainnet request, or switched its Mainnet access off (`requestId` null; its Mainnet keys are held).",
    data: z.object({ requestId: z.string().nullable(), reason: z.string().nullable() }),
  },
  "mainnet.withdrawn": {
    version: 1,
    summary: "The workspace withdrew its pending Mainnet request.",
    data: z.object({ requestId: z.string().nullable() }),
  },
  "member.invited": {
    version: 1,
    summary: "Someone was invited to the workspace.",
    data: z.object({ invitationId: z.string(), address: z.string().nullable(), role: role.nullable() }),
  },
  "member.joined": { version: 1, summary: "An invitation was accepted.", data: z.object({ member }) },
  "member.removed": {
    version: 1,
    summary: "A member was removed, or left (`left: true`).",
    data: z.object({ member, left: z.boolean() }),
  },
  "member.role_changed": {
    version: 1,
    summary: "A member's role changed.",
    data: z.object({ member, before: role.nullable() }),
  },
  "webhook.test": {
    version: 1,
    summary: 'Sent by "Send test event" to one endpoint, whatever events it chose.',
    data: z.object({ endpointId: z.string(), message: z.string() }),
  },
} as const satisfies Record<string, EventSpec>;

export type WebhookEventType = keyof typeof WEBHOOK_EVENTS;
export const WEBHOOK_EVENT_TYPES = Object.keys(WEBHOOK_EVENTS) as [WebhookEventType, ...WebhookEventType[]];
/** The events an endpoint may choose (the test event goes to one endpoint when asked, never by subscription). */
export const SUBSCRIBABLE_EVENTS = WEBHOOK_EVENT_TYPES.filter((t) => t !== "webhook.test");
export type WebhookData<T extends WebhookEventType> = z.input<(typeof WEBHOOK_EVENTS)[T]["data"]>;

export const isWebhookEventType = (type: string): type is WebhookEventType => Object.hasOwn(WEBHOOK_EVENTS, type);

/** The JSON body of every webhook: Standard Webhooks' `type`, `timestamp` and `data`, with its version and workspace. */
export function payloadSchema<T extends WebhookEventType>(type: T) {
  return z.object({
    type: z.literal(type),
    version: z.literal(WEBHOOK_EVENTS[type].version),
    timestamp: z.string().meta({ description: "When it happened (ISO 8601, UTC)." }),
    workspace: z.object({ id: z.string(), slug: z.string() }),
    data: WEBHOOK_EVENTS[type].data,
  });
}

export type WebhookPayload = {
  type: WebhookEventType;
  version: number;
  timestamp: string;
  workspace: { id: string; slug: string };
  data: Record<string, unknown>;
};

export function buildPayload<T extends WebhookEventType>(
  type: T,
  workspace: { id: string; slug: string },
  data: WebhookData<T>,
  at: Date,
): WebhookPayload {
  return { type, version: WEBHOOK_EVENTS[type].version, timestamp: at.toISOString(), workspace, data: data as Record<string, unknown> };
}

/** Whether an endpoint that chose `events` receives `type`. */
export const subscribed = (events: readonly string[], type: string) => events.includes("*") || events.includes(type);
