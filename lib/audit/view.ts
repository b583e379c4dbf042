// An audit event as people read it, JSON-safe: the admin table renders it and the CSV export
// writes it, so both name actors, targets and actions the same way.
import type { DetailLine } from "./details";

/** A user as the log names them; `name` is null when they gave none. */
export type AuditPerson = { id: string | null; name: string | null; address: string };

export type AuditTarget =
  | { kind: "api_key"; id: string; name: string; masked: string }
  | { kind: "user"; id: string; name: string | null; address: string }
  | { kind: "workspace"; id: string; name: string; slug: string }
  /** An invitation, by the address it was sent to. */
  | { kind: "invitation"; id: string; address: string }
  /** The row is gone (its owner was deleted) or the type is unknown: the stored id is all there is. */
  | { kind: "missing"; type: string; id: string };

export type AuditView = {
  id: string;
  createdAt: string;
  /** Null when no user did it (no actor id and no address): shown as "System". */
  actor: AuditPerson | null;
  action: string;
  actionLabel: string;
  target: AuditTarget;
  details: DetailLine[];
  ip: string | null;
  /** The step-up receipt the change was signed with, as exported (lib/validation/receipt.ts); null for most events. */
  stepUp: SignedReceiptView | null;
};

/** A signed step-up receipt: enough for anyone to verify it offline (/verify-receipt, scripts/verify-receipt.ts). */
export type SignedReceiptView = {
  receipt: string;
  proof: "message" | "transaction";
  signature?: string;
  transaction?: string;
  signer: string;
  wallet?: string;
  networkPassphrase: string;
  /** A multisig team's change: the other signers' receipts, for the same approval. */
  cosigners?: Omit<SignedReceiptView, "cosigners">[];
};

export const SYSTEM_ACTOR = "System";

const TARGET_TYPE: Record<string, string> = { api_key: "Key", user: "User", workspace: "Team", invitation: "Invitation" };

/** A named target in one line: "Team Acme (acme)", "Invitation to GABC…". */
export function namedTargetText(t: AuditTarget): string | null {
  if (t.kind === "workspace") return `Team ${t.name} (${t.slug})`;
  if (t.kind === "invitation") return `Invitation to ${t.address}`;
  return null;
}

/** "Deleted key cmwwa0gd7…": what is left of a target that no longer exists. */
export const missingTargetLabel = (t: { type: string }) => `Deleted ${(TARGET_TYPE[t.type] ?? t.type).toLowerCase()}`;

/** The most rows one CSV export holds: past it the file has the newest ones and the response says how many matched. */
export const AUDIT_EXPORT_MAX_ROWS = 50_000;
