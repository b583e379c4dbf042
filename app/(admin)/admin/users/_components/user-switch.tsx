"use client";

import { useState, type ReactNode } from "react";
import { Switch } from "@/components/ui/switch";
import { useAction } from "@/components/use-action";
import type { Result } from "@/lib/core/result";
import { useAdminRefresh } from "../../_components/admin-fetch";
import { ConfirmDialog } from "../../_components/confirm-dialog";

type Change = (v: boolean) => Promise<Result<object>>;

/**
 * A switch for one user setting. When turning it off needs a second thought (withdrawing
 * Mainnet disables keys), `confirmOff` asks first.
 */
export function UserSwitch({
  checked,
  label,
  disabled,
  hint,
  change,
  confirmOff,
}: {
  checked: boolean;
  label: string;
  disabled?: boolean;
  hint?: string;
  change: Change;
  confirmOff?: { title: string; body: ReactNode; action: string };
}) {
  const refresh = useAdminRefresh();
  const [confirming, setConfirming] = useState(false);
  const changeAndRefresh = async (v: boolean) => {
    const r = await change(v);
    void refresh("admin-users");
    void refresh("admin-keys");
    return r;
  };
  const m = useAction(changeAndRefresh);
  const error = m.error;
  return (
    <span className="inline-flex flex-col items-start gap-1">
      <Switch
        checked={m.pending ? !checked : checked}
        disabled={disabled || m.pending}
        onCheckedChange={(v) => (!v && confirmOff ? setConfirming(true) : void m.run(v))}
        aria-label={label}
        title={hint}
      />
      {hint && disabled && <span className="text-xs text-zinc-600 dark:text-zinc-400">{hint}</span>}
      {error && (
        <span role="alert" className="text-xs text-red-700 dark:text-red-400">
          {error}
        </span>
      )}
      {confirmOff && (
        <ConfirmDialog
          open={confirming}
          onOpenChange={setConfirming}
          title={confirmOff.title}
          confirmLabel={confirmOff.action}
          danger
          onConfirm={() => changeAndRefresh(false)}
        >
          {confirmOff.body}
        </ConfirmDialog>
      )}
    </span>
  );
}
