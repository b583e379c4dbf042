"use client";

import { HydrationMarker } from "@/components/hydration-marker";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { lazy, Suspense, useState } from "react";
import { LeakNotice } from "@/components/leak-notice";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useOpenedOnce } from "@/components/ui/dialog";
import { homeOfUseCase, type KeysPayload } from "@/lib/keys/view";
import { ExpiryBanner } from "./expiry-banner";
import { GettingStarted } from "./getting-started";
import { WorkspaceProvider } from "@/components/workspace-context";
import { can } from "@/lib/workspaces/permissions";
import { KeysTable } from "./keys-table";
import { MainnetAccess } from "./mainnet-access";
import type { Revealed } from "./reveal-key-dialog";
import { RevealKeyDialog } from "./reveal-loader";
import { useKeys } from "./use-keys";

// The request form loads when first asked for, not with the page; the show-once dialog with it
// (see reveal-loader.ts).
const RequestKeyDialog = lazy(() => import("./request-key-dialog").then((m) => ({ default: m.RequestKeyDialog })));

export function ApiKeysPanel({ initial, apiBase }: { initial: KeysPayload; apiBase: string }) {
  const { data, error, isFetching } = useKeys(initial);
  const { keys, context } = data;
  const { workspace } = context;
  // Said before the form is filled, not after; the server enforces every rule regardless.
  const unavailable = !can(workspace.role, "keys.create")
    ? "viewer"
    : !context.hasUseCase
      ? "use_case"
      : context.active >= context.limit
        ? "cap"
        : null;
  // ?request=1 (the profile's "Request your first key") opens the request form at once. Not
  // gated on `unavailable`: the list cached from before the use case was saved may still say so
  // (it refetches on its own), and the server checks every rule anyway.
  const asked = useSearchParams().get("request") === "1";
  const [requesting, setRequesting] = useState(asked && can(workspace.role, "keys.create"));
  const [revealed, setRevealed] = useState<Revealed | null>(null);
  const requestLoaded = useOpenedOnce(requesting);

  return (
    <WorkspaceProvider value={{ ...workspace, you: context.you }}>
      <div className="space-y-6">
        <HydrationMarker />
        <div className="flex flex-wrap items-start justify-between gap-4">
          <div>
            <h1 className="text-2xl font-semibold tracking-tight">{workspace.personal ? "API keys" : `API keys · ${workspace.name}`}</h1>
            <p className="mt-1 max-w-prose text-sm text-zinc-600 dark:text-zinc-400">
              Your servers send a key in the <code className="font-mono text-xs">X-API-KEY</code> header. You need one only to call the API
              programmatically. A key is shown once, when it is created.{" "}
              <a
                href="/docs#manage-keys-from-code"
                className="font-medium text-indigo-700 underline underline-offset-2 dark:text-indigo-300"
              >
                Manage keys from code
              </a>
            </p>
          </div>
          <div className="flex items-center gap-3">
            {/* Not "active": disabled keys and keys being rotated out count against the limit too. */}
            <span className="text-sm text-zinc-600 dark:text-zinc-400" aria-live="polite" data-testid="key-count">
              {context.active} of {context.limit} keys used
            </span>
            <Button
              onClick={() => setRequesting(true)}
              disabled={!!unavailable}
              aria-describedby={unavailable ? "request-unavailable" : undefined}
            >
              Request API key
            </Button>
          </div>
        </div>

        {unavailable && (
          <div id="request-unavailable">
            <Alert tone="info">
              {unavailable === "viewer" ? (
                <>
                  You are a viewer of {workspace.name}: you can see its keys, and an owner or admin can make you a developer to request
                  them.
                </>
              ) : unavailable === "use_case" ? (
                <>
                  {workspace.personal
                    ? "Keys are issued once your profile says what you are building."
                    : `Keys for ${workspace.name} are issued once the team says what it builds${can(workspace.role, "workspace.rename") ? "" : ": ask an owner or admin"}.`}{" "}
                  <Link href={homeOfUseCase(workspace).href} className="font-medium underline">
                    {workspace.personal ? "Add your use case" : "Team settings"}
                  </Link>
                  .
                </>
              ) : (
                <>
                  You have {context.limit} active keys, the most allowed. Revoke one you no longer use to request another; a key being
                  rotated out counts until its overlap ends.
                </>
              )}
            </Alert>
          </div>
        )}
        {can(workspace.role, "keys.create") && <GettingStarted data={data} apiBase={apiBase} onRequest={() => setRequesting(true)} />}
        {error && <Alert tone="error">{error.message} Showing the last list loaded.</Alert>}
        <LeakNotice keys={keys} />
        <ExpiryBanner keys={keys} />

        {keys.length === 0 ? (
          <div className="rounded-lg border border-dashed border-zinc-300 px-6 py-12 text-center dark:border-zinc-700">
            <p className="font-medium">No API keys yet</p>
            <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
              Start with a Testnet key: it is self-serve and safe to experiment with.
            </p>
            <Button className="mt-4" variant="secondary" onClick={() => setRequesting(true)} disabled={!!unavailable}>
              Request your first key
            </Button>
          </div>
        ) : (
          <KeysTable keys={keys} usage={data.usage} busy={isFetching} onRotated={(r) => setRevealed(r)} />
        )}

        <MainnetAccess access={context.mainnet} />

        {requestLoaded && (
          <Suspense fallback={null}>
            <RequestKeyDialog
              open={requesting}
              onOpenChange={setRequesting}
              context={context}
              onIssued={(issued) => {
                setRequesting(false);
                setRevealed(issued);
              }}
            />
          </Suspense>
        )}
        {revealed && (
          <Suspense fallback={null}>
            <RevealKeyDialog revealed={revealed} apiBase={apiBase} onDone={() => setRevealed(null)} />
          </Suspense>
        )}
      </div>
    </WorkspaceProvider>
  );
}
