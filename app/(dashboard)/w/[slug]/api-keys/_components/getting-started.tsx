"use client";

import Link from "next/link";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { homeOfUseCase, type KeysPayload } from "@/lib/keys/view";

type Step = { done: boolean; title: string; body: ReactNode };

/**
 * A newcomer's three steps — use case, a Testnet key, a first call — ticked off by what the
 * account has done (the list polls, so a first call ticks itself within seconds). Gone once
 * all three are done, and never shown to someone who cannot request keys here.
 */
export function GettingStarted({ data, apiBase, onRequest }: { data: KeysPayload; apiBase: string; onRequest: () => void }) {
  const { keys, context } = data;
  const steps: Step[] = [
    {
      done: context.hasUseCase,
      title: context.workspace.personal ? "Add your use case" : "Add the team's use case",
      body: (
        <>
          Say what {context.workspace.personal ? "you are" : "the team is"} building, in{" "}
          <Link href={homeOfUseCase(context.workspace).href} className="font-medium text-indigo-700 underline dark:text-indigo-300">
            {homeOfUseCase(context.workspace).where}
          </Link>
          : keys are issued once it is there.
        </>
      ),
    },
    {
      done: keys.length > 0,
      title: "Request a Testnet key",
      body: context.hasUseCase ? (
        <Button size="sm" onClick={onRequest}>
          Request your first key
        </Button>
      ) : (
        "Self-serve, and safe to experiment with."
      ),
    },
    {
      done: keys.some((k) => k.lastUsedAt !== null),
      title: "Call the API with it",
      body: (
        <>
          <code className="block rounded bg-zinc-100 px-2 py-1 font-mono text-xs break-all dark:bg-zinc-800">
            curl -H &quot;X-API-KEY: $KEYPORT_API_KEY&quot; {apiBase}/api/v1/whoami
          </code>
          <span className="mt-1 block">This step ticks itself off when the key&apos;s first request arrives.</span>
        </>
      ),
    },
  ];
  const done = steps.filter((s) => s.done).length;
  if (done === steps.length) return null;
  return (
    <section
      aria-labelledby="getting-started"
      className="rounded-lg border border-indigo-200 bg-indigo-50/60 p-4 dark:border-indigo-900 dark:bg-indigo-950/30"
    >
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 id="getting-started" className="font-semibold">
          Get started
        </h3>
        <p className="text-sm text-zinc-700 dark:text-zinc-300">
          {done} of {steps.length} done
        </p>
      </div>
      <ol className="mt-3 space-y-3">
        {steps.map((step, i) => (
          <li key={step.title} data-testid="getting-started-step" data-done={step.done} className="flex gap-3">
            <span
              aria-hidden
              className={`grid size-6 shrink-0 place-items-center rounded-full text-xs font-semibold ${
                step.done ? "bg-emerald-600 text-white" : "border border-zinc-400 text-zinc-700 dark:border-zinc-500 dark:text-zinc-300"
              }`}
            >
              {step.done ? "✓" : i + 1}
            </span>
            <div className="min-w-0 flex-1 space-y-1 text-sm">
              <p className={`font-medium ${step.done ? "text-zinc-600 line-through dark:text-zinc-400" : ""}`}>
                <span className="sr-only">{step.done ? "Done: " : "To do: "}</span>
                {step.title}
              </p>
              {!step.done && <div className="text-zinc-700 dark:text-zinc-300">{step.body}</div>}
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}
