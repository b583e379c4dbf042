import type { FastifyInstance, FastifyReply } from "fastify";
import { NO_STORE, sendProblem } from "./reply";

const OTHERS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

/** `Allow` for a path taking these methods (HEAD comes with GET). */
export const allowHeader = (allowed: readonly string[], extra: readonly string[] = []) =>
  [...allowed, ...(allowed.includes("GET") ? ["HEAD"] : []), ...extra].join(", ");

/** The API's 405: which methods the path takes, in words and in `Allow`. */
export const sendMethodNotAllowed = (reply: FastifyReply, allowed: readonly string[], allow: string) =>
  sendProblem(reply, "method_not_allowed", `This endpoint accepts ${allowed.join(" and ")} only.`, {}, { Allow: allow });

/**
 * A path's other methods: 405 in the API's error shape with `Allow` (HEAD comes with GET),
 * and OPTIONS answering which methods it takes.
 */
export function onlyMethods(app: FastifyInstance, url: string, ...allowed: ("GET" | "POST" | "PATCH" | "DELETE")[]) {
  const allow = allowHeader(allowed, ["OPTIONS"]);
  app.route({
    method: OTHERS.filter((m) => !(allowed as string[]).includes(m)),
    url,
    schema: { hide: true },
    handler: (_request, reply) => sendMethodNotAllowed(reply, allowed, allow),
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
