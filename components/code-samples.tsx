"use client";

import * as Tabs from "@radix-ui/react-tabs";
import { useState } from "react";
import { CopyButton } from "@/components/copy-button";
import { SNIPPET_LANGUAGES, type SnippetLanguage } from "@/lib/docs/snippets";

// The language a reader picked last, kept for this tab's visit: every sample on a page follows it.
let remembered: SnippetLanguage = "curl";

/**
 * One request in curl, Node.js and Python, as tabs (Radix: arrow keys move between them). The
 * code wraps instead of scrolling sideways, so a long URL or key is never cut off on a phone.
 */
export function CodeSamples({ code, label }: { code: Record<SnippetLanguage, string>; label: string }) {
  const [language, setLanguage] = useState<SnippetLanguage>(remembered);
  return (
    <Tabs.Root
      value={language}
      onValueChange={(v) => {
        remembered = v as SnippetLanguage;
        setLanguage(remembered);
      }}
      className="overflow-hidden rounded-md border border-zinc-800 bg-zinc-900 dark:bg-black"
    >
      <div className="flex items-center justify-between gap-2 border-b border-zinc-800 pr-1">
        <Tabs.List aria-label={`${label}: language`} className="flex">
          {SNIPPET_LANGUAGES.map((l) => (
            <Tabs.Trigger
              key={l.id}
              value={l.id}
              className="px-3 py-2 text-xs font-medium text-zinc-400 hover:text-zinc-100 focus-visible:ring-2 focus-visible:ring-indigo-400 focus-visible:outline-none data-[state=active]:text-white data-[state=active]:shadow-[inset_0_-2px_0_0_var(--color-indigo-400)]"
            >
              {l.label}
            </Tabs.Trigger>
          ))}
        </Tabs.List>
        <CopyButton value={code[language]} label="Copy" aria-label={`Copy ${label} (${language})`} />
      </div>
      {SNIPPET_LANGUAGES.map((l) => (
        <Tabs.Content key={l.id} value={l.id} className="focus-visible:ring-2 focus-visible:ring-indigo-400 focus-visible:outline-none">
          <pre
            aria-label={`${label} in ${l.label}`}
            className="px-3 py-2 font-mono text-xs leading-relaxed break-all whitespace-pre-wrap text-zinc-100"
          >
            {code[l.id]}
          </pre>
        </Tabs.Content>
      ))}
    </Tabs.Root>
  );
}
