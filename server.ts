// Keyport's server, the one entry point for every way of starting it (`npm start`,
// `npm run start:built`, `npm run dev`): a plain Node HTTP server in front of two planes.
//  1. Configuration fails fast: an invalid variable stops the process with exit code 1 and
//     a line naming it and its rule, before the port opens.
//  2. The front door (lib/plane/front-door.ts) runs for every request on both planes: the URL
//     guard and the client IP from the socket. Next.js keeps an X-Forwarded-For the client
//     sent, so without this any client could choose its own address for per-IP limits, audit
//     rows and "last used"; the address is passed on in one header the client cannot set.
//  3. /api/v1 goes to the API plane (fastify, lib/plane/) before Next.js sees it; pages, server
//     actions and the session routes (/api/auth, /api/keys, /api/admin) stay on Next.js.
//  4. Background work runs beside them: the webhook worker (lib/data/webhooks/worker.ts) delivers
//     the outbox once the port is open, the mail worker (lib/data/mail/worker.ts) sends e-mail
//     when SMTP_URL is set, and both stop with the server.
//  5. While the database cannot answer, a page is a 503 "temporarily unavailable" page rather
//     than Next.js's 500 (lib/server/outage-pages.ts); the API answers its problem+json 503.
// `--dev` runs Next.js in development mode (hot reload) behind the same door and plane.
import { createServer } from "node:http";

const dev = process.argv.includes("--dev");
(process.env as Record<string, string>).NODE_ENV ??= dev ? "development" : "production";

async function main() {
  const { allowServerOnlyImports } = await import("./lib/server/outside-next");
  allowServerOnlyImports();
  const { env } = await import("./lib/core/env");
  const { CLIENT_IP_HEADER } = await import("./lib/http/client-ip");
  const { frontDoor } = await import("./lib/plane/front-door");
  const { flushAllOnShutdown } = await import("./lib/batching/shutdown-flush");
  const { guardPage } = await import("./lib/server/outage-pages");
  // next-auth builds its absolute URLs from AUTH_URL; the app's own links use the same origin.
  process.env.AUTH_URL ??= env.publicOrigin;

  // Secrets, migrations and the embedded database's lock, before the port opens: a second
  // server on the same data directory stops here, naming the one that holds it.
  const { startUp } = await import("./lib/server/startup");
  await startUp();

  // Webhook deliveries: every instance runs a worker; they share the work through the database.
  const { startWebhookWorker, stopWebhookWorker } = await import("./lib/data/webhooks/worker");
  // E-mail, when SMTP_URL is set: the same, from the mail outbox.
  const { startMailWorker, stopMailWorker } = await import("./lib/data/mail/worker");

  const { buildPlane } = await import("./lib/plane/app");
  const plane = await buildPlane();
  const { default: next } = await import("next");
  const app = next({ dev, hostname: env.HOST ?? "localhost", port: env.PORT });
  const handle = app.getRequestHandler();
  await app.prepare();

  const server = createServer((req, res) => {
    const door = frontDoor(req.method ?? "", req.url ?? "", req.headers["x-forwarded-for"], req.socket.remoteAddress);
    if (door.refused) {
      res.writeHead(door.refused.status, door.refused.headers);
      res.end(door.refused.body);
      return;
    }
    req.headers[CLIENT_IP_HEADER] = door.ip ?? "";
    if (door.plane) return void plane.routing(req, res);
    // While the database cannot answer, pages get a 503 "temporarily unavailable" page.
    if (guardPage(req, res)) return;
    void handle(req, res);
  });
  server.once("error", (error: NodeJS.ErrnoException) => {
    const why =
      error.code === "EADDRINUSE"
        ? `port ${env.PORT} is already in use`
        : error.code === "EADDRNOTAVAIL" || error.code === "ENOTFOUND"
          ? `HOST ${env.HOST} is not an address of this machine`
          : error.message;
    console.error(`[keyport] cannot start: ${why} (set PORT/HOST).`);
    process.exit(1);
  });
  server.listen(env.PORT, env.HOST, () => {
    startWebhookWorker();
    startMailWorker();
    console.info(
      `[keyport] ready on http://${env.HOST ?? "localhost"}:${env.PORT} (public URL ${env.publicOrigin})${dev ? " in development mode" : ""}`,
    );
  });

  const stop = (signal: string) => {
    console.info(`[keyport] ${signal}: closing`);
    // Requests in flight finish, then what is batched in memory (usage counts, last use) is written
    // and the webhook round in flight is recorded (what it did not claim waits in the outbox).
    server.close(
      () => void Promise.allSettled([stopWebhookWorker(), stopMailWorker(), flushAllOnShutdown()]).finally(() => process.exit(0)),
    );
    setTimeout(() => process.exit(0), 5_000).unref();
  };
  process.once("SIGTERM", () => stop("SIGTERM"));
  process.once("SIGINT", () => stop("SIGINT"));
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  console.error(message.startsWith("Invalid environment") ? message : `[keyport] cannot start: ${message}`);
  process.exit(1);
});
