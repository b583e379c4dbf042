// Which webhook event an audited change is, and its `data`, from the audit event alone (plus the
// key or member it names, read by the caller in the same transaction). Pure: one table, so an
// audit action reaches receivers only where this file says so.
import type { AuditAction } from "@/lib/audit/actions";
import type { WebhookEventType } from "./events";

export type AuditFacts = {
  action: AuditAction;
  target: { type: string; id: string };
  details: Record<string, unknown>;
  actorAddress: string;
  /** The target key's name and network (target type api_key). */
  key?: { id: string; name: string | null; network: "testnet" | "mainnet" | null };
  /** The target user's address (target type user). */
  user?: { address: string | null };
};

/** `unless`: the change is told by another event written in the same transaction. */
type Mapping = { type: WebhookEventType; data: (f: AuditFacts) => Record<string, unknown>; unless?: (f: AuditFacts) => boolean };

const str = (v: unknown) => (typeof v === "string" ? v : null);
const ROLES = ["owner", "admin", "developer", "viewer"] as const;
/** The audit log keeps role labels ("Owner"); payloads carry the role's id. */
const roleOf = (v: unknown) => {
  const label = str((v as { role?: unknown } | null)?.role ?? v)?.toLowerCase();
  return (ROLES as readonly string[]).includes(label ?? "") ? (label as (typeof ROLES)[number]) : null;
};
const keyOf = (f: AuditFacts) => f.key ?? { id: f.target.id, name: null, network: null };
const memberOf = (f: AuditFacts, role: unknown) => ({ address: f.user?.address ?? null, role: roleOf(role) });
/**
 * The admins' Mainnet switch (Users and Workspaces tables) approves or withdraws access without a
 * request: receivers hear it as approved or declined with no requestId. When the switch approved a
 * pending request, the request's own mainnet.approved went in the same transaction (its audit
 * details name the request), so the switch adds none.
 */
const switchedOn: Mapping = {
  type: "mainnet.approved",
  data: () => ({ requestId: null }),
  unless: (f) => str(f.details.requestId) !== null,
};
const switchedOff: Mapping = { type: "mainnet.declined", data: () => ({ requestId: null, reason: null }) };

const MAPPINGS: Partial<Record<AuditAction, Mapping>> = {
  "key.create": {
    type: "key.created",
    data: (f) => ({
      key: {
        ...keyOf(f),
        scopes: Array.isArray(f.details.scopes) ? f.details.scopes.filter((s) => typeof s === "string") : [],
        expiresAt: str(f.details.expiresAt),
      },
    }),
  },
  "key.rotate": {
    type: "key.rotated",
    data: (f) => ({
      key: keyOf(f),
      successor: { id: str(f.details.successorId) ?? "" },
      overlap: str(f.details.overlap) ?? "none",
      oldKeyStopsAt: str(f.details.oldKeyStopsAt),
    }),
  },
  "key.disable": { type: "key.disabled", data: (f) => ({ key: keyOf(f), by: "owner", reason: str(f.details.reason) }) },
  "admin.key.disable": { type: "key.disabled", data: (f) => ({ key: keyOf(f), by: "admin", reason: str(f.details.reason) }) },
  "key.enable": { type: "key.enabled", data: (f) => ({ key: keyOf(f), by: "owner" }) },
  "admin.key.enable": { type: "key.enabled", data: (f) => ({ key: keyOf(f), by: "admin" }) },
  "key.revoke": { type: "key.revoked", data: (f) => ({ key: keyOf(f), by: "owner", reason: str(f.details.reason) }) },
  "admin.key.revoke": { type: "key.revoked", data: (f) => ({ key: keyOf(f), by: "admin", reason: str(f.details.reason) }) },
  "key.leak": { type: "key.leaked", data: (f) => ({ key: keyOf(f), source: str(f.details.source), url: str(f.details.url) }) },
  "mainnet_request.create": {
    type: "mainnet.requested",
    data: (f) => ({ requestId: str(f.details.requestId), requestedBy: f.actorAddress || null }),
  },
  "mainnet_request.withdraw": { type: "mainnet.withdrawn", data: (f) => ({ requestId: str(f.details.requestId) }) },
  "admin.mainnet_request.approve": { type: "mainnet.approved", data: (f) => ({ requestId: str(f.details.requestId) }) },
  "admin.mainnet_request.decline": {
    type: "mainnet.declined",
    data: (f) => ({ requestId: str(f.details.requestId), reason: str(f.details.reason) }),
  },
  "admin.user.mainnet_approve": switchedOn,
  "admin.workspace.mainnet_approve": switchedOn,
  "admin.user.mainnet_unapprove": switchedOff,
  "admin.workspace.mainnet_unapprove": switchedOff,
  "member.invite": {
    type: "member.invited",
    data: (f) => ({ invitationId: f.target.id, address: str(f.details.address), role: roleOf(f.details.role) }),
  },
  // The actor is the one who joins (the target is the invitation).
  "member.invite_accept": { type: "member.joined", data: (f) => ({ member: { address: f.actorAddress, role: roleOf(f.details.role) } }) },
  "member.remove": { type: "member.removed", data: (f) => ({ member: memberOf(f, f.details.role), left: false }) },
  "member.leave": { type: "member.removed", data: (f) => ({ member: memberOf(f, f.details.role), left: true }) },
  "member.role_change": {
    type: "member.role_changed",
    data: (f) => ({ member: memberOf(f, f.details.after), before: roleOf(f.details.before) }),
  },
};

/** The event an audit action becomes, or null when receivers are not told of it. */
export const webhookEventOf = (action: AuditAction): WebhookEventType | null => MAPPINGS[action]?.type ?? null;

/** What the caller must read for the payload: the key, the member, or nothing. */
export function factsNeeded(action: AuditAction, targetType: string): "key" | "user" | null {
  if (!MAPPINGS[action]) return null;
  if (targetType === "api_key") return "key";
  if (targetType === "user" && action.startsWith("member.")) return "user";
  return null;
}

export function eventFromAudit(facts: AuditFacts): { type: WebhookEventType; data: Record<string, unknown> } | null {
  const mapping = MAPPINGS[facts.action];
  return mapping && !mapping.unless?.(facts) ? { type: mapping.type, data: mapping.data(facts) } : null;
}
