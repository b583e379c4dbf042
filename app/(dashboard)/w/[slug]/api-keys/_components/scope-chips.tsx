/** A key's scopes as chips, in the list and on the key's page alike. */
export function ScopeChips({ scopes }: { scopes: string[] }) {
  return (
    <ul className="flex flex-wrap gap-1">
      {scopes.map((s) => (
        <li key={s} className="rounded bg-zinc-100 px-1.5 py-0.5 font-mono text-xs dark:bg-zinc-800">
          {s}
        </li>
      ))}
    </ul>
  );
}
