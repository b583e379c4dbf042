"use client";

import { withStepUp } from "@/components/step-up/with-step-up";
import { useRouter } from "next/navigation";
import { Switch } from "@/components/ui/switch";
import { useAction } from "@/components/use-action";
import { approveWorkspace } from "../../actions";

/** A workspace's Mainnet approval; withdrawing it holds its live Mainnet keys (the server says how many). */
export function WorkspaceApproval({ workspaceId, name, approved }: { workspaceId: string; name: string; approved: boolean }) {
  const router = useRouter();
  const m = useAction(withStepUp(approveWorkspace), { onSuccess: () => router.refresh() });
  return (
    <span className="inline-flex flex-col items-end gap-1 text-sm">
      <span className="flex items-center gap-2">
        Mainnet
        <Switch
          checked={m.pending ? !approved : approved}
          disabled={m.pending}
          onCheckedChange={(v) => void m.run({ workspaceId, approved: v })}
          aria-label={`Mainnet approval of ${name}`}
        />
      </span>
      {m.error && (
        <span role="alert" className="max-w-56 text-right text-xs text-red-700 dark:text-red-400">
          {m.error}
        </span>
      )}
    </span>
  );
}
