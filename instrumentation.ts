import { noteRequestError } from "@/lib/server/request-outage";

// Runs once when the server starts (see lib/server/startup.ts). An invalid environment stops the
// process here too, for `next start` and `next dev` (server.ts checks before this).
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    try {
      const { startUp } = await import("@/lib/server/startup");
      await startUp();
    } catch (error) {
      console.error(error instanceof Error ? error.message : String(error));
      process.exit(1);
    }
  }
}

// Every render error of a page, action or route, before Next.js logs it and writes its 500: one
// caused by a database outage is marked for server.ts's 503 page and logged in one line.
export function onRequestError(error: unknown, request: { headers: Record<string, string | string[] | undefined> }) {
  noteRequestError(error, request.headers);
}
