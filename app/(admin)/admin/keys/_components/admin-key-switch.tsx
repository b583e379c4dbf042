"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Switch } from "@/components/ui/switch";
import type { AdminKeyView } from "@/lib/data/admin";
import { toggleKey } from "../../actions";

/** Enables or disables any user's key; the change is audited as the admin's. */
export function AdminKeySwitch({ keyView: k, onChanged }: { keyView: AdminKeyView; onChanged?: (k: AdminKeyView) => void }) {
  const client = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const toggle = useMutation({
    mutationFn: (enabled: boolean) => toggleKey({ keyId: k.id, enabled }),
    onSuccess: (r) => {
      if (!r.ok) return setError(r.message);
      setError(null);
      onChanged?.(r.data);
      void client.invalidateQueries({ queryKey: ["admin-keys"] });
    },
  });
  const finished = k.status === "revoked" || k.status === "expired";
  const enabled = toggle.isPending ? toggle.variables : k.status !== "disabled";
  return (
    <span className="inline-flex items-center gap-2">
      <Switch checked={!finished && enabled} disabled={finished || toggle.isPending} onCheckedChange={(v) => toggle.mutate(v)} aria-label={`Key ${k.name} enabled`} />
      {error && <span role="alert" className="text-xs text-red-700 dark:text-red-400">{error}</span>}
    </span>
  );
}
