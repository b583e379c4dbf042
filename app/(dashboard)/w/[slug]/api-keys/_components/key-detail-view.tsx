"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { Suspense, useState, type ReactNode } from "react";
import { HydrationMarker } from "@/components/hydration-marker";
import { dateTime } from "@/components/format";
import { AdminLockNote, StatusBadge } from "@/components/key-status-badge";
import { LeakNotice } from "@/components/leak-notice";
import { TimeAgo } from "@/components/time-ago";
import { Card } from "@/components/ui/card";
import { detailText } from "@/lib/audit/details";
import type { KeyUsageCard } from "@/components/usage/usage-card";
import type { KeyDetail, KeyLink } from "@/lib/data/keys/detail";
import { NETWORK_LABEL } from "@/lib/networks/key";
import { WorkspaceProvider, useWorkspace } from "@/components/workspace-context";
import type { WorkspaceContext } from "@/lib/keys/view";
import { keyPath, keysPath } from "@/lib/workspaces/paths";
import { KeyActions } from "./key-actions";
import { ExpiryNotice } from "./expiry-notice";
import { KeyUsage } from "./key-usage";
import { ScopeChips } from "./scope-chips";
import type { Revealed } from "./reveal-key-dialog";
import { RevealKeyDialog } from "./reveal-loader";
import { ClientAddress } from "@/components/client-address";

const muted = "text-zinc-600 dark:text-zinc-400";

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className={`text-xs font-medium tracking-wide uppercase ${muted}`}>{label}</dt>
      <dd className="mt-1 text-sm break-words">{children}</dd>
    </div>
  );
}

const When = ({ iso, never = "Never" }: { iso: string | null; never?: string }) =>
  iso ? (
    <>
      <TimeAgo iso={iso} /> <span className={muted}>· {dateTime(iso)}</span>
    </>
  ) : (
    <span className={muted}>{never}</span>
  );

function KeyRef({ link }: { link: KeyLink }) {
  return (
    <Link href={keyPath(useWorkspace(), link.id)} className="text-indigo-700 underline dark:text-indigo-400">
      {link.name} <span className="font-mono text-xs">{link.masked}</span>
    </Link>
  );
}

type Props = { detail: KeyDetail; usage: KeyUsageCard | null; apiBase: string; workspace: WorkspaceContext & { you: string } };

/** A key's own page: every field, where it came from and went, what happened to it, and its actions. */
export function KeyDetailView({ workspace, ...props }: Props) {
  return (
    <WorkspaceProvider value={workspace}>
      <KeyDetailBody {...props} />
    </WorkspaceProvider>
  );
}

