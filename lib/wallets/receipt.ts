// The step-up receipt: the text a wallet signs, at the moment of a change that moves real money
// or widens what a key may do, naming the change and everything it grants. Canonical: the
// server builds it from the action's own validated input and the rows it locked, when it asks
// and again when the signature comes back, and the two must be equal to the character. Free text
// (names) is JSON-quoted so that a name cannot forge a line; lists are sorted so that their
// order is not a difference. Human-readable, like the sign-in challenge (xBull decodes base64).
// Pure: the server, the /verify-receipt page and scripts/verify-receipt.ts use it alike.
import { createHash } from "node:crypto";
import { NETWORK_LABEL, type KeyNetwork } from "@/lib/networks/key";
import { CHALLENGE_TTL_MS } from "./challenge";
import { STEP_UP_TITLES as TITLES } from "./step-up";

/** How long a receipt may wait for its signature: a few minutes, as a sign-in challenge. */
export const RECEIPT_TTL_MS = CHALLENGE_TTL_MS;

/** The manage-data entry of a SEP-10-style receipt transaction: its value is the receipt's hash (hex). */
export const RECEIPT_DATA_NAME = "keyport receipt sha256";

export type ReceiptWorkspace = { slug: string; name: string; personal: boolean };

type KeyGrant = { name: string; network: KeyNetwork; scopes: string[]; allowedIps: string[] };

/** What is being authorised, in the terms the receipt names it. */
export type ReceiptSubject =
  | { action: "key.create"; workspace: ReceiptWorkspace; key: KeyGrant & { expiresAt: Date | null } }
  | {
      action: "key.rotate";
      workspace: ReceiptWorkspace;
      key: KeyGrant & { id: string; lifetimeMs: number | null };
      overlap: string;
    }
  | {
      action: "key.update";
      workspace: ReceiptWorkspace;
      key: { id: string; name: string; network: KeyNetwork; expiresAt: Date | null };
      scopes: { before: string[]; after: string[] };
      allowedIps: { before: string[]; after: string[] };
    }
  | { action: "member.role_change"; workspace: ReceiptWorkspace; member: string; role: { before: string; after: string } }
  | { action: "admin.mainnet_approve"; workspace: ReceiptWorkspace; owner: string | null }
  | { action: "admin.role_grant"; user: string }
  | { action: "workspace.link" | "workspace.unlink"; workspace: ReceiptWorkspace; account: string };

export type StepUpAction = ReceiptSubject["action"];

/**
 * Who signs, for which deployment, and the one-time part. `approval`: a multisig workspace's
 * pending approval this signature counts towards (lib/data/approvals), and the account whose
 * high threshold the signatures must meet together.
 */
export type ReceiptEnvelope = {
  signer: string;
  domain: string;
  nonce: string;
  issuedAt: Date;
  expiresAt: Date;
  approval?: { id: string; account: string };
};

const q = (text: string) => JSON.stringify(text);
const list = (items: string[], empty: string) => (items.length ? [...items].sort().join(", ") : empty);
const ips = (items: string[]) => list(items, "any address");
// The day, not the instant: "in 90 days" is counted from each submission, so the ask and the
// signed retry seconds later differ in milliseconds but name the same day.
const expiry = (d: Date | null) => (d ? `${d.toISOString().slice(0, 10)} (UTC)` : "never");
const days = (ms: number) => `${Math.round(ms / 86_400_000)} days`;
const workspaceLine = (w: ReceiptWorkspace) => `Workspace: ${w.personal ? "personal workspace" : q(w.name)} (${w.slug})`;

