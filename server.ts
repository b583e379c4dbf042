// Keyport's production server: Next.js's request handler behind a plain Node HTTP server,
// for what `next start` cannot do.
//  1. Configuration fails fast: an invalid variable stops the process with exit code 1 and
//     a line naming it and its rule, before the port opens.
//  2. The client IP comes from the socket. Next.js keeps an X-Forwarded-For the client sent,
//     so without this any client could choose its own address for per-IP limits, audit rows
//     and "last used". The address is passed on in one header the client cannot set.
//  3. While the database cannot answer, a page is a 503 "temporarily unavailable" page rather
//     than Next.js's 500 (lib/server/outage-pages.ts).
// Start it with `npm start` (build + serve) or `npm run start:built`.
import { createServer } from "node:http";

(process.env as Record<string, string>).NODE_ENV ??= "production";

async function main() {
  const { env } = await import("./lib/env");
  const { CLIENT_IP_HEADER, clientIpFrom } = await import("./lib/api/request-ip");
  const { refuseRequest } = await import("./lib/api/request-guard");
  const { PROBLEM_CONTENT_TYPE, problemBody } = await import("./lib/api/problem");
  const { flushAllOnShutdown } = await import("./lib/server/shutdown-flush");
  const { guardPage } = await import("./lib/server/outage-pages");
  // next-auth builds its absolute URLs from AUTH_URL; the app's own links use the same origin.
  process.env.AUTH_URL ??= env.publicOrigin;

  // Secrets, migrations and the embedded database's lock, before the port opens: a second
  // server on the same data directory stops here, naming the one that holds it.
  const { startUp } = await import("./lib/server/startup");
  await startUp();

  const { default: next } = await import("next");
  const app = next({ dev: false, hostname: env.HOST ?? "localhost", port: env.PORT });
  const handle = app.getRequestHandler();
  await app.prepare();

  const server = createServer((req, res) => {
    // Refused before Next.js sees them: a URL it cannot decode, a method it does not serve,
    // a key anywhere in the URL (it would be logged, or echoed in a redirect).
    const refused = refuseRequest(req.method ?? "", req.url ?? "");
    if (refused) {
      res.writeHead(refused.status, { "Content-Type": PROBLEM_CONTENT_TYPE, "Cache-Control": "no-store", ...refused.headers });
      res.end(JSON.stringify(problemBody(env.publicOrigin, refused.code, refused.message)));
      return;
    }
    const xff = req.headers["x-forwarded-for"];
    req.headers[CLIENT_IP_HEADER] =
      clientIpFrom(Array.isArray(xff) ? xff.join(",") : xff, req.socket.remoteAddress, env.TRUSTED_PROXY_HOPS) ?? "";
    // While the database cannot answer, pages get a 503 "temporarily unavailable" page (the API its problem+json 503).
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
    console.info(`[keyport] ready on http://${env.HOST ?? "localhost"}:${env.PORT} (public URL ${env.publicOrigin})`);
  });

  const stop = (signal: string) => {
    console.info(`[keyport] ${signal}: closing`);
    // Requests in flight finish, then what is batched in memory (usage counts, last use) is written.
    server.close(() => void flushAllOnShutdown().finally(() => process.exit(0)));
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
