"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { HydrationMarker } from "@/components/hydration-marker";
import { Button } from "@/components/ui/button";
import { dateTime } from "@/components/format";
import { useAction } from "@/components/use-action";
import type { WorkspaceContext } from "@/lib/keys/view";
import type { WebhookDeliveryView } from "@/lib/validation/webhooks";
import { redeliverWebhookAction, sendWebhookTestAction } from "../actions";

const STATUS_TONE: Record<WebhookDeliveryView["status"], string> = {
  succeeded: "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200",
  pending: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200",
  failed: "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200",
};

/** The latest deliveries, newest first; each opens to its attempts. Polls while one is pending. */
export function DeliveryLog({
  workspace,
  endpointId,
  enabled,
  deliveries,
}: {
  workspace: WorkspaceContext;
  endpointId: string;
  /** Off: nothing is sent, so nothing to wait for. */
  enabled: boolean;
  deliveries: WebhookDeliveryView[];
}) {
  const router = useRouter();
  const ref = { workspaceId: workspace.id, endpointId };
  const test = useAction(sendWebhookTestAction, { onSuccess: () => router.refresh() });
  const redeliver = useAction(redeliverWebhookAction, { onSuccess: () => router.refresh() });
  const waiting = enabled && deliveries.some((d) => d.status === "pending");
  useEffect(() => {
    if (!waiting) return;
    const timer = setInterval(() => router.refresh(), 3_000);
    return () => clearInterval(timer);
  }, [waiting, router]);

  return (
    <>
      <HydrationMarker />
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          {deliveries.length ? "The latest 50 deliveries, newest first." : "Nothing delivered yet: send a test event."}
        </p>
        <Button variant="secondary" pending={test.pending} onClick={() => void test.run(ref)}>
          Send test event
        </Button>
      </div>
      <ul className="space-y-2" aria-label="Deliveries">
        {deliveries.map((d) => (
          <li key={d.id} className="rounded-lg border border-zinc-200 bg-white p-3 dark:border-zinc-800 dark:bg-zinc-900">
            <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
              <span className="font-mono text-sm">{d.type}</span>
              <span className={`rounded-full px-2 text-xs font-medium ${STATUS_TONE[d.status]}`}>{d.status}</span>
              <span className="text-xs text-zinc-600 dark:text-zinc-400">
                {dateTime(d.createdAt)} · {d.attempts} {d.attempts === 1 ? "attempt" : "attempts"}
                {d.nextAttemptAt && ` · next ${dateTime(d.nextAttemptAt)}`}
              </span>
              <Button
                size="sm"
                variant="ghost"
                className="ml-auto"
                pending={redeliver.pending}
                onClick={() => void redeliver.run({ ...ref, deliveryId: d.id })}
              >
                Redeliver
              </Button>
            </div>
            {d.log.length > 0 && (
              <details className="mt-2">
                <summary className="cursor-pointer text-sm text-zinc-700 dark:text-zinc-300">Attempts</summary>
                <ol className="mt-2 space-y-2">
                  {d.log.map((a) => (
                    <li key={`${a.attempt}-${a.at}`} className="text-sm">
                      <p>
                        #{a.attempt} · {dateTime(a.at)} · {a.status ?? "no answer"} · {a.latencyMs} ms
                        {a.error && <span className="text-red-700 dark:text-red-400"> · {a.error}</span>}
                      </p>
                      {a.responseExcerpt && (
                        <pre className="mt-1 max-h-32 overflow-auto rounded bg-zinc-50 p-2 text-xs break-all whitespace-pre-wrap dark:bg-zinc-950">
                          {a.responseExcerpt}
                        </pre>
                      )}
                    </li>
                  ))}
                </ol>
              </details>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
