// Server start-up: fail now, not on the first request, when the environment is wrong.
// The embedded database is opened here, which takes its directory lock (a second server
// stops here, naming the holder) and applies pending migrations in the owning process.
// On PostgreSQL pending migrations are applied too, unless MIGRATE_ON_START=false (for
// deployments that migrate in a release step); the engine's advisory lock keeps
// instances that start together from racing.
import { migratePostgres } from "@/lib/database/schema-engine";
import { db } from "@/lib/database/client";
import { authSecret, env, keyHashSecret, sep10SigningKey } from "@/lib/core/env";
import { processState } from "@/lib/core/process-state";
import { sep10Available } from "@/lib/auth/sep10-server";
import { gatewayConfig } from "@/lib/gateway/config";
import { smtpServerLabel } from "@/lib/smtp/transport";

// server.ts starts up before the port opens; instrumentation.ts calls this again inside Next.js.
const started = processState("startUp", () => ({ done: false }));

export async function startUp(): Promise<void> {
  if (started.done) return;
  started.done = true;
  try {
    authSecret();
    keyHashSecret();
    sep10SigningKey();
    gatewayConfig();
    if (env.DATABASE_URL && env.MIGRATE_ON_START) {
      const applied = await migratePostgres(env.DATABASE_URL);
      if (applied.length) console.info(`[keyport] applied migrations: ${applied.join(", ")}`);
    }
    await db.$queryRaw`SELECT 1`;
  } catch (error) {
    console.error(`[keyport] cannot start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  if (!sep10Available())
    console.warn(
      "[keyport] the host of AUTH_URL is longer than 59 characters: SEP-10 sign-in (Albedo, Rabet, Ledger, Trezor) is unavailable.",
    );
  const gateway = gatewayConfig();
  if (gateway) console.info(`[keyport] gateway: ${gateway.prefix} → ${gateway.upstream.origin} (${gateway.routes.length} routes)`);
  console.info(`[keyport] database: ${env.embedded ? `embedded (${env.dataDir})` : "PostgreSQL (DATABASE_URL)"}`);
  // Said once, here: without SMTP_URL nothing is queued or sent, and nothing says so again.
  const smtp = smtpServerLabel();
  console.info(
    smtp ? `[keyport] e-mail: through ${smtp}, from ${env.MAIL_FROM}` : "[keyport] e-mail: off (SMTP_URL is unset), no e-mail is sent",
  );
}
