// Which e-mail an audited change sends, if any: one table, so a change reaches an inbox only
// where this file says so. The key's own owner switching it off, a rotation or a revocation is
// something they did themselves; an admin's hold, a leak, a Mainnet decision and an
// invitation are news to them.
import type { AuditAction } from "@/lib/audit/actions";
import type { MailKind } from "./kinds";

const MAIL_OF_AUDIT: Partial<Record<AuditAction, MailKind>> = {
  "admin.key.disable": "key_disabled",
  "key.leak": "key_leaked",
  "admin.mainnet_request.approve": "mainnet_decided",
  "admin.mainnet_request.decline": "mainnet_decided",
  // The admins' Mainnet switch, without a request (with one, the request's approval mails them).
  "admin.user.mainnet_approve": "mainnet_decided",
  "admin.workspace.mainnet_approve": "mainnet_decided",
  "admin.user.mainnet_unapprove": "mainnet_decided",
  "admin.workspace.mainnet_unapprove": "mainnet_decided",
  "member.invite": "invitation",
};

export const mailKindOf = (action: AuditAction): MailKind | null => MAIL_OF_AUDIT[action] ?? null;

/** What a Mainnet decision's e-mail says: a request decided, or access switched on or off without one. */
export function mainnetDecisionOf(action: AuditAction): { decision: "approved" | "declined"; bySwitch: boolean } {
  const bySwitch = action.endsWith("mainnet_approve") || action.endsWith("mainnet_unapprove");
  const approved = action === "admin.mainnet_request.approve" || action.endsWith(".mainnet_approve");
  return { decision: approved ? "approved" : "declined", bySwitch };
}
