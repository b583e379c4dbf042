"use client";

import { useEffect, useId, useState } from "react";
import { CodeSamples } from "@/components/code-samples";
import { useGatewayExample } from "@/components/offered-scopes";
import { CopyButton } from "@/components/copy-button";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { dateTime } from "@/components/format";
import { NETWORK_LABEL } from "@/lib/networks/key";
import { requestSnippets } from "@/lib/docs/snippets";
import type { KeyView } from "@/lib/keys/view";

export type Revealed = { plaintext: string; key: KeyView; replaced?: KeyView };

/**
 * Shows a new key exactly once. It cannot be dismissed (Escape, outside click, the close
 * button, leaving the page) until the user confirms they copied it; then it is gone:
 * the plaintext lives only in this component's state.
 */
export function RevealKeyDialog({ revealed, apiBase, onDone }: { revealed: Revealed | null; apiBase: string; onDone: () => void }) {
  return revealed ? <Reveal key={revealed.key.id} revealed={revealed} apiBase={apiBase} onDone={onDone} /> : null;
}

function Reveal({ revealed, apiBase, onDone }: { revealed: Revealed; apiBase: string; onDone: () => void }) {
  const id = useId();
  const [copiedConfirmed, setCopiedConfirmed] = useState(false);
  const { plaintext, key, replaced } = revealed;
  // In gateway mode, a call of the platform's own API through Keyport (a GET route the key's
  // scopes allow); else whoami, which every key may call.
  const gatewayPath = useGatewayExample(key.scopes);
  // curl carries the key itself (a check to paste right now); Node and Python read it from the environment.
  const samples = requestSnippets({
    method: "GET",
    url: `${apiBase}${gatewayPath ?? "/api/v1/whoami"}`,
    secretHeaders: { "X-API-KEY": { env: "KEYPORT_API_KEY" } },
    inline: { KEYPORT_API_KEY: plaintext },
  });

  const [backBlocked, setBackBlocked] = useState(false);

  useEffect(() => {
    if (copiedConfirmed) return;
    // Leaving the page (reload, close, typed URL) asks first.
    const warn = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = ""; // older browsers need it set to show the prompt
    };
    // The Back button stays on the page: a guard entry is pushed and re-pushed when popped.
    const stay = () => {
      window.history.pushState(window.history.state, "", window.location.href);
      setBackBlocked(true);
    };
    window.history.pushState(window.history.state, "", window.location.href);
    window.addEventListener("beforeunload", warn);
    window.addEventListener("popstate", stay);
    return () => {
      window.removeEventListener("beforeunload", warn);
      window.removeEventListener("popstate", stay);
      // Take the guard entry away again, so the user's next Back press goes back.
      window.history.back();
    };
  }, [copiedConfirmed]);

  return (
    <Dialog
      open
      locked={!copiedConfirmed}
      onOpenChange={(open) => !open && onDone()}
      title={replaced ? "Your rotated API key" : "Your new API key"}
      description="Copy it now. This is the only time Keyport shows it: only a hash is stored, so it cannot be shown again. If you lose it, revoke it and request a new one."
      wide
    >
      <div className="space-y-5">
        <div className="space-y-2">
          <p className="text-sm">
            <span className="font-medium">{key.name}</span> · {NETWORK_LABEL[key.network]} · {key.scopes.join(", ")}
          </p>
          <div className="flex items-center gap-2">
            <code
              aria-label="API key"
              data-testid="new-api-key"
              className="block min-w-0 flex-1 rounded-md border border-zinc-300 bg-zinc-50 px-3 py-2 font-mono text-sm break-all select-all dark:border-zinc-700 dark:bg-zinc-950"
            >
              {plaintext}
            </code>
            <CopyButton value={plaintext} label="Copy key" />
          </div>
        </div>
        {replaced?.expiresAt && (
          <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:bg-amber-950/40 dark:text-amber-200">
            The old key ({replaced.masked}) keeps working until {dateTime(replaced.expiresAt)}. Deploy the new one before then.
          </p>
        )}
        <div className="space-y-2">
          <p className="text-sm font-medium">{gatewayPath ? "Call your API through Keyport" : "Check it works"}</p>
          <CodeSamples code={samples} label="Example request" />
          <p className="text-xs text-zinc-600 dark:text-zinc-400">
            Node.js and Python read the key from <code className="font-mono">KEYPORT_API_KEY</code>: keep it in your secrets, not in your
            code.
          </p>
          <p className="text-sm text-zinc-700 dark:text-zinc-300">
            Every operation, its errors and a request to paste are in the {/* A new tab: this dialog must stay until the key is copied. */}
            <a href="/docs" target="_blank" rel="noopener" className="text-indigo-700 underline underline-offset-2 dark:text-indigo-300">
              API reference (opens in a new tab)
            </a>
            .
          </p>
        </div>
        {backBlocked && !copiedConfirmed && (
          <p role="alert" className="text-sm text-amber-800 dark:text-amber-300">
            Confirm you copied the key before leaving this page.
          </p>
        )}
        <div className="flex flex-wrap items-center justify-between gap-4 border-t border-zinc-200 pt-4 dark:border-zinc-800">
          <label htmlFor={id} className="flex items-center gap-2 text-sm">
            <input
              id={id}
              type="checkbox"
              checked={copiedConfirmed}
              onChange={(e) => setCopiedConfirmed(e.target.checked)}
              className="size-4 accent-indigo-600"
            />
            I have copied my key and stored it safely
          </label>
          <Button onClick={onDone} disabled={!copiedConfirmed}>
            Done
          </Button>
        </div>
      </div>
    </Dialog>
  );
}
