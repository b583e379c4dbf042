"use client";

import { useId, type ReactNode } from "react";
import { Switch } from "./switch";

/**
 * A setting that is on or off: its name and what it does on the left, the switch on the right,
 * named and described by them for screen readers.
 */
export function SwitchRow({
  label,
  description,
  checked,
  onCheckedChange,
  disabled,
  className = "",
}: {
  label: ReactNode;
  description: ReactNode;
  checked: boolean;
  onCheckedChange: (checked: boolean) => void;
  disabled?: boolean;
  className?: string;
}) {
  const id = useId();
  return (
    <div className={`flex items-start justify-between gap-6 ${className}`}>
      <div>
        <p id={`${id}-label`} className="text-sm font-medium">
          {label}
        </p>
        <p id={`${id}-desc`} className="mt-1 max-w-prose text-sm text-zinc-600 dark:text-zinc-400">
          {description}
        </p>
      </div>
      <Switch
        checked={checked}
        onCheckedChange={onCheckedChange}
        disabled={disabled}
        aria-labelledby={`${id}-label`}
        aria-describedby={`${id}-desc`}
      />
    </div>
  );
}
