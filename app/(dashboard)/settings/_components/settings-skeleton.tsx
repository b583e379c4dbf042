/** The settings tabs while their page loads. Not one loading.tsx for all of settings: a key's page must
 * answer 404 for a key that is not there, and a status cannot change once a loading state has streamed. */
export function SettingsSkeleton() {
  return (
    <div role="status" aria-label="Loading" className="animate-pulse space-y-4">
      <div className="h-24 rounded-lg bg-zinc-200 dark:bg-zinc-800" />
      <div className="h-64 rounded-lg bg-zinc-200 dark:bg-zinc-800" />
    </div>
  );
}
