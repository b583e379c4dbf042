// Recognises "the database is not there" (refused, reset, pool timeout, shutting down),
// as opposed to a bug, so callers answer 503 and the client retries.
const UNAVAILABLE =
  /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|Connection terminated|connection timeout|timeout exceeded when trying to connect|Query read timeout|Can't reach database|server closed the connection|terminating connection|the database system is (starting up|shutting down)|Client has encountered a connection error|DatabaseNotReachable|P1001|P1017|P2024|57P01|57P03/i;

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
