import { CodeSamples } from "@/components/code-samples";
import { problemAnchor, PROBLEMS } from "@/lib/core/problem";
import type { DocumentedOperation, OpenApiDocument } from "@/lib/plane/openapi/operations";
import { CodeBlock, pretty } from "./code-block";
import { InlineCode } from "./inline-code";
import { SchemaFields } from "./schema-fields";

const METHOD_STYLE = {
  get: "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200",
  post: "bg-indigo-100 text-indigo-900 dark:bg-indigo-950 dark:text-indigo-200",
  put: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200",
  patch: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200",
  delete: "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200",
} as const;

const AUTH = {
  apiKey: "A key in the X-API-KEY header.",
  operatorToken: "The operator token: Authorization: Bearer $OPERATOR_TOKEN.",
  sep10Token: "A SEP-10 token: Authorization: Bearer $KEYPORT_TOKEN.",
  none: "None.",
} as const;

export const operationAnchor = (op: DocumentedOperation) => `op-${op.operationId}`;

/** One operation: what it does, a request to paste, what it answers and every error it can give. */
export function OperationSection({ op, doc }: { op: DocumentedOperation; doc: OpenApiDocument }) {
  const schemas = doc.components.schemas as Record<string, Parameters<typeof SchemaFields>[0]["schema"]>;
  return (
    <section id={operationAnchor(op)} aria-labelledby={`${operationAnchor(op)}-title`} className="scroll-mt-6 space-y-4">
      <h2 id={`${operationAnchor(op)}-title`} className="flex flex-wrap items-center gap-2 text-lg font-semibold">
        <span className={`rounded px-2 py-0.5 font-mono text-xs font-bold uppercase ${METHOD_STYLE[op.method]}`}>{op.method}</span>
        <code className="font-mono text-base break-all">{op.path}</code>
      </h2>
      <p className="font-medium">{op.summary}</p>
      <p className="text-sm text-zinc-700 dark:text-zinc-300">
        <InlineCode text={op.description} />
      </p>
      <p className="text-sm">
        <span className="font-medium">Authentication:</span> {AUTH[op.auth]}
        {op.scope && (
          <>
            {" "}
            Scope <code className="font-mono">{op.scope}</code>.
          </>
        )}
      </p>
      <div className="space-y-2">
        <h3 className="text-sm font-semibold">Request</h3>
        <CodeSamples code={op.codeSamples} label={`Request for ${op.method.toUpperCase()} ${op.path}`} />
        {op.requestSchema && schemas[op.requestSchema] && <SchemaFields schema={schemas[op.requestSchema]!} />}
      </div>
      <div className="space-y-2">
        <h3 className="text-sm font-semibold">Response {op.response.status}</h3>
        <p className="text-sm text-zinc-700 dark:text-zinc-300">
          {op.response.description}
          {op.rateLimited && " With X-RateLimit-Limit, X-RateLimit-Remaining and X-RateLimit-Reset."}
        </p>
        <CodeBlock
          code={typeof op.response.example === "string" ? op.response.example : pretty(op.response.example)}
          label={`Example response of ${op.path}`}
        />
        {op.response.schema && schemas[op.response.schema] && <SchemaFields schema={schemas[op.response.schema]!} />}
      </div>
      <div className="space-y-2">
        <h3 className="text-sm font-semibold">Errors</h3>
        <ul className="flex flex-wrap gap-2 text-sm">
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
      </div>
    </section>
  );
}
