// The API plane: /api/v1 on fastify, in the same process as Next.js and behind the same front
// door (server.ts → lib/plane/front-door.ts), without Next.js's router, web streams and request
// objects on the hottest path (a key check is an HMAC and a cache lookup; Next.js's share of
// each request was over 95 %). Fastify was chosen by measuring (README, "Performance").
// Requests are validated, and answers typed, with the zod schemas of lib/validation/api.ts.
import Fastify, { type FastifyError, type FastifyInstance } from "fastify";
import { hasZodFastifySchemaValidationErrors, serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import { databaseErrorAnswer } from "@/lib/database/errors";
import { env } from "@/lib/core/env";
import { gatewayConfig } from "@/lib/gateway/config";
import { registerOpenApi } from "./openapi/document";
import { sendProblem } from "./reply";
import { escrowsRoute } from "./routes/escrows";
import { gatewayRoute } from "./routes/gateway";
import { manageKeyRoute } from "./routes/manage-key";
import { manageKeyActionsRoute } from "./routes/manage-key-actions";
import { manageKeysRoute } from "./routes/manage-keys";
import { manageWorkspacesRoute } from "./routes/manage-workspaces";
import { manageWebhookActionsRoute } from "./routes/manage-webhook-actions";
import { manageWebhooksRoute } from "./routes/manage-webhooks";
import { openApiRoute } from "./routes/openapi";
import { stellarTomlRoute } from "./routes/stellar-toml";
import { webAuthRoute } from "./routes/web-auth";
import { verifyRoute, VERIFY_MAX_BODY } from "./routes/verify";
import { whoamiRoute } from "./routes/whoami";

/** A body that is not JSON, whatever its Content-Type said. */
class InvalidJson extends Error {}

/** Every route of the plane, as registered (method and URL), for the OpenAPI coverage test. */
export type PlaneRoute = { method: string; url: string; hidden: boolean };
declare module "fastify" {
  interface FastifyInstance {
    keyportRoutes: PlaneRoute[];
  }
}

export async function buildPlane(): Promise<FastifyInstance> {
  const app = Fastify({ logger: false, routerOptions: { ignoreTrailingSlash: true } });
  const routes: PlaneRoute[] = [];
  app.decorate("keyportRoutes", routes);
  app.addHook("onRoute", (r) => {
    for (const method of [r.method].flat()) routes.push({ method, url: r.url, hidden: Boolean((r.schema as { hide?: boolean })?.hide) });
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  // Any Content-Type is read as JSON, as before the plane: integrations that send none (or
  // text/plain) keep working; what does not parse is a 400, never a 415 or a 500.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", { parseAs: "string" }, (request, body, done) => {
    // A DELETE says all in its URL: clients that send their usual JSON Content-Type with no body are fine.
    if (request.method === "DELETE" && body === "") return done(null, undefined);
    try {
      done(null, JSON.parse(body as string));
    } catch {
      done(new InvalidJson(), undefined);
    }
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof InvalidJson)
      return sendProblem(reply, "invalid_json", 'The body must be JSON: { "key": "...", "scope": "escrows:read" }.');
    if (hasZodFastifySchemaValidationErrors(error)) {
      return sendProblem(reply, "invalid_request", error.validation.map((issue) => issue.message).join(" "));
    }
    if (error.code === "FST_ERR_CTP_BODY_TOO_LARGE")
      return sendProblem(reply, "body_too_large", `The body must be at most ${VERIFY_MAX_BODY} bytes.`);
    if (error.statusCode && error.statusCode < 500) return sendProblem(reply, "bad_request", error.message.slice(0, 200));
    // The one outage answer (lib/database/errors.ts), written the plane's way.
    const outage = databaseErrorAnswer(error, env.publicOrigin);
    if (outage) return sendProblem(reply, "unavailable", outage.body.detail ?? "", {}, { "Retry-After": outage.headers["Retry-After"]! });
    // Only the error's first line, never a request body or header.
    const first = `${error.name}: ${String(error.message).split("\n")[0]}`;
    console.error(`[api] ${request.method} ${request.url.split("?", 1)[0]} failed: ${first}`);
    return sendProblem(reply, "internal", "Something went wrong on our side. Retry, and contact support if it persists.");
  });
  // Any other /api/v1 path. A key in it never gets here: the front door refused it.
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, "not_found", `No such endpoint: ${request.method} ${request.url.split("?", 1)[0]!.slice(0, 200)}.`),
  );

  // Before the routes: it collects each one as it is registered.
  await registerOpenApi(app);
  const gateway = gatewayConfig();
  whoamiRoute(app);
  // The stand-in for the platform's escrow API, until gateway mode puts the real one behind Keyport.
  if (!gateway) escrowsRoute(app);
  verifyRoute(app);
  openApiRoute(app);
  stellarTomlRoute(app);
  webAuthRoute(app);
  manageWorkspacesRoute(app);
  manageKeysRoute(app);
  manageKeyRoute(app);
  manageKeyActionsRoute(app);
  manageWebhooksRoute(app);
  manageWebhookActionsRoute(app);
  // Gateway mode: the rest of the public prefix is forwarded to the platform's API (Keyport's own routes win).
  if (gateway) gatewayRoute(app, gateway);
  await app.ready();
  return app;
}
