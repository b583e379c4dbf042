"use client";

// A multisig team's pending approvals: what each asks (the receipt's own lines), who asked, who
// has signed with what weight, the weight still missing and when it expires. Signers sign from
// here (the step-up dialog shows their receipt and their wallet signs it); the member who asked
// completes a Mainnet key's creation or rotation, and sees the key once.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { withStepUp } from "@/components/step-up/with-step-up";
import { shortAddress } from "@/components/format";
import { TimeAgo } from "@/components/time-ago";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { useAction } from "@/components/use-action";
import type { ApprovalView } from "@/lib/data/approvals/approvals";
import type { WorkspaceContext } from "@/lib/keys/view";
import { RevealKeyDialog, type Revealed } from "../../api-keys/_components/reveal-key-dialog";
import { completeApprovalAction, signApprovalAction } from "../../../actions";

type Props = { workspace: WorkspaceContext; linkedAccount: string | null; approvals: ApprovalView[]; apiBase: string };
const muted = "text-zinc-600 dark:text-zinc-400";

export function PendingApprovals({ workspace, linkedAccount, approvals, apiBase }: Props) {
  const router = useRouter();
  const [revealed, setRevealed] = useState<Revealed | null>(null);
  const refresh = () => router.refresh();
  const sign = useAction(withStepUp(signApprovalAction), { onSuccess: refresh });
  const complete = useAction(completeApprovalAction, {
    onSuccess: (d) => {
      if (d.revealed) setRevealed(d.revealed);
      refresh();
    },
  });
  return (
    <Card
      title="Pending approvals"
      description={
        linkedAccount ? (
          <>
            This team is linked to <span className="font-mono break-all">{linkedAccount}</span>. Sensitive changes wait here until its
            signers who are members have signed with enough weight for its high threshold.
          </>
        ) : (
          "Changes waiting for the signers of a Stellar account (linking the team to it)."
        )
      }
    >
      {approvals.length === 0 ? (
        <p className={`text-sm ${muted}`}>Nothing is waiting for signatures.</p>
      ) : (
        <ul className="divide-y divide-zinc-200 dark:divide-zinc-800">
          {approvals.map((a) => (
            <li key={a.id} className="space-y-3 py-4 first:pt-0 last:pb-0" data-testid="approval" data-approval={a.id}>
              <div className="flex flex-wrap items-start justify-between gap-3">
                <div className="min-w-0">
                  <h3 className="font-medium">{a.lines[0]?.replace(/^Action: /, "")}</h3>
                  <p className={`text-xs ${muted}`}>
                    Asked by {a.askedBy.isYou ? "you" : (a.askedBy.name ?? shortAddress(a.askedBy.address))} <TimeAgo iso={a.createdAt} /> ·
                    expires <TimeAgo iso={a.expiresAt} />
                  </p>
                </div>
                <Weight tally={a.tally} />
              </div>
              <ul className="rounded-md border border-zinc-200 bg-zinc-50 p-3 font-mono text-xs break-words dark:border-zinc-800 dark:bg-zinc-950">
                {a.lines.slice(1).map((line, i) => (
                  <li key={i}>{line}</li>
                ))}
              </ul>
              <div className="text-sm">
                <p className="font-medium">Signed by</p>
                {a.signatures.length === 0 ? (
                  <p className={muted}>Nobody yet.</p>
                ) : (
                  <ul className="mt-1 space-y-1">
                    {a.signatures.map((s) => (
                      <li key={s.address} className="flex flex-wrap gap-x-2">
                        <span>{s.name ?? shortAddress(s.address)}</span>
                        <span className={`font-mono text-xs ${muted}`}>{shortAddress(s.address)}</span>
                        <span className={muted}>
                          weight {s.weight ?? "?"}
                          {s.weight === 0 && " (no longer a signer or member)"}
                        </span>
                      </li>
                    ))}
                  </ul>
                )}
              </div>
              <div className="flex flex-wrap items-center gap-3">
                {a.canSign && (
                  <Button pending={sign.pending} onClick={() => void sign.run({ workspaceId: workspace.id, approvalId: a.id })}>
                    Sign
                  </Button>
                )}
                {a.canComplete && (
                  <Button pending={complete.pending} onClick={() => void complete.run({ workspaceId: workspace.id, approvalId: a.id })}>
                    Complete
                  </Button>
                )}
                <Status a={a} />
              </div>
            </li>
          ))}
        </ul>
      )}
      <RevealKeyDialog revealed={revealed} apiBase={apiBase} onDone={() => setRevealed(null)} />
    </Card>
  );
}

function Weight({ tally }: { tally: ApprovalView["tally"] }) {
  if (!tally) return <p className={`text-sm ${muted}`}>Weights unavailable (Horizon did not answer)</p>;
  return (
    <p className="text-sm" data-testid="approval-weight">
      <span className="font-medium">
        Weight {tally.weight} of {tally.required}
      </span>
      <span className={muted}>{tally.met ? " · enough" : ` · ${tally.missing} missing`}</span>
    </p>
  );
}

function Status({ a }: { a: ApprovalView }) {
  const signed = a.signatures.length > 0 && !a.canSign && a.mySignerWeight !== 0;
  const text = a.tally?.met
    ? a.askedBy.isYou
      ? "Enough signers have signed: complete it."
      : "Enough signers have signed: the member who asked completes it."
    : a.mySignerWeight === 0
      ? "Your address is not a signer of this account: the signers sign it."
      : signed
        ? "You signed: it waits for the other signers."
        : a.askedBy.isYou
          ? "Your change waits for the co-signers."
          : "";
  return text ? <p className={`text-sm ${muted}`}>{text}</p> : null;
}
