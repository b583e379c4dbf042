import { CodeSamples } from "@/components/code-samples";
import { MANAGE_OPERATIONS, manageSnippets, type ManageOperation } from "@/lib/api/openapi/manage-operations";
import { problemAnchor, PROBLEMS } from "@/lib/api/problem";
import { manageKeysScript, walletSdkSnippet } from "@/lib/docs/manage-script";
import { CodeBlock } from "./code-block";
import { InlineCode } from "./inline-code";

export const MANAGE_ANCHOR = "manage-keys-from-code";

/**
 * Managing keys from a program: a SEP-10 token (no management secret to leak), a script that
 * does it all, and the management operations (their schemas are in the OpenAPI document).
 */
export function ManageSection({ origin, network }: { origin: string; network: "testnet" | "public" }) {
  return (
    <section id={MANAGE_ANCHOR} aria-labelledby={`${MANAGE_ANCHOR}-title`} className="scroll-mt-6 space-y-4">
      <h2 id={`${MANAGE_ANCHOR}-title`} className="text-lg font-semibold">
        Manage keys from code
      </h2>
      <p className="text-sm text-zinc-700 dark:text-zinc-300">
        A program that holds your Stellar secret key can do what the API keys page does, with no management secret that could leak: it finds
        the web auth endpoint in <code className="font-mono">/.well-known/stellar.toml</code> (SEP-1), signs a challenge (SEP-10) and sends
        the token it gets as <code className="font-mono">Authorization: Bearer</code>. The same rules apply as on the page (your role, the
        cap, Mainnet approval, an admin&apos;s disable) and every change is audited as yours, through the API. Creating or rotating a
        Mainnet key and changing an allowlist need signatures that meet your account&apos;s <strong>high</strong> threshold (a multisig
        account signs with enough signers); otherwise the answer is{" "}
        <a href={`#${problemAnchor("step_up_required")}`} className="font-mono text-indigo-700 underline dark:text-indigo-300">
          403 step_up_required
        </a>
        . Tokens last 15 minutes and end at once when you sign out everywhere or are suspended. Challenges are for the{" "}
        {network === "testnet" ? "Testnet" : "Mainnet (Public)"} network.
      </p>
      <h3 className="text-sm font-semibold">A whole script: token, create, call, rotate, revoke</h3>
      <CodeBlock code={manageKeysScript(origin)} label="Manage keys with the Stellar SDK" copyLabel="Copy script" />
      <h3 className="text-sm font-semibold">The token with the SDF wallet SDK</h3>
      <CodeBlock code={walletSdkSnippet(origin, network)} label="A token with the wallet SDK" copyLabel="Copy snippet" />
      {MANAGE_OPERATIONS.map((op) => (
        <ManageOperationSection key={op.operationId} op={op} origin={origin} />
      ))}
    </section>
  );
}

/** One operation: what it does, a request to paste and the errors it can give (schemas: the OpenAPI document). */
function ManageOperationSection({ op, origin }: { op: ManageOperation; origin: string }) {
  const anchor = `op-${op.operationId}`;
  return (
    <section id={anchor} aria-labelledby={`${anchor}-title`} className="scroll-mt-6 space-y-3 pt-4">
      <h2 id={`${anchor}-title`} className="flex flex-wrap items-center gap-2 text-base font-semibold">
        <span className="rounded bg-zinc-100 px-2 py-0.5 font-mono text-xs font-bold uppercase text-zinc-900 dark:bg-zinc-800 dark:text-zinc-100">
          {op.method}
        </span>
        <code className="font-mono break-all">{op.path}</code>
      </h2>
      <p className="font-medium">{op.summary}</p>
      <p className="text-sm text-zinc-700 dark:text-zinc-300">
        <InlineCode text={op.description} />
      </p>
      <p className="text-sm">
        <span className="font-medium">Authentication:</span>{" "}
        {op.security === "none" ? "None." : "A SEP-10 token: Authorization: Bearer $KEYPORT_TOKEN."}
      </p>
      <CodeSamples code={manageSnippets(op, origin)} label={`Request for ${op.method.toUpperCase()} ${op.path}`} />
      <ul className="flex flex-wrap gap-2 text-sm" aria-label={`Errors of ${op.method.toUpperCase()} ${op.path}`}>
        {op.errors.map((code) => (
          <li key={code}>
            <a
              href={`#${problemAnchor(code)}`}
              className="inline-block rounded-md border border-zinc-300 px-2 py-1 font-mono text-xs text-indigo-700 underline-offset-2 hover:underline dark:border-zinc-700 dark:text-indigo-300"
            >
              {PROBLEMS[code].status} {code}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
