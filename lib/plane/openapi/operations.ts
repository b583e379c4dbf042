// The generated document read back as a list of operations, for the pages that render it
// (/docs) and the tests that check every documented answer against the real one.
import type { OpenAPIV3_1 } from "openapi-types";
import { PROBLEM_CONTENT_TYPE, type ProblemCode } from "@/lib/api/problem";
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
  summary: string;
  description: string;
  auth: Auth;
  scope?: string;
  rateLimited: boolean;
  errors: ProblemCode[];
  codeSamples: Record<SnippetLanguage, string>;
  /** Names in components/schemas. */
  requestSchema?: string;
  response: { description: string; example: unknown; schema?: string };
};

const SAMPLE_IDS: Record<string, SnippetLanguage> = { shell: "curl", javascript: "node", python: "python" };
const AUTH: Record<string, Auth> = { ApiKey: "apiKey", OperatorToken: "operatorToken" };
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
      const ok = op.responses["200"]!;
      const errors = Object.entries(op.responses)
        .filter(([status]) => status !== "200")
        .flatMap(([, r]) => Object.keys(r.content?.[PROBLEM_CONTENT_TYPE]?.examples ?? {})) as ProblemCode[];
      const scheme = Object.keys(op.security?.[0] ?? {})[0];
      return {
        method,
        path,
        operationId: op.operationId!,
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
        response: {
          description: ok.description,
          example: ok.content?.["application/json"]?.example,
          schema: schemaName(ok.content?.["application/json"]),
        },
      };
    }),
  );
}
