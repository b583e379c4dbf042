// How the API plane answers: never cached; errors as RFC 9457 problem+json with the status the
// code fixes (lib/api/problem.ts). Bodies are written as bytes: fastify would otherwise add
// `; charset=utf-8` to the Content-Type, and clients saw exactly `application/json` and
// `application/problem+json` before the plane. Success bodies are typed by the route's zod
// schema (z.output), and a test checks every real one against it.
import type { FastifyReply } from "fastify";
import type { Answer } from "@/lib/api/verdict-answers";
import { PROBLEM_CONTENT_TYPE, problemBody, PROBLEMS, type ProblemCode } from "@/lib/api/problem";
import { env } from "@/lib/env";
import { SECURITY_HEADERS } from "@/lib/server/security-headers";

/** On every answer of the plane: never cached, and the security headers Next.js gives its own. */
export const NO_STORE = { "Cache-Control": "no-store", ...SECURITY_HEADERS };

export function sendProblem(
  reply: FastifyReply,
  code: ProblemCode,
  detail: string,
  extensions: Record<string, unknown> = {},
  headers: Record<string, string> = {},
) {
  return reply
    .code(PROBLEMS[code].status)
    .headers({ ...NO_STORE, ...headers, "Content-Type": PROBLEM_CONTENT_TYPE })
    .send(Buffer.from(JSON.stringify(problemBody(env.publicOrigin, code, detail, extensions))));
}

export function sendJson(reply: FastifyReply, body: unknown, headers: Record<string, string> = {}) {
  return reply
    .code(200)
    .headers({ ...NO_STORE, ...headers, "Content-Type": "application/json" })
    .send(Buffer.from(JSON.stringify(body)));
}

export const sendAnswer = (reply: FastifyReply, answer: Answer) =>
  sendProblem(reply, answer.code, answer.detail, answer.extensions, answer.headers);
