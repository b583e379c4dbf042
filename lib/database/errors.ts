// The one place that decides what a database error means for a caller: "the database is not
// there" (refused, reset, hung and cut off by the circuit, pool or statement timeout, shutting
// down) is a 503 with Retry-After, which clients retry; anything else is a bug (500).
// Next.js route handlers (lib/api/route.ts), pages (server.ts) and any other HTTP layer answer
// an outage with exactly databaseUnavailableAnswer().
import { PROBLEM_CONTENT_TYPE, problemBody, type Problem } from "@/lib/core/problem";

const UNAVAILABLE =
  /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|Connection terminated|connection timeout|timeout exceeded when trying to connect|Query read timeout|statement timeout|Can't reach database|server closed the connection|terminating connection|the database system is (starting up|shutting down)|Client has encountered a connection error|DatabaseNotReachable|ConnectionClosed|SocketTimeout|P1001|P1008|P1017|P2024|57P01|57P03|57014/i;

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || depth > 5) return false;
  if (typeof error === "object") {
    const e = error as { message?: unknown; code?: unknown; cause?: unknown; kind?: unknown };
    const text = [e.message, e.code, e.kind].filter((v) => typeof v === "string").join(" ");
    if (UNAVAILABLE.test(text)) return true;
    return isDatabaseUnavailable(e.cause, depth + 1);
  }
  return typeof error === "string" && UNAVAILABLE.test(error);
}

/**
 * An outage's error, shortened in place to one line with no stack frames and nothing nested to
 * print. An outage is not a bug, and the circuit logs it once; Next.js logs a page's render
 * error with its stack source-mapped, which costs a second of CPU the first time (the
 * server's source maps are parsed) while every other request waits. The error keeps its class,
 * message and code for whoever catches it. Anything else is returned untouched.
 */
export function quietOutageError<T>(error: T): T {
  if (!(error instanceof Error) || !isDatabaseUnavailable(error)) return error;
  const line = `${error.name}: the database is unavailable (${error.message.trim().split("\n").at(-1)}); answered 503`;
  Object.defineProperty(error, "stack", { value: line, configurable: true, writable: true });
  for (const key of Object.keys(error)) Object.defineProperty(error, key, { enumerable: false });
  return error;
}

/**
 * How long a client should wait before retrying. The circuit checks the server every second
 * (lib/database/circuit.ts), so 5 s spares a struggling server a stampede without keeping
 * clients away long after it is back.
 */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

export type UnavailableAnswer = { status: 503; headers: Record<string, string>; body: Problem };

/** The answer to a request the database cannot serve right now: status, headers and problem+json body. */
export function databaseUnavailableAnswer(origin: string): UnavailableAnswer {
  return {
    status: 503,
    headers: { "Content-Type": PROBLEM_CONTENT_TYPE, "Cache-Control": "no-store", "Retry-After": String(DATABASE_RETRY_AFTER_SECONDS) },
    body: problemBody(origin, "unavailable", "Keyport cannot reach its database right now. Retry in a few seconds."),
  };
}

/** The 503 answer when `error` means the database is not there; null when it is a bug (a 500). */
export function databaseErrorAnswer(error: unknown, origin: string): UnavailableAnswer | null {
  return isDatabaseUnavailable(error) ? databaseUnavailableAnswer(origin) : null;
}
