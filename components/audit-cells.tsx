"use client";
// The pieces of an audit event as the table and the phone cards show them.
import { shortAddress } from "@/components/format";
import { TimeAgo } from "@/components/time-ago";
import { utcDateTime, type DetailLine } from "@/lib/audit/details";
import { missingTargetLabel, namedTargetText, SYSTEM_ACTOR, type AuditTarget, type AuditView } from "@/lib/audit/view";
import { ClientAddress } from "@/components/client-address";
import { CopyButton } from "@/components/copy-button";
import { walletInfo } from "@/lib/wallets/catalog";

const muted = "text-zinc-600 dark:text-zinc-400";

/**
 * "Ada Lovelace · GABCD…WXYZ", the full address on hover. No copy button on every row (a column
 * of identical buttons, #25.18): the filters take a part of an address, and the export has it whole.
 */
function Person({ name, address }: { name: string | null; address: string }) {
  return (
    <span title={address} className="wrap-anywhere">
      {name && (
        <>
          {name} <span aria-hidden="true">·</span>{" "}
        </>
      )}
      <span className="font-mono text-xs whitespace-nowrap">{shortAddress(address)}</span>
    </span>
  );
}

export function When({ iso }: { iso: string }) {
  return (
    <span className="block">
      <TimeAgo iso={iso} />
      <span className={`block text-xs ${muted}`}>{utcDateTime(iso)}</span>
    </span>
  );
}

export function Actor({ event: e }: { event: AuditView }) {
  return (
    <span className="block">
      {e.actor ? <Person name={e.actor.name} address={e.actor.address} /> : SYSTEM_ACTOR}
      {e.ip && (
        <span className={`block font-mono text-xs ${muted}`}>
          from <ClientAddress ip={e.ip} />
        </span>
      )}
    </span>
  );
}

export function Action({ event: e }: { event: AuditView }) {
  return (
    <span className="block">
      <span className="font-medium" title={e.action}>
        {e.actionLabel}
      </span>
      {e.stepUp && <Signed receipt={e.stepUp} />}
    </span>
  );
}

/**
 * "Signed by GABCD…WXYZ in Freighter": the change carried a fresh wallet signature over its
 * receipt. The copy button gives the receipt as JSON, which /verify-receipt checks offline.
 */
function Signed({ receipt }: { receipt: NonNullable<AuditView["stepUp"]> }) {
  const wallet = (receipt.wallet && walletInfo(receipt.wallet)?.name) ?? "a wallet";
  return (
    <span className={`mt-1 flex flex-wrap items-center gap-x-2 gap-y-1 text-xs ${muted}`}>
      <span data-testid="signed-by">
        Signed by{" "}
        <span className="font-mono whitespace-nowrap" title={receipt.signer}>
          {shortAddress(receipt.signer)}
        </span>{" "}
        in {wallet}
        {receipt.cosigners?.length ? (
          <>
            {" "}
            and {receipt.cosigners.length} co-{receipt.cosigners.length === 1 ? "signer" : "signers"} (
            {receipt.cosigners.map((c) => shortAddress(c.signer)).join(", ")})
          </>
        ) : null}
      </span>
      <CopyButton value={JSON.stringify(receipt, null, 2)} label="Copy receipt" copiedLabel="Receipt copied" />
    </span>
  );
}

export function Target({ target: t }: { target: AuditTarget }) {
  if (t.kind === "user") return <Person name={t.name} address={t.address} />;
  if (t.kind === "api_key")
    return (
      <span className="block">
        <span className="block wrap-anywhere">{t.name}</span>
        <span className={`block font-mono text-xs wrap-anywhere ${muted}`}>{t.masked}</span>
      </span>
    );
  if (t.kind === "workspace") return <span className="block wrap-anywhere">{namedTargetText(t)}</span>;
  if (t.kind === "invitation")
    return (
      <span className="block" title={t.address}>
        Invitation to <span className="font-mono text-xs whitespace-nowrap">{shortAddress(t.address)}</span>
      </span>
    );
  // A database id means nothing to a person: what it was is all the table says (the CSV export keeps the id).
  return <span className={`block ${muted}`}>{missingTargetLabel(t)}</span>;
}

/** "Scopes: escrows:read → escrows:read, escrows:write", one line per field. */
export function Details({ lines }: { lines: DetailLine[] }) {
  if (lines.length === 0) return <span className={muted}>—</span>;
  return (
    <ul className="space-y-0.5 text-xs">
      {lines.map((l, i) => (
        <li key={`${l.label}-${i}`} className="wrap-anywhere">
          <span className={muted}>{l.label}:</span>{" "}
          {"value" in l ? (
            <span className="whitespace-pre-line">{l.value}</span>
          ) : (
            <>
              <span className="sr-only">from </span>
              {l.before} <span aria-hidden="true">→</span>
              <span className="sr-only"> to</span> {l.after}
            </>
          )}
        </li>
      ))}
    </ul>
  );
}
