import { CopyButton } from "@/components/copy-button";

/** A block of code that scrolls sideways inside itself (never the page), with a copy button. */
export function CodeBlock({ code, label, copyLabel }: { code: string; label: string; copyLabel?: string }) {
  return (
    <div className="flex items-start gap-2">
      <pre
        tabIndex={0}
        aria-label={label}
        className="min-w-0 flex-1 overflow-x-auto rounded-md bg-zinc-900 px-3 py-2 font-mono text-xs leading-relaxed text-zinc-100 dark:bg-black"
      >
        {code}
      </pre>
      {copyLabel && <CopyButton value={code} label={copyLabel} aria-label={`${copyLabel}: ${label}`} />}
    </div>
  );
}

export const pretty = (value: unknown) => JSON.stringify(value, null, 2);
