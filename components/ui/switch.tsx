"use client";

import * as RadixSwitch from "@radix-ui/react-switch";
import { useHydrated } from "./button";

/** An on/off control with role="switch"; its accessible name comes from `label` or aria-labelledby. */
export function Switch(props: RadixSwitch.SwitchProps) {
  const hydrated = useHydrated(); // a switch flipped before hydration would do nothing
  return (
    <RadixSwitch.Root
      {...props}
      disabled={props.disabled || !hydrated}
      className="relative inline-flex h-6 w-11 shrink-0 cursor-pointer items-center rounded-full bg-zinc-300 transition-colors data-[state=checked]:bg-indigo-600 disabled:cursor-not-allowed disabled:opacity-50 dark:bg-zinc-700 dark:data-[state=checked]:bg-indigo-500"
    >
      <RadixSwitch.Thumb className="block size-5 translate-x-0.5 rounded-full bg-white shadow transition-transform data-[state=checked]:translate-x-[22px]" />
    </RadixSwitch.Root>
  );
}
