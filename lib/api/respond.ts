// The one response shape of the JSON API: never cached; errors as RFC 9457 Problem Details
// (application/problem+json, see lib/core/problem.ts), status fixed by the error's code.
import { env } from "@/lib/core/env";
import { PROBLEM_CONTENT_TYPE, problemBody, PROBLEMS, UNAUTHORIZED_MESSAGE, type ProblemCode } from "@/lib/core/problem";

const NO_STORE = { "Cache-Control": "no-store" };

export function apiJson(body: unknown, init: { status?: number; headers?: Record<string, string> } = {}) {
  return Response.json(body, { status: init.status ?? 200, headers: { ...NO_STORE, ...init.headers } });
}

export function apiError(
  code: ProblemCode,
  detail: string,
  extensions: Record<string, unknown> = {},
  headers: Record<string, string> = {},
) {
  return new Response(JSON.stringify(problemBody(env.publicOrigin, code, detail, extensions)), {
    status: PROBLEMS[code].status,
    headers: { ...NO_STORE, "Content-Type": PROBLEM_CONTENT_TYPE, ...headers },
  });
}

export const API_KEY_CHALLENGE = 'ApiKey realm="keyport", header="X-API-KEY"';

export function unauthorized() {
  return apiError("unauthorized", UNAUTHORIZED_MESSAGE, {}, { "WWW-Authenticate": API_KEY_CHALLENGE });
}
