// The generated document read back as a list of operations, for the pages that render it
// (/docs) and the tests that check every documented answer against the real one.
import type { OpenAPIV3_1 } from "openapi-types";
import { PROBLEM_CONTENT_TYPE, type ProblemCode } from "@/lib/core/problem";
import type { SnippetLanguage } from "@/lib/docs/snippets";
import type { Auth } from "./route-docs";

export type OpenApiDocument = OpenAPIV3_1.Document & {
  paths: OpenAPIV3_1.PathsObject;
  components: OpenAPIV3_1.ComponentsObject & { schemas: Record<string, unknown>; examples: Record<string, { value: unknown }> };
};

export type DocumentedOperation = {
  method: "get" | "post" | "put" | "patch" | "delete";
  path: string;
  operationId: string;
  tag: string;
  summary: string;
  description: string;
  auth: Auth;
  scope?: string;
  rateLimited: boolean;
  errors: ProblemCode[];
  codeSamples: Record<SnippetLanguage, string>;
  /** Names in components/schemas. */
  requestSchema?: string;
  response: { status: number; description: string; example: unknown; schema?: string };
};

const SAMPLE_IDS: Record<string, SnippetLanguage> = { shell: "curl", javascript: "node", python: "python" };
const AUTH: Record<string, Auth> = { ApiKey: "apiKey", OperatorToken: "operatorToken", Sep10Token: "sep10Token" };
const METHODS = ["get", "post", "put", "patch", "delete"] as const;

type Media = { schema?: { $ref?: string }; example?: unknown; examples?: Record<string, unknown> };
type Operation = OpenAPIV3_1.OperationObject & {
  "x-required-scope"?: string;
  "x-codeSamples"?: { lang: string; source: string }[];
  responses: Record<string, { description: string; headers?: Record<string, unknown>; content?: Record<string, Media> }>;
  requestBody?: { content: Record<string, Media> };
};

const schemaName = (media: Media | undefined) => media?.schema?.$ref?.split("/").pop();

export function documentedOperations(doc: OpenApiDocument): DocumentedOperation[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.filter((method) => item?.[method]).map((method) => {
      const op = item![method] as Operation;
      // The one success answer (200, or 201 for a creation); the rest are errors.
      const status = Object.keys(op.responses).find((s) => s.startsWith("2"))!;
      const ok = op.responses[status]!;
      const body = ok.content?.["application/json"] ?? ok.content?.["text/plain"];
      const errors = Object.entries(op.responses)
        .filter(([s]) => s !== status)
        .flatMap(([, r]) => Object.keys(r.content?.[PROBLEM_CONTENT_TYPE]?.examples ?? {})) as ProblemCode[];
      const scheme = Object.keys(op.security?.[0] ?? {})[0];
      return {
        method,
        path,
        operationId: op.operationId!,
        tag: op.tags?.[0] ?? "",
        summary: op.summary ?? "",
        description: op.description ?? "",
        auth: scheme ? (AUTH[scheme] ?? "apiKey") : "none",
        scope: op["x-required-scope"],
        rateLimited: Boolean(ok.headers?.["X-RateLimit-Limit"]),
        errors,
        codeSamples: Object.fromEntries((op["x-codeSamples"] ?? []).map((s) => [SAMPLE_IDS[s.lang], s.source])) as Record<
          SnippetLanguage,
          string
        >,
        requestSchema: schemaName(op.requestBody?.content["application/json"]),
        response: { status: Number(status), description: ok.description, example: body?.example, schema: schemaName(body) },
      };
    }),
  );
}
