"use client";

import { useState } from "react";
import { Button, type ButtonProps } from "./ui/button";

/** Copies `value`; says so visibly and to screen readers. */
export function CopyButton({
  value,
  label = "Copy",
  copiedLabel = "Copied",
  ...props
}: { value: string; label?: string; copiedLabel?: string } & ButtonProps) {
  const [copied, setCopied] = useState(false);
  return (
    <>
      <Button
        type="button"
        variant="secondary"
        size="sm"
        {...props}
        onClick={async () => {
          await navigator.clipboard.writeText(value);
          setCopied(true);
          setTimeout(() => setCopied(false), 2000);
        }}
      >
        {copied ? copiedLabel : label}
      </Button>
      <span role="status" className="sr-only">
        {copied ? copiedLabel : ""}
      </span>
    </>
  );
}
