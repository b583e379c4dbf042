import { SCOPE_IDS, SCOPES } from "@/lib/keys/scopes";

/** The scope catalogue as checkboxes, each with what it allows. */
export function ScopeCheckboxes({ selected, error }: { selected: readonly string[]; error?: string }) {
  return (
    <fieldset className="space-y-2" aria-describedby={error ? "scopes-error" : undefined}>
      <legend className="text-sm font-medium">Scopes</legend>
      <p className="text-xs text-zinc-600 dark:text-zinc-400">Grant only what this integration needs; you can change it later.</p>
      {SCOPE_IDS.map((scope) => (
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
            <span className="block text-zinc-600 dark:text-zinc-400">{SCOPES[scope]}</span>
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
