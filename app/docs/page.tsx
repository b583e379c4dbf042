import type { Metadata } from "next";
import Link from "next/link";
import { HydrationMarker } from "@/components/hydration-marker";
import { Logo } from "@/components/logo";
import { PROBLEM_CODES, problemAnchor } from "@/lib/core/problem";
import { env } from "@/lib/core/env";
import { documentedOperations } from "@/lib/plane/openapi/operations";
import { openApiDocument } from "@/lib/plane/openapi/served";
import { ErrorSection } from "./_components/error-section";
import { isManageOperation, MANAGE_ANCHOR, ManageSection } from "./_components/manage-section";
import { InlineCode } from "./_components/inline-code";
import { operationAnchor, OperationSection } from "./_components/operation-section";
import { isWebhookOperation, WEBHOOKS_ANCHOR, WebhooksSection } from "./_components/webhooks-section";

export const metadata: Metadata = { title: "API reference" };

const link = "text-indigo-700 underline underline-offset-2 dark:text-indigo-300";

/**
 * The API reference, rendered on the server from the OpenAPI document the API plane generates
 * from its own routes (no script from elsewhere: it works offline and under the CSP). Public:
 * Problem Details `type` URLs point at its error sections.
 */
export default async function DocsPage() {
  const origin = env.publicOrigin;
  const doc = await openApiDocument();
  const all = documentedOperations(doc);
  // SEP-1, SEP-10 and the management API have their own section, after the key API's operations.
  const operations = all.filter((op) => !isManageOperation(op) && !isWebhookOperation(op));
  return (
    <div className="mx-auto flex max-w-6xl flex-col gap-8 px-4 py-6 md:flex-row md:px-8">
      <HydrationMarker />
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:m-2 focus:rounded focus:bg-white focus:p-2">
        Skip to content
      </a>
      <aside className="shrink-0 md:sticky md:top-6 md:max-h-[calc(100vh-3rem)] md:w-56 md:overflow-y-auto">
        <Link href="/" className="inline-block">
          <Logo />
        </Link>
        <Link href="/" className={`mt-2 block text-sm ${link}`}>
          ← Back to Keyport
        </Link>
        <nav aria-label="API reference" className="mt-4 space-y-4 text-sm">
          <div>
            <p className="font-semibold">Operations</p>
            <ul className="mt-1 space-y-1">
              {operations.map((op) => (
                <li key={op.operationId}>
                  <a href={`#${operationAnchor(op)}`} className="text-zinc-700 hover:underline dark:text-zinc-300">
                    {op.summary}
                  </a>
                </li>
              ))}
              <li>
                <a href={`#${MANAGE_ANCHOR}`} className="text-zinc-700 hover:underline dark:text-zinc-300">
                  Manage keys from code
                </a>
              </li>
              <li>
                <a href={`#${WEBHOOKS_ANCHOR}`} className="text-zinc-700 hover:underline dark:text-zinc-300">
                  Webhooks
                </a>
              </li>
            </ul>
          </div>
          <div>
            <p className="font-semibold">
              <a href="#errors" className="hover:underline">
                Errors
              </a>
            </p>
            {/* On a phone the reference stacks under this menu: one link down, not fifteen codes first. */}
            <a href="#errors" className="mt-1 block text-zinc-700 hover:underline md:hidden dark:text-zinc-300">
              All {PROBLEM_CODES.length} errors, with examples ↓
            </a>
            <ul className="mt-1 hidden space-y-1 md:block">
              {PROBLEM_CODES.map((code) => (
                <li key={code}>
                  <a href={`#${problemAnchor(code)}`} className="font-mono text-xs text-zinc-700 hover:underline dark:text-zinc-300">
                    {code}
                  </a>
                </li>
              ))}
            </ul>
          </div>
        </nav>
      </aside>
      <main id="main" className="min-w-0 flex-1 space-y-12">
        <header className="space-y-3">
          <h1 className="text-2xl font-semibold">Keyport API reference</h1>
          <p className="text-sm text-zinc-700 dark:text-zinc-300">
            <InlineCode text={doc.info.description ?? ""} />
          </p>
          <ul className="list-disc space-y-1 pl-5 text-sm">
            <li>
              Base URL: <code className="font-mono break-all">{origin}</code>
            </li>
            <li>
              Authentication: your key in the <code className="font-mono">X-API-KEY</code> header, never in the URL. Get one in{" "}
              <Link href="/settings/api-keys" className={link}>
                Settings → API keys
              </Link>
              .
            </li>
            <li>
              Every answer carries <code className="font-mono">X-RateLimit-Limit</code>, <code className="font-mono">-Remaining</code> and{" "}
              <code className="font-mono">-Reset</code>; past the limit, <code className="font-mono">429</code> with{" "}
              <code className="font-mono">Retry-After</code>.
            </li>
            <li>
              Machine-readable:{" "}
              <a href="/api/v1/openapi.json" className={link}>
                OpenAPI 3.1 document
              </a>
              .
            </li>
          </ul>
        </header>
        {operations.map((op) => (
          <OperationSection key={op.operationId} op={op} doc={doc} />
        ))}
        <ManageSection origin={origin} network={env.SEP10_NETWORK} operations={all.filter(isManageOperation)} doc={doc} />
        <WebhooksSection operations={all.filter(isWebhookOperation)} doc={doc} />
        <section id="errors" aria-labelledby="errors-title" className="scroll-mt-6 space-y-6">
          <div className="space-y-2">
            <h2 id="errors-title" className="text-lg font-semibold">
              Errors
            </h2>
            <p className="text-sm text-zinc-700 dark:text-zinc-300">
              Every error is an RFC 9457 Problem Details document (<code className="font-mono">application/problem+json</code>):{" "}
              <code className="font-mono">type</code> links here, <code className="font-mono">code</code> is stable, and{" "}
              <code className="font-mono">detail</code> says what to do.
            </p>
          </div>
          {PROBLEM_CODES.map((code) => (
            <ErrorSection key={code} code={code} origin={origin} />
          ))}
        </section>
      </main>
    </div>
  );
}
