import { InlineCode } from "./inline-code";

// The fields of a JSON Schema object (from the OpenAPI document) as a definition list.
type Schema = {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  description?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
};

function typeOf(s: Schema): string {
  if (s.const !== undefined) return JSON.stringify(s.const);
  if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(" | ");
  if (s.anyOf ?? s.oneOf) return (s.anyOf ?? s.oneOf)!.map(typeOf).join(" | ");
  if (s.type === "array") return `${s.items ? typeOf(s.items) : "any"}[]`;
  const t = Array.isArray(s.type) ? s.type.join(" | ") : (s.type ?? "any");
  return s.format ? `${t} (${s.format})` : t;
}

function Fields({ schema }: { schema: Schema }) {
  return (
    <dl className="divide-y divide-zinc-200 rounded-md border border-zinc-200 text-sm dark:divide-zinc-800 dark:border-zinc-800">
      {Object.entries(schema.properties ?? {}).map(([name, field]) => (
        <div key={name} className="grid gap-1 px-3 py-2 sm:grid-cols-[12rem_1fr]">
          <dt className="min-w-0 font-mono text-xs break-words">
            {name}
            {!schema.required?.includes(name) && <span className="text-zinc-600 dark:text-zinc-400"> (optional)</span>}
          </dt>
          <dd className="min-w-0 space-y-0.5">
            <p className="font-mono text-xs break-words text-indigo-700 dark:text-indigo-300">{typeOf(field)}</p>
            {field.description && (
              <p className="text-zinc-700 dark:text-zinc-300">
                <InlineCode text={field.description} />
              </p>
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}

export function SchemaFields({ schema }: { schema: Schema }) {
  const variants = schema.oneOf ?? schema.anyOf;
  if (!variants) return <Fields schema={schema} />;
  return (
    <div className="space-y-3">
      {variants.map((v, i) => (
        <div key={i} className="space-y-1">
          <p className="text-xs text-zinc-600 dark:text-zinc-400">
            {i === 0 ? "One of:" : "or:"} <span className="font-mono">code: {typeOf(v.properties?.code ?? {})}</span>
          </p>
          <Fields schema={v} />
        </div>
      ))}
    </div>
  );
}
