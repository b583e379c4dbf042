// The audit log's vocabulary: every action name lib/data writes, with the words people read.
// audit() accepts only these names, so a new action cannot reach the log without a label.
// Safe for the browser: the table's action filter and the CSV export read the same map.

export const AUDIT_GROUPS = [
  "Key changes",
  "Key changes by admins",
  "Team changes",
  "User changes",
  "Mainnet access",
  "Webhooks",
  "Sign-ins",
] as const;
export type AuditGroup = (typeof AUDIT_GROUPS)[number];

export const AUDIT_ACTIONS = {
  "key.create": { label: "Created key", group: "Key changes" },
  "key.update": { label: "Edited key", group: "Key changes" },
  "key.enable": { label: "Enabled key", group: "Key changes" },
  "key.disable": { label: "Disabled key", group: "Key changes" },
  "key.rotate": { label: "Rotated key", group: "Key changes" },
  "key.revoke": { label: "Revoked key", group: "Key changes" },
  "key.leak": { label: "Quarantined leaked key", group: "Key changes" },
  "admin.key.disable": { label: "Disabled key (admin)", group: "Key changes by admins" },
  "admin.key.enable": { label: "Lifted key hold (admin)", group: "Key changes by admins" },
  "admin.key.revoke": { label: "Revoked key (admin)", group: "Key changes by admins" },
  "admin.key.rate_limit": { label: "Set key rate limit (admin)", group: "Key changes by admins" },
  "workspace.create": { label: "Created team", group: "Team changes" },
  "workspace.rename": { label: "Renamed team", group: "Team changes" },
  "workspace.use_case": { label: "Changed team use case", group: "Team changes" },
  "workspace.delete": { label: "Deleted team", group: "Team changes" },
  "workspace.transfer": { label: "Transferred ownership", group: "Team changes" },
  "workspace.link": { label: "Linked team to a Stellar account", group: "Team changes" },
  "workspace.unlink": { label: "Unlinked team from its Stellar account", group: "Team changes" },
  "approval.request": { label: "Asked for co-signers' approval", group: "Team changes" },
  "approval.sign": { label: "Signed a pending approval", group: "Team changes" },
  "member.invite": { label: "Invited member", group: "Team changes" },
  "member.invite_revoke": { label: "Revoked invitation", group: "Team changes" },
  "member.invite_accept": { label: "Accepted invitation", group: "Team changes" },
  "member.invite_decline": { label: "Declined invitation", group: "Team changes" },
  "member.role_change": { label: "Changed member role", group: "Team changes" },
  "member.remove": { label: "Removed member", group: "Team changes" },
  "member.leave": { label: "Left team", group: "Team changes" },
  "admin.workspace.mainnet_approve": { label: "Approved team for Mainnet", group: "Mainnet access" },
  "admin.workspace.mainnet_unapprove": { label: "Withdrew team's Mainnet approval", group: "Mainnet access" },
  "webhook.create": { label: "Added webhook endpoint", group: "Webhooks" },
  "webhook.update": { label: "Changed webhook endpoint", group: "Webhooks" },
  "webhook.delete": { label: "Deleted webhook endpoint", group: "Webhooks" },
  "webhook.rotate_secret": { label: "Rotated webhook secret", group: "Webhooks" },
  "webhook.test": { label: "Sent webhook test event", group: "Webhooks" },
  "webhook.redeliver": { label: "Redelivered webhook", group: "Webhooks" },
  "admin.user.suspend": { label: "Suspended user", group: "User changes" },
  "admin.user.unsuspend": { label: "Lifted suspension", group: "User changes" },
  "admin.user.mainnet_approve": { label: "Approved Mainnet", group: "User changes" },
  "admin.user.mainnet_unapprove": { label: "Withdrew Mainnet approval", group: "User changes" },
  "admin.user.role_grant": { label: "Granted admin role", group: "User changes" },
  "admin.user.role_revoke": { label: "Removed admin role", group: "User changes" },
  "user.sign_out_everywhere": { label: "Signed out everywhere", group: "Sign-ins" },
  "user.sign_in": { label: "Signed in", group: "Sign-ins" },
  "mainnet_request.create": { label: "Asked for Mainnet", group: "Mainnet access" },
  "mainnet_request.withdraw": { label: "Withdrew Mainnet request", group: "Mainnet access" },
  "admin.mainnet_request.approve": { label: "Approved Mainnet request", group: "Mainnet access" },
  "admin.mainnet_request.decline": { label: "Declined Mainnet request", group: "Mainnet access" },
} as const satisfies Record<string, { label: string; group: AuditGroup }>;

export type AuditAction = keyof typeof AUDIT_ACTIONS;

/** The actor address of events no person caused (a leak report): the log shows them as "System". */
export const AUDIT_SYSTEM_ACTOR = "";
export const AUDIT_ACTION_CODES = Object.keys(AUDIT_ACTIONS) as [AuditAction, ...AuditAction[]];

export function isAuditAction(code: string): code is AuditAction {
  return Object.hasOwn(AUDIT_ACTIONS, code);
}

/** "Disabled key (admin)"; an action this code no longer writes keeps its raw name. */
export function actionLabel(code: string): string {
  return isAuditAction(code) ? AUDIT_ACTIONS[code].label : code;
}

/** The action filter's options, grouped as the select shows them. */
export const ACTION_OPTIONS = AUDIT_GROUPS.map((group) => ({
  group,
  actions: AUDIT_ACTION_CODES.filter((code) => AUDIT_ACTIONS[code].group === group).map((code) => ({
    code,
    label: AUDIT_ACTIONS[code].label,
  })),
}));
