import "server-only";
import { databaseErrorAnswer } from "@/lib/database/errors";
import { env } from "@/lib/core/env";
import { apiError } from "./respond";

/**
 * Wraps every JSON route handler left on Next.js (the session routes; /api/v1 is on the API plane): a database outage becomes a clear 503 with
 * Retry-After (clients retry; nothing hangs), any other failure a 500 in the documented
 * shape. Only the error's first line is logged, never a request body or header.
 */
export function apiRoute<A extends unknown[]>(handler: (request: Request, ...rest: A) => Promise<Response>) {
  return async (request: Request, ...rest: A): Promise<Response> => {
    try {
      return await handler(request, ...rest);
    } catch (error) {
      const outage = databaseErrorAnswer(error, env.publicOrigin);
      if (outage) return new Response(JSON.stringify(outage.body), { status: outage.status, headers: outage.headers });
      const first = error instanceof Error ? `${error.name}: ${error.message.split("\n")[0]}` : "non-error thrown";
      console.error(`[api] ${request.method} ${new URL(request.url).pathname} failed: ${first}`);
      return apiError("internal", "Something went wrong on our side. Retry, and contact support if it persists.");
    }
  };
}