function KeyDetailBody({ detail, usage, apiBase }: Omit<Props, "workspace">) {
  const workspace = useWorkspace();
  const router = useRouter();
  const [revealed, setRevealed] = useState<Revealed | null>(null);
  const { key: k, predecessor, successor, activity } = detail;
  // "Last used" as drawn, or the newest request the usage poll has seen since (last use is
  // written behind, in batches: the page can be drawn between a request and its flush).
  const [polled, setPolled] = useState<{ at: string; ip: string | null } | null>(null);
  const lastUsed = polled && (!k.lastUsedAt || polled.at > k.lastUsedAt) ? polled : { at: k.lastUsedAt, ip: k.lastUsedIp };

  return (
    <div className="space-y-6">
      <HydrationMarker />
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href={keysPath(workspace)} className="text-indigo-700 underline dark:text-indigo-400">
          {workspace.personal ? "API keys" : `${workspace.name} · API keys`}
        </Link>
        <span className={`mx-2 ${muted}`} aria-hidden="true">
          /
        </span>
        <span aria-current="page">{k.name}</span>
      </nav>

      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0 space-y-1">
          <h1 className="text-2xl font-semibold tracking-tight break-words">{k.name}</h1>
          <p className={`font-mono text-sm ${muted}`}>{k.masked}</p>
          <div className="flex flex-wrap items-center gap-2">
            <StatusBadge keyView={k} />
            <span className={`text-sm ${muted}`}>{NETWORK_LABEL[k.network]}</span>
          </div>
          <AdminLockNote keyView={k} audience="owner" />
        </div>
        <KeyActions keyView={k} onRotated={setRevealed} onChanged={() => router.refresh()} />
      </div>
      <LeakNotice keys={[k]} />

      <ExpiryNotice
        keyView={k}
        successor={successor}
        onRotated={(r) => {
          setRevealed(r);
          router.refresh();
        }}
      />
      <KeyUsage keyId={k.id} initial={usage} onLatest={setPolled} />
      <Card title="Details">
        <dl className="grid gap-5 sm:grid-cols-2">
          <Field label="Description">{k.description ?? <span className={muted}>None</span>}</Field>
          <Field label="Scopes">
            <ScopeChips scopes={k.scopes} />
          </Field>
          <Field label="Created">
            <When iso={k.createdAt} />
            <div className={`text-xs ${muted}`} title={k.createdBy.address}>
              by {k.createdBy.id === workspace.you ? "you" : (k.createdBy.name ?? k.createdBy.address)}
            </div>
          </Field>
          <Field label="Last used">
            <When iso={lastUsed.at} />
            {lastUsed.ip && (
              <div className={`font-mono text-xs ${muted}`}>
                from <ClientAddress ip={lastUsed.ip} />
              </div>
            )}
          </Field>
          <Field label={k.status === "rotating" ? "Stops working" : "Expires"}>
            <When iso={k.expiresAt} />
          </Field>
          <Field label="Rate limit">
            {k.rateLimit.toLocaleString("en")} requests a minute
            {k.rateLimitLowered && <span className={muted}> (lowered on this key from {k.rateLimitCeiling.toLocaleString("en")})</span>}
          </Field>
          <Field label="Allowed IPs">
            {k.allowedIps.length ? (
              <span className="font-mono text-xs">{k.allowedIps.join(", ")}</span>
            ) : (
              <span className={muted}>Any address</span>
            )}
          </Field>
          {k.revokedAt && (
            <Field label="Revoked">
              <When iso={k.revokedAt} />
            </Field>
          )}
        </dl>
      </Card>

      <Card title="Rotation" description="A rotated key keeps its name; these links tell the two apart.">
        <dl className="grid gap-5 sm:grid-cols-2">
          <Field label="Replaces">{predecessor ? <KeyRef link={predecessor} /> : <span className={muted}>No earlier key</span>}</Field>
          <Field label="Replaced by">
            {successor ? (
              <>
                <KeyRef link={successor} />
                {k.rotatedAt && <div className={`text-xs ${muted}`}>Rotated {dateTime(k.rotatedAt)}</div>}
              </>
            ) : (
              <span className={muted}>Not rotated</span>
            )}
          </Field>
        </dl>
      </Card>

      <Card title="Activity" description="Every change to this key, newest first.">
        {activity.length === 0 ? (
          <p className={`text-sm ${muted}`}>No activity recorded.</p>
        ) : (
          <ol className="divide-y divide-zinc-200 dark:divide-zinc-800">
            {activity.map((e) => (
              <li key={e.id} className="flex flex-wrap justify-between gap-x-4 gap-y-1 py-3 text-sm first:pt-0 last:pb-0">
                <div className="min-w-0 space-y-0.5">
                  <p>
                    <span className="font-medium">{e.action}</span>{" "}
                    <span className={muted}>
                      {e.by === "you"
                        ? "by you"
                        : e.by === "member"
                          ? `by ${e.actorName ?? "a member"}`
                          : e.by === "admin"
                            ? "by an admin"
                            : "automatically"}
                    </span>
                  </p>
                  {e.details.map((line) => (
                    <p key={detailText(line)} className={`text-xs break-words ${muted}`}>
                      {detailText(line)}
                    </p>
                  ))}
                </div>
                <span className={`text-xs whitespace-nowrap ${muted}`}>
                  <TimeAgo iso={e.createdAt} />
                  {e.ip && (
                    <>
                      {" "}
                      · <ClientAddress ip={e.ip} />
                    </>
                  )}
                </span>
              </li>
            ))}
          </ol>
        )}
      </Card>

      {revealed && (
        <Suspense fallback={null}>
          <RevealKeyDialog
            revealed={revealed}
            apiBase={apiBase}
            onDone={() => {
              const next = revealed?.key.id;
              setRevealed(null);
              if (next) router.push(keyPath(workspace, next));
            }}
          />
        </Suspense>
      )}
    </div>
  );
}
