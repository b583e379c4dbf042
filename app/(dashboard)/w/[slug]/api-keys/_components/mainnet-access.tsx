"use client";

import Link from "next/link";
import type { ReactNode } from "react";
import { dateTime } from "@/components/format";
import { Button } from "@/components/ui/button";
import { useAction } from "@/components/use-action";
import { mainnetAccessState, mainnetActions, type MainnetAccessState, type MainnetAccessView } from "@/lib/keys/mainnet-access";
import { useWorkspace } from "@/components/workspace-context";
import { homeOfUseCase } from "@/lib/keys/view";
import { can as can_ } from "@/lib/workspaces/permissions";
import { withdrawMainnet } from "../actions";
import { MainnetRequestForm, useMainnetUpdater } from "./mainnet-request-form";

export const MAINNET_CARD_ID = "mainnet-access";

const BADGE: Record<MainnetAccessState, { label: string; style: string }> = {
  approved: { label: "Approved", style: "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300" },
  pending: { label: "Pending", style: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-300" },
  declined: { label: "Declined", style: "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-300" },
  withdrawn: { label: "Withdrawn", style: "bg-zinc-200 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300" },
  none: { label: "Not requested", style: "bg-zinc-200 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300" },
};

/** A date as the reader's clock shows it (the server renders UTC first, hence the hint). */
export function DateText({ iso }: { iso: string }) {
  return (
    <time dateTime={iso} suppressHydrationWarning>
      {dateTime(iso)}
    </time>
  );
}

function Panel({ tone, children }: { tone: "success" | "pending" | "declined" | "neutral"; children: ReactNode }) {
  const tones = {
    success: "border-emerald-200 bg-emerald-50 text-emerald-900 dark:border-emerald-900 dark:bg-emerald-950/40 dark:text-emerald-100",
    pending: "border-amber-200 bg-amber-50 text-amber-950 dark:border-amber-900 dark:bg-amber-950/40 dark:text-amber-100",
    declined: "border-red-200 bg-red-50 text-red-900 dark:border-red-900 dark:bg-red-950/40 dark:text-red-100",
    neutral: "border-zinc-200 bg-zinc-50 text-zinc-800 dark:border-zinc-800 dark:bg-zinc-950/40 dark:text-zinc-200",
  };
  return <div className={`space-y-2 rounded-md border px-4 py-3 text-sm ${tones[tone]}`}>{children}</div>;
}

const Quote = ({ children }: { children: ReactNode }) => (
  <blockquote className="border-l-2 border-current/30 pl-3 break-words whitespace-pre-line">{children}</blockquote>
);

/** The API Keys page's "Mainnet access" card: where the user's request stands, and what they can do next. */
export function MainnetAccess({ access }: { access: MainnetAccessView }) {
  const state = mainnetAccessState(access);
  const can = mainnetActions(access);
  const latest = access.latest;
  const setAccess = useMainnetUpdater();
  const withdraw = useAction(withdrawMainnet, { onSuccess: setAccess });
  const workspace = useWorkspace();
  // Asking for (and withdrawing) a workspace's approval is for its owners and admins.
  const mayAsk = can_(workspace.role, "mainnet.request");

  return (
    <section
      id={MAINNET_CARD_ID}
      tabIndex={-1}
      aria-labelledby="mainnet-access-title"
      className="scroll-mt-6 rounded-lg border border-zinc-200 bg-white shadow-xs focus:outline-none focus-visible:outline-2 dark:border-zinc-800 dark:bg-zinc-900"
    >
      <header className="flex flex-wrap items-center justify-between gap-2 border-b border-zinc-200 px-6 py-4 dark:border-zinc-800">
        <div>
          <h2 id="mainnet-access-title" className="text-base font-semibold">
            Mainnet access
          </h2>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
            Mainnet keys move real funds, so an admin approves each account first. Testnet stays self-serve.
          </p>
          {/* Approval is per workspace: without this, a member approved personally wonders why the team is not. */}
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400" data-testid="mainnet-scope">
            {workspace.personal
              ? "This approval is for your personal keys; each team asks for its own."
              : `This approval is for ${workspace.name}'s keys, separate from each member's personal approval.`}
          </p>
        </div>
        <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${BADGE[state].style}`} data-testid="mainnet-status">
          {BADGE[state].label}
        </span>
      </header>
      <div className="space-y-4 px-6 py-5">
        {state === "approved" && (
          <Panel tone="success">
            <p className="font-medium">
              Mainnet access approved
              {latest?.status === "approved" && latest.decidedAt && (
                <>
                  {" "}
                  on <DateText iso={latest.decidedAt} />
                </>
              )}
              .
            </p>
            <p>You can now choose Mainnet when you request an API key.</p>
            {latest?.status === "approved" && latest.decisionReason && <p>Note from the admin: “{latest.decisionReason}”</p>}
          </Panel>
        )}
        {state === "pending" && latest && (
          <Panel tone="pending">
            <p className="font-medium">
              Waiting for an admin since <DateText iso={latest.createdAt} />.
            </p>
            <p>You asked:</p>
            <Quote>{latest.justification}</Quote>
            <div className="flex flex-wrap items-center gap-3 pt-1">
              {mayAsk && (
                <Button
                  size="sm"
                  variant="secondary"
                  pending={withdraw.pending}
                  onClick={() => void withdraw.run({ workspaceId: workspace.id, requestId: latest.id })}
                >
                  Withdraw request
                </Button>
              )}
              {withdraw.error && (
                <span role="alert" className="text-xs text-red-700 dark:text-red-300">
                  {withdraw.error}
                </span>
              )}
            </div>
          </Panel>
        )}
        {state === "declined" && latest && (
          <Panel tone="declined">
            <p className="font-medium">
              Your request was declined
              {latest.decidedAt && (
                <>
                  {" "}
                  on <DateText iso={latest.decidedAt} />
                </>
              )}
              .
            </p>
            {latest.decisionReason && <p>Reason from the admin: “{latest.decisionReason}”</p>}
            <p>You can ask again below, with what the admin asked for.</p>
          </Panel>
        )}
        {state === "withdrawn" && (
          <Panel tone="neutral">
            <p>An admin withdrew your Mainnet access. Your Mainnet keys are disabled; you can ask again below.</p>
          </Panel>
        )}
        {!access.hasUseCase && !access.approved && (
          <Panel tone="neutral">
            <p>
              First say what {workspace.personal ? "you are" : "the team is"} building: Mainnet access, like API keys, needs{" "}
              {homeOfUseCase(workspace).whose}.{" "}
              <Link href={homeOfUseCase(workspace).href} className="font-medium underline">
                Add it in {homeOfUseCase(workspace).where}
              </Link>
              .
            </p>
          </Panel>
        )}
        {can.request && mayAsk && <MainnetRequestForm again={state !== "none"} />}
        {can.request && !mayAsk && (
          <Panel tone="neutral">
            <p>An owner or admin of {workspace.name} can ask for Mainnet access for this workspace.</p>
          </Panel>
        )}
      </div>
    </section>
  );
}

/** After the request dialog has closed and handed focus back to its trigger (Radix does so in a timeout). */
function showMainnetCard() {
  setTimeout(() =>
    setTimeout(() => {
      const card = document.getElementById(MAINNET_CARD_ID);
      card?.scrollIntoView({ block: "start" });
      card?.focus({ preventScroll: true });
    }),
  );
}

const LINE: Record<Exclude<MainnetAccessState, "approved">, { text: string; action: string }> = {
  none: { text: "Not requested yet.", action: "Ask for Mainnet access" },
  pending: { text: "Your request is waiting for an admin.", action: "See your request" },
  declined: { text: "Your request was declined.", action: "See why" },
  withdrawn: { text: "An admin withdrew your access.", action: "Ask again" },
};

/** One line under the request dialog's greyed-out Mainnet option: where the request stands, and a way to the card. */
export function MainnetStatusLine({ access, onShow }: { access: MainnetAccessView; onShow: () => void }) {
  const state = mainnetAccessState(access);
  if (state === "approved") return null;
  return (
    <p className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="mainnet-status-line">
      Mainnet: {LINE[state].text}{" "}
      <button
        type="button"
        className="font-medium text-indigo-700 underline hover:text-indigo-900 dark:text-indigo-300 dark:hover:text-indigo-200"
        onClick={() => {
          onShow();
          showMainnetCard();
        }}
      >
        {LINE[state].action}
      </button>
    </p>
  );
}
