import { problemAnchor } from "@/lib/core/problem";
import { manageKeysScript, walletSdkSnippet } from "@/lib/docs/manage-script";
import type { DocumentedOperation, OpenApiDocument } from "@/lib/plane/openapi/operations";
import { CodeBlock } from "./code-block";
import { OperationSection } from "./operation-section";

export const MANAGE_ANCHOR = "manage-keys-from-code";

/** The operations this section shows (SEP-1, SEP-10 and the management API), by their tag in the generated document. */
export const isManageOperation = (op: DocumentedOperation) => op.tag === "Authentication" || op.tag === "Management";

/**
 * Managing keys from a program: a SEP-10 token (no management secret to leak), a script that
 * does it all, and the management operations as the generated OpenAPI document has them.
 */
export function ManageSection({
  origin,
  network,
  operations,
  doc,
}: {
  origin: string;
  network: "testnet" | "public";
  operations: DocumentedOperation[];
  doc: OpenApiDocument;
}) {
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
        Mainnet key and changing a key&apos;s scopes or allowlist need signatures that meet your account&apos;s <strong>high</strong>{" "}
        threshold (a multisig account signs with enough signers); otherwise the answer is{" "}
        <a href={`#${problemAnchor("step_up_required")}`} className="font-mono text-indigo-700 underline dark:text-indigo-300">
          403 step_up_required
        </a>
        . Tokens last 15 minutes and end at once when you sign out everywhere or are suspended. Challenges are for the{" "}
        {network === "testnet" ? "Testnet" : "Mainnet (Public)"} network.
      </p>
      <p className="text-sm text-zinc-700 dark:text-zinc-300">
        A wallet or service that signs for its users may name itself with <code className="font-mono">client_domain</code>: its{" "}
        <code className="font-mono">stellar.toml</code>&apos;s <code className="font-mono">SIGNING_KEY</code> then co-signs the challenge,
        and the token says which client asked (SEP-10&apos;s client attribution; the wallet SDK&apos;s{" "}
        <code className="font-mono">DomainSigner</code> does it).
      </p>
      <h3 className="text-sm font-semibold">A whole script: token, create, call, rotate, revoke</h3>
      <CodeBlock code={manageKeysScript(origin)} label="Manage keys with the Stellar SDK" copyLabel="Copy script" />
      <h3 className="text-sm font-semibold">The token with the SDF wallet SDK</h3>
      <CodeBlock code={walletSdkSnippet(origin, network)} label="A token with the wallet SDK" copyLabel="Copy snippet" />
      {operations.map((op) => (
        <OperationSection key={op.operationId} op={op} doc={doc} />
      ))}
    </section>
  );
}
