import { useOfferedScopes } from "@/components/offered-scopes";
import { scopeDescription } from "@/lib/keys/scopes";

/**
 * The scopes a key may be given, each with what it allows: those some operation checks, plus
 * any older scope the key already holds (an edit may keep it, never add it).
 */
export function ScopeCheckboxes({ selected, error }: { selected: readonly string[]; error?: string }) {
  const offered: readonly string[] = useOfferedScopes();
  const kept = selected.filter((s) => !offered.includes(s));
  return (
    <fieldset className="space-y-2" aria-describedby={error ? "scopes-error" : undefined}>
      <legend className="text-sm font-medium">Scopes</legend>
      <p className="text-xs text-zinc-600 dark:text-zinc-400">Grant only what this integration needs; you can change it later.</p>
      {[...offered, ...kept].map((scope) => (
        <label
          key={scope}
          className="flex items-start gap-3 rounded-md border border-zinc-200 p-3 text-sm has-[:checked]:border-indigo-400 dark:border-zinc-800"
        >
          <input
            type="checkbox"
            name="scopes"
            value={scope}
            defaultChecked={selected.includes(scope)}
            className="mt-0.5 size-4 accent-indigo-600"
          />
          <span>
            <span className="font-mono text-xs font-semibold">{scope}</span>
            <span className="block text-zinc-600 dark:text-zinc-400">
              {scopeDescription(scope) ?? "A scope from an earlier version."}
              {kept.includes(scope) && " No operation checks it now: you can keep it, but not add it back once removed."}
            </span>
          </span>
        </label>
      ))}
      {error && (
        <p id="scopes-error" className="text-sm text-red-600 dark:text-red-400">
          {error}
        </p>
      )}
    </fieldset>
  );
}
