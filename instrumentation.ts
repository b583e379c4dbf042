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
