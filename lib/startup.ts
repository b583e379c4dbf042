// Server start-up: fail now, not on the first request, when the environment is wrong;
// and open the embedded database now, which takes its directory lock (a second server
// stops here, naming the holder) and applies pending migrations.
import { db } from "@/lib/db";
import { authSecret, env } from "@/lib/env";

export async function startUp(): Promise<void> {
  try {
    authSecret();
    await db.$queryRaw`SELECT 1`;
  } catch (error) {
    console.error(`[keyport] cannot start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  console.info(`[keyport] database: ${env.embedded ? `embedded (${env.dataDir})` : "PostgreSQL (DATABASE_URL)"}`);
}
