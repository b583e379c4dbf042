import type { KeyView } from "@/lib/keys/view";
import { dateTime } from "./format";

/**
 * A key found in public: when, where (the report's URL, shown as text: it is not ours to
 * link to), that it is off for good, and what to do. Shown on the key list and its page.
 */
export function LeakNotice({ keys }: { keys: Pick<KeyView, "id" | "name" | "masked" | "status" | "leak">[] }) {
  const leaked = keys.filter((k) => k.status === "leaked" && k.leak);
  if (leaked.length === 0) return null;
  return (
    <section
      aria-labelledby="leak-notice-title"
      data-testid="leak-notice"
      className="space-y-2 rounded-lg border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-950 dark:border-red-900 dark:bg-red-950/40 dark:text-red-100"
    >
      <h2 id="leak-notice-title" className="font-semibold">
        {leaked.length === 1 ? "A key of yours was found in public" : `${leaked.length} keys of yours were found in public`}
      </h2>
      <ul className="space-y-1">
        {leaked.map((k) => (
          <li key={k.id} className="break-words">
            <span className="font-medium">{k.name}</span> <span className="font-mono text-xs">{k.masked}</span>, reported{" "}
            {dateTime(k.leak!.at)}
            {k.leak!.url && (
              <>
                {" "}
                at <span className="font-mono text-xs break-all">{k.leak!.url}</span>
              </>
            )}
            {k.leak!.source && <> ({k.leak!.source})</>}.
          </li>
        ))}
      </ul>
      <p>
        Keyport switched {leaked.length === 1 ? "it" : "them"} off for good: anyone may have copied {leaked.length === 1 ? "it" : "them"}.{" "}
        <strong>Rotate</strong> to get a replacement with the same name and scopes, deploy it, and remove the old key from where it was
        published.
      </p>
    </section>
  );
}
