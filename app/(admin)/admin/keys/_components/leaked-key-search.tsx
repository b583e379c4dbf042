"use client";

import { useState } from "react";
import { useAction } from "@/components/use-action";
import { AdminLockNote, StatusBadge } from "@/components/key-status-badge";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import type { AdminKeyView } from "@/lib/data/keys/admin";
import { NETWORK_LABEL } from "@/lib/networks/key";
import { findLeakedKey } from "../../actions";
import { AdminKeySwitch } from "./admin-key-switch";

/**
 * Paste a key found in a repository, a log or a support ticket: it is hashed on the
 * server and matched; nothing pasted is stored. Then disable it in one click.
 */
export function LeakedKeySearch() {
  const [value, setValue] = useState("");
  const [found, setFound] = useState<AdminKeyView | null>(null);
  const find = useAction(findLeakedKey, { onSuccess: setFound });
  const { error, pending } = find;

  function search(event: React.FormEvent) {
    event.preventDefault();
    setFound(null);
    setValue(""); // do not keep a live secret on screen
    void find.run({ key: value });
  }

  return (
    <Card
      title="Find a leaked key"
      description="Paste a key someone exposed. Keyport matches it by its hash and shows whose it is, so you can disable it."
    >
      <form onSubmit={search} className="flex flex-wrap items-end gap-3" autoComplete="off">
        <div className="min-w-72 flex-1">
          <TextField
            label="Leaked key"
            type="password"
            value={value}
            onChange={(e) => setValue(e.target.value)}
            placeholder="kp_live_…"
            spellCheck={false}
          />
        </div>
        <Button type="submit" pending={pending} disabled={!value.trim()}>
          Find key
        </Button>
      </form>
      <div className="mt-4 space-y-3" aria-live="polite">
        {error && <Alert tone="error">{error}</Alert>}
        {found && (
          <div
            className="flex flex-wrap items-center justify-between gap-4 rounded-md border border-zinc-200 p-4 dark:border-zinc-800"
            data-testid="leaked-key-result"
          >
            <div className="space-y-1 text-sm">
              <p>
                <span className="font-medium">{found.name}</span> · {NETWORK_LABEL[found.network]} ·{" "}
                <span className="font-mono text-xs">{found.masked}</span>
              </p>
              <p className="text-zinc-600 dark:text-zinc-400">
                Owner <span className="font-mono text-xs">{found.owner.address}</span>
                {found.owner.name && ` (${found.owner.name})`}
              </p>
              <AdminLockNote keyView={found} audience="admin" />
            </div>
            <div className="flex items-center gap-3">
              <StatusBadge keyView={found} />
              <AdminKeySwitch keyView={found} onChanged={setFound} />
            </div>
          </div>
        )}
      </div>
    </Card>
  );
}
