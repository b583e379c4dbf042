// How the API plane answers: never cached; errors as RFC 9457 problem+json with the status the
// code fixes (lib/core/problem.ts). The answer is written to the socket in one go (headers and
// body in one write, as a plain node:http server does): fastify's send path added
// `; charset=utf-8` to the Content-Type (clients saw exactly `application/json` and
// `application/problem+json` before the plane) and wrote headers and body separately, which
// was a quarter of the plane's CPU under load. Success bodies are typed by the route's zod
// schema (z.output), and a test checks every real one against it.
import type { FastifyReply } from "fastify";
import type { Answer } from "@/lib/api/verdict-answers";
import { PROBLEM_CONTENT_TYPE, problemBody, PROBLEMS, type ProblemCode } from "@/lib/core/problem";
import { env } from "@/lib/core/env";
import { SECURITY_HEADERS } from "@/lib/http/security-headers";

/** On every answer of the plane: never cached, and the security headers Next.js gives its own. */
export const NO_STORE = { "Cache-Control": "no-store", ...SECURITY_HEADERS };

export function sendProblem(
  reply: FastifyReply,
  code: ProblemCode,
  detail: string,
  extensions: Record<string, unknown> = {},
  headers: Record<string, string> = {},
) {
  const body = JSON.stringify(problemBody(env.publicOrigin, code, detail, extensions));
  return write(reply, PROBLEMS[code].status, { ...NO_STORE, ...headers, "Content-Type": PROBLEM_CONTENT_TYPE }, body);
}

export function sendJson(reply: FastifyReply, body: unknown, headers: Record<string, string> = {}, status = 200) {
  return write(reply, status, { ...NO_STORE, ...headers, "Content-Type": "application/json" }, JSON.stringify(body));
}

/** The status of an answer written by this module. */
export const statusOf = (reply: FastifyReply) => reply.raw.statusCode;

function write(reply: FastifyReply, status: number, headers: Record<string, string>, body: string) {
  reply.hijack();
  reply.raw.writeHead(status, { ...headers, "Content-Length": Buffer.byteLength(body) });
  reply.raw.end(body);
  return reply;
}

export const sendAnswer = (reply: FastifyReply, answer: Answer) =>
  sendProblem(reply, answer.code, answer.detail, answer.extensions, answer.headers);
