import type { FastifyInstance } from "fastify";
import { NO_STORE, sendProblem } from "./reply";

const OTHERS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

/**
 * A path's other methods: 405 in the API's error shape with `Allow` (HEAD comes with GET),
 * and OPTIONS answering which methods it takes.
 */
export function onlyMethods(app: FastifyInstance, url: string, ...allowed: ("GET" | "POST" | "PATCH" | "DELETE")[]) {
  const allow = [...allowed, ...(allowed.includes("GET") ? ["HEAD"] : []), "OPTIONS"].join(", ");
  app.route({
    method: OTHERS.filter((m) => !(allowed as string[]).includes(m)),
    url,
    schema: { hide: true },
    handler: (_request, reply) =>
      sendProblem(reply, "method_not_allowed", `This endpoint accepts ${allowed.join(" and ")} only.`, {}, { Allow: allow }),
  });
  app.route({
    method: "OPTIONS",
    url,
    schema: { hide: true },
    handler: (_request, reply) =>
      reply
        .code(204)
        .headers({ ...NO_STORE, Allow: allow })
        .send(),
  });
}