function body(s: ReceiptSubject): string[] {
  switch (s.action) {
    case "key.create":
      return [
        workspaceLine(s.workspace),
        `Key name: ${q(s.key.name)}`,
        `Network: ${NETWORK_LABEL[s.key.network]}`,
        `Scopes: ${list(s.key.scopes, "none")}`,
        `Expires: ${expiry(s.key.expiresAt)}`,
        `IP allowlist: ${ips(s.key.allowedIps)}`,
      ];
    case "key.rotate":
      return [
        workspaceLine(s.workspace),
        `Key: ${q(s.key.name)} (${s.key.id})`,
        `Network: ${NETWORK_LABEL[s.key.network]}`,
        `Scopes: ${list(s.key.scopes, "none")}`,
        `New key expires: ${s.key.lifetimeMs === null ? "never" : `${days(s.key.lifetimeMs)} after the rotation`}`,
        `IP allowlist: ${ips(s.key.allowedIps)}`,
        `Old key keeps working for: ${s.overlap}`,
      ];
    case "key.update":
      return [
        workspaceLine(s.workspace),
        `Key: ${q(s.key.name)} (${s.key.id})`,
        `Network: ${NETWORK_LABEL[s.key.network]}`,
        `Scopes: ${list(s.scopes.before, "none")} -> ${list(s.scopes.after, "none")}`,
        `IP allowlist: ${ips(s.allowedIps.before)} -> ${ips(s.allowedIps.after)}`,
        `Expires: ${expiry(s.key.expiresAt)}`,
      ];
    case "member.role_change":
      return [workspaceLine(s.workspace), `Member: ${s.member}`, `Role: ${s.role.before} -> ${s.role.after}`];
    case "admin.mainnet_approve":
      return [workspaceLine(s.workspace), ...(s.owner ? [`Owner: ${s.owner}`] : []), `Network: Mainnet (keys that move real funds)`];
    case "admin.role_grant":
      return [`User: ${s.user}`, `Role: user -> admin (every workspace, key and switch of this Keyport)`];
    case "workspace.link":
      return [
        workspaceLine(s.workspace),
        `Stellar account: ${s.account}`,
        `From then on, sensitive changes need signatures meeting this account's high threshold.`,
      ];
    case "workspace.unlink":
      return [workspaceLine(s.workspace), `Stellar account: ${s.account}`, `Sensitive changes then need one member's signature again.`];
  }
}

/** What is asked, as every receipt of it says it: the action's line and its details. */
export function receiptSubjectLines(subject: ReceiptSubject): string {
  return [`Action: ${TITLES[subject.action]}`, ...body(subject)].join("\n");
}

const approvalLines = (a: { id: string; account: string }) => [
  ``,
  `Approval: ${a.id}`,
  `Counts towards the high threshold of Stellar account ${a.account}, with the other signers' signatures.`,
];

/** The whole text the wallet signs. Deterministic: the same subject and envelope give the same text. */
export function formatReceipt(subject: ReceiptSubject, e: ReceiptEnvelope): string {
  return formatReceiptText(receiptSubjectLines(subject), e);
}

/** The same, from what is asked as receiptSubjectLines() wrote it (a pending approval keeps that text). */
export function formatReceiptText(subjectLines: string, e: ReceiptEnvelope): string {
  return [
    `Keyport asks you to approve this change with your Stellar account:`,
    e.signer,
    ``,
    subjectLines,
    ...(e.approval ? approvalLines(e.approval) : []),
    ``,
    `Signing approves only this change, once. It is free and submits no transaction.`,
    ``,
    `Domain: ${e.domain}`,
    `Nonce: ${e.nonce}`,
    `Issued At: ${e.issuedAt.toISOString()}`,
    `Expires At: ${e.expiresAt.toISOString()}`,
  ].join("\n");
}

/** The receipt's SHA-256 (hex): what a transaction-only wallet's signed transaction carries. */
export function receiptHash(receipt: string): string {
  return createHash("sha256").update(receipt, "utf8").digest("hex");
}

/** A receipt's own lines, read back (for checks offline): the signer, nonce and expiry it names. */
export function readReceipt(receipt: string): { signer: string; nonce: string; expiresAt: Date } | null {
  const lines = receipt.split("\n");
  const field = (name: string) => lines.find((l) => l.startsWith(`${name}: `))?.slice(name.length + 2);
  const nonce = field("Nonce");
  const expires = field("Expires At");
  const signer = lines[1];
  if (!signer || !nonce || !expires || Number.isNaN(Date.parse(expires))) return null;
  return { signer, nonce, expiresAt: new Date(expires) };
}
