"use client";

import type { ButtonHTMLAttributes } from "react";
import { useHydrated } from "./button";

type SwitchProps = Omit<ButtonHTMLAttributes<HTMLButtonElement>, "onChange" | "role" | "type"> & {
  checked: boolean;
  onCheckedChange: (checked: boolean) => void;
};

/**
 * An on/off control with role="switch"; its accessible name comes from aria-label or
 * aria-labelledby. A plain button (Space and Enter toggle it, as the ARIA switch pattern asks):
 * Radix's switch added ~8 kB to the first load of every page with one, for no behaviour these
 * switches use (none is a form field).
 */
export function Switch({ checked, onCheckedChange, disabled, ...props }: SwitchProps) {
  const hydrated = useHydrated(); // a switch flipped before hydration would do nothing
  const state = checked ? "checked" : "unchecked";
  return (
    <button
      {...props}
      type="button"
      role="switch"
      aria-checked={checked}
      data-state={state}
      disabled={disabled || !hydrated}
      onClick={() => onCheckedChange(!checked)}
      className="relative inline-flex h-6 w-11 shrink-0 cursor-pointer items-center rounded-full bg-zinc-300 transition-colors data-[state=checked]:bg-indigo-600 disabled:cursor-not-allowed disabled:opacity-50 dark:bg-zinc-700 dark:data-[state=checked]:bg-indigo-500"
    >
      <span
        data-state={state}
        className="block size-5 translate-x-0.5 rounded-full bg-white shadow transition-transform data-[state=checked]:translate-x-[22px]"
      />
    </button>
  );
}
