// Gateway mode: Keyport in front of the platform's own API. A request under the public prefix
// that matches a route of GATEWAY_ROUTES (and is not one of Keyport's own routes, which fastify
// matches first) gets exactly whoami's key check — 401, 403 for a scope or an address, 429 with
// its headers — and only then is streamed to GATEWAY_UPSTREAM: bodies are never buffered, the
// key never leaves, the identity goes in headers only the gateway can set, connections are kept
// alive (undici), timeouts answer 504 and a dead upstream 502, and a client that goes away aborts
// the upstream request. Usage is recorded with the upstream's status and latency.
import { EventEmitter } from "node:events";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Agent, errors } from "undici";
import { verifyKey, type Verdict } from "@/lib/api/key-auth";
import { CLIENT_IP_HEADER } from "@/lib/http/client-ip";
import { rateLimitHeaders } from "@/lib/limits/limits";
import { answerOf } from "@/lib/api/verdict-answers";
import { env } from "@/lib/core/env";
import type { GatewayConfig } from "@/lib/gateway/config";
import { clientResponseHeaders, upstreamRequestHeaders } from "@/lib/gateway/headers";
import { GATEWAY_METHODS, matchGatewayRoute, type GatewayMethod } from "@/lib/gateway/routes";
import { clientIp } from "../client-ip";
import { recordUse } from "../key-route";
import { allowHeader, sendMethodNotAllowed } from "../methods";
import { sendAnswer, sendProblem } from "../reply";

/** What went wrong talking to the upstream, as the client's answer. */
function upstreamFailure(error: unknown): { code: "gateway_timeout" | "bad_gateway"; detail: string } {
  const code = (error as { code?: string }).code ?? "";
  if (error instanceof errors.ConnectTimeoutError || error instanceof errors.HeadersTimeoutError || code === "UND_ERR_CONNECT_TIMEOUT")
    return {
      code: "gateway_timeout",
      detail: "The platform's API did not answer in time. The request may or may not have been carried out.",
    };
  return {
    code: "bad_gateway",
    detail: `The platform's API could not be reached (${code || "connection failed"}). Nothing is known to have happened there.`,
  };
}

const hasBody = (request: FastifyRequest) =>
  Boolean(request.headers["transfer-encoding"]) || Number(request.headers["content-length"] ?? 0) > 0;

export function gatewayRoute(app: FastifyInstance, config: GatewayConfig) {
  const agent = new Agent({
    connect: { timeout: Math.min(config.timeoutMs, 10_000) },
    headersTimeout: config.timeoutMs,
    bodyTimeout: config.timeoutMs,
    keepAliveTimeout: 10_000,
    connections: 512,
  });
  const base = config.upstream.pathname.replace(/\/+$/, "");
  // Keyport's own internal header, never forwarded.
  const internal = [CLIENT_IP_HEADER];
  // What the upstream is told about the hop in front of it: fixed by AUTH_URL, so worked out once.
  const publicUrl = new URL(env.publicOrigin);
  const hop = { proto: publicUrl.protocol === "https:" ? ("https" as const) : ("http" as const), host: publicUrl.host };

  async function forward(request: FastifyRequest, reply: FastifyReply) {
    const startedAt = performance.now();
    const [rawPath, query] = splitUrl(request.url);
    const sub = rawPath.slice(config.prefix.length) || "/";
    const match = matchGatewayRoute(config.routes, request.method, sub);
    if (!match.route) {
      if (match.allowed.length) return sendMethodNotAllowed(reply, match.allowed, allowHeader(match.allowed));
      return sendProblem(reply, "not_found", `No such endpoint: ${request.method} ${rawPath.slice(0, 200)}.`);
    }
    const ip = clientIp(request);
    const verdict = await verifyKey(request.headers["x-api-key"] as string | undefined, { scope: match.route.scope, ip });
    const endpoint = `${request.method} ${config.prefix}${match.route.path}`;
    if (verdict.status !== "valid") {
      sendAnswer(reply, answerOf(verdict));
      recordUse(verdict, request, reply.raw.statusCode, ip, startedAt, endpoint);
      return reply;
    }
    await proxy(request, reply, verdict, ip, `${base}${sub}${query}`, (status) =>
      recordUse(verdict, request, status, ip, startedAt, endpoint),
    );
    return reply;
  }

  /**
   * Streams the request up and the answer back; `done` gets the status the client got (499: it
   * went away first) once the answer has ended. No AbortController and no promise-based
   * pipeline on this path: an EventEmitter is undici's cheaper abort signal, and the body is
   * piped with callbacks (the profile showed the signal's DOMException and the pipeline's
   * promises among the gateway's largest costs).
   */
  async function proxy(
    request: FastifyRequest,
    reply: FastifyReply,
    verdict: Extract<Verdict, { status: "valid" }>,
    ip: string | null,
    path: string,
    done: (status: number) => void,
  ) {
    reply.hijack();
    const res = reply.raw;
    const abort = new EventEmitter();
    let status = 499;
    res.once("close", () => {
      if (!res.writableFinished) abort.emit("abort");
      done(res.writableFinished ? status : 499);
    });
    const { key } = verdict;
    try {
      const upstream = await agent.request({
        origin: config.upstream.origin,
        path,
        method: request.method as GatewayMethod,
        headers: upstreamRequestHeaders(
          request.headers,
          { keyId: key.id, workspace: key.workspace.slug, network: key.network, scopes: key.scopes },
          { ...hop, clientIp: ip },
          internal,
        ),
        body: hasBody(request) ? request.raw : undefined,
        signal: abort,
      });
      status = upstream.statusCode;
      res.writeHead(upstream.statusCode, { ...clientResponseHeaders(upstream.headers), ...rateLimitHeaders(verdict.limit) });
      // A body that fails mid-way cuts the client's answer (its length or chunking tells it so).
      upstream.body.once("error", () => res.destroy());
      upstream.body.pipe(res);
    } catch (error) {
      if (res.destroyed) return; // the client went away first: "close" recorded 499
      if (res.headersSent) {
        status = 502;
        res.destroy();
        return;
      }
      const failure = upstreamFailure(error);
      status = failure.code === "gateway_timeout" ? 504 : 502;
      sendProblem(reply, failure.code, failure.detail);
    }
  }

  app.register(async (scope) => {
    // Bodies are streamed to the upstream as they arrive: nothing is parsed or buffered here.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser("*", (_request, _payload, done) => done(null));
    for (const url of [config.prefix, `${config.prefix}/*`]) {
      scope.route({ method: [...GATEWAY_METHODS], url, schema: { hide: true }, handler: forward });
    }
  });
}

function splitUrl(url: string): [string, string] {
  const at = url.indexOf("?");
  return at < 0 ? [url, ""] : [url.slice(0, at), url.slice(at)];
}
