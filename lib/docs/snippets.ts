// Requests to paste, in the three forms integrators ask for first: curl, Node.js (fetch, no
// dependency) and Python (the standard library, no dependency). Pure, so the show-once dialog
// and the API reference show the same code, and a test runs each against a real server.

export type SnippetLanguage = "curl" | "node" | "python";
export const SNIPPET_LANGUAGES: { id: SnippetLanguage; label: string }[] = [
  { id: "curl", label: "curl" },
  { id: "node", label: "Node.js" },
  { id: "python", label: "Python" },
];

export type SnippetRequest = {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** The answer is text (stellar.toml), not JSON. */
  text?: boolean;
  url: string;
  /** Header name → the environment variable that holds its value (never a secret inline). */
  secretHeaders: Record<string, { env: string; prefix?: string }>;
  /** A JSON body (POST). */
  body?: unknown;
  /** curl only: the literal values to put in place of the variables, for a copy-and-run check. */
  inline?: Record<string, string>;
};

const q = (s: string) => JSON.stringify(s);

function curl(r: SnippetRequest): string {
  const lines = [`curl ${r.method === "GET" ? "" : `-X ${r.method} `}${r.url}`];
  for (const [name, { env, prefix = "" }] of Object.entries(r.secretHeaders)) {
    lines.push(`-H "${name}: ${prefix}${r.inline?.[env] ?? `$${env}`}"`);
  }
  if (r.body !== undefined) lines.push(`-H "Content-Type: application/json"`, `-d '${JSON.stringify(r.body)}'`);
  return lines.join(" \\\n  ");
}

function node(r: SnippetRequest): string {
  const headers = Object.entries(r.secretHeaders).map(
    ([name, { env, prefix }]) => `    ${q(name)}: ${prefix ? `${q(prefix)} + ` : ""}process.env.${env},`,
  );
  if (r.body !== undefined) headers.push(`    "Content-Type": "application/json",`);
  return [
    `const res = await fetch(${q(r.url)}, {`,
    ...(r.method === "GET" ? [] : [`  method: ${q(r.method)},`]),
    `  headers: {`,
    ...headers,
    `  },`,
    ...(r.body === undefined ? [] : [`  body: JSON.stringify(${JSON.stringify(r.body)}),`]),
    `});`,
    `console.log(res.status, await res.${r.text ? "text" : "json"}());`,
  ].join("\n");
}

function python(r: SnippetRequest): string {
  const headers = Object.entries(r.secretHeaders).map(
    ([name, { env, prefix }]) => `    ${q(name)}: ${prefix ? `${q(prefix)} + ` : ""}os.environ[${q(env)}],`,
  );
  if (r.body !== undefined) headers.push(`    "Content-Type": "application/json",`);
  return [
    "import json, os, urllib.error, urllib.request",
    "",
    `req = urllib.request.Request(${q(r.url)}, method=${q(r.method)}, headers={`,
    ...headers,
    `}${r.body === undefined ? "" : `, data=${q(JSON.stringify(r.body))}.encode()`})`,
    "try:",
    "    with urllib.request.urlopen(req) as res:",
    `        print(res.status, ${r.text ? "res.read().decode()" : "json.load(res)"})`,
    "except urllib.error.HTTPError as err:  # 4xx/5xx: the problem document says why",
    "    print(err.code, json.load(err))",
  ].join("\n");
}

export function requestSnippets(r: SnippetRequest): Record<SnippetLanguage, string> {
  return { curl: curl(r), node: node(r), python: python(r) };
}
