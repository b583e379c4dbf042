// Which page requests failed because the database could not answer. server.ts gives each page
// request an id header; Next.js reports a render error to instrumentation.ts's onRequestError
// with the request's headers, before it writes its 500; server.ts then answers 503 instead.
// No pg or Next.js imports: instrumentation.ts loads this in every runtime.
import { isDatabaseUnavailable } from "@/lib/database/errors";
import { processState } from "@/lib/core/process-state";

/** Set by server.ts on page requests (a client's own value is removed first). */
export const OUTAGE_ID_HEADER = "x-keyport-page-request";

const failed = processState("pageRequestsWithoutDatabase", () => new Set<string>());

export function pageRequestFailedForOutage(id: string): boolean {
  return failed.has(id);
}

export function forgetPageRequest(id: string): void {
  failed.delete(id);
}

/** onRequestError: a render that failed because the database is not there is marked for server.ts's 503. */
export function noteRequestError(error: unknown, headers: Record<string, string | string[] | undefined>): void {
  if (!isDatabaseUnavailable(error)) return;
  const id = headers[OUTAGE_ID_HEADER];
  if (typeof id === "string") failed.add(id);
}
