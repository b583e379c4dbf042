// Gateway mode: Keyport in front of the platform's own API. A request under the public prefix
// that matches a route of GATEWAY_ROUTES (and is not one of Keyport's own routes, which fastify
// matches first) gets exactly whoami's key check — 401, 403 for a scope or an address, 429 with
// its headers — and only then is streamed to GATEWAY_UPSTREAM: bodies are never buffered, the
// key never leaves, the identity goes in headers only the gateway can set, connections are kept
// alive (undici), timeouts answer 504 and a dead upstream 502, and a client that goes away aborts
// the upstream request. Usage is recorded with the upstream's status and latency.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Agent, errors, type Dispatcher } from "undici";
import { verifyKey, type Verdict } from "@/lib/api/key-auth";
import { CLIENT_IP_HEADER } from "@/lib/http/client-ip";
import { rateLimitHeaders } from "@/lib/limits/limits";
import { answerOf } from "@/lib/api/verdict-answers";
import { env } from "@/lib/core/env";
import type { GatewayConfig } from "@/lib/gateway/config";
import { clientResponseHeaders, upstreamRequestHeaders } from "@/lib/gateway/headers";
import { GATEWAY_METHODS, matchGatewayRoute, type GatewayMethod } from "@/lib/gateway/routes";
import { clientIp } from "../client-ip";
import { recordUse, whenJudged } from "../key-route";
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

  /** Synchronous when the verdict is (a cached key, a leased point): no promise on the hot path. */
  function forward(request: FastifyRequest, reply: FastifyReply): Promise<void> | undefined {
    const startedAt = performance.now();
    const [rawPath, query] = splitUrl(request.url);
    const sub = rawPath.slice(config.prefix.length) || "/";
    const match = matchGatewayRoute(config.routes, request.method, sub);
    if (!match.route) {
      if (match.allowed.length) sendMethodNotAllowed(reply, match.allowed, allowHeader(match.allowed));
      else sendProblem(reply, "not_found", `No such endpoint: ${request.method} ${rawPath.slice(0, 200)}.`);
      return undefined;
    }
    const ip = clientIp(request);
    const endpoint = `${request.method} ${config.prefix}${match.route.path}`;
    const finish = (verdict: Verdict) => {
      if (verdict.status !== "valid") {
        sendAnswer(reply, answerOf(verdict));
        recordUse(verdict, request, reply.raw.statusCode, ip, startedAt, endpoint);
        return;
      }
      proxy(request, reply, verdict, ip, `${base}${sub}${query}`, (status) => recordUse(verdict, request, status, ip, startedAt, endpoint));
    };
    return whenJudged(verifyKey(request.headers["x-api-key"] as string | undefined, { scope: match.route.scope, ip }), finish);
  }

  /**
   * Streams the request up and the answer back; `done` gets the status the client got (499: it
   * went away first) once the answer has ended. undici's dispatch API with a handler of our own:
   * the upstream's chunks are written straight to the client's socket (paused while it drains),
   * with no Readable, AbortSignal or promise per request in between (the profile showed the
   * signal's DOMException, the pipeline's promises and the body stream among the gateway's
   * largest costs).
   */
  function proxy(
    request: FastifyRequest,
    reply: FastifyReply,
    verdict: Extract<Verdict, { status: "valid" }>,
    ip: string | null,
    path: string,
    done: (status: number) => void,
  ) {
    reply.hijack();
    const res = reply.raw;
    let status = 499;
    let controller: Dispatcher.DispatchController | null = null;
    res.once("close", () => {
      if (!res.writableFinished) controller?.abort(new Error("client went away"));
      done(res.writableFinished ? status : 499);
    });
    const { key } = verdict;
    const handler: Dispatcher.DispatchHandler = {
      onRequestStart(c) {
        controller = c;
        if (res.destroyed) c.abort(new Error("client went away"));
      },
      onResponseStart(c, statusCode, headers) {
        status = statusCode;
        res.writeHead(statusCode, { ...clientResponseHeaders(headers), ...rateLimitHeaders(verdict.limit) });
      },
      onResponseData(c, chunk) {
        if (!res.write(chunk)) {
          c.pause();
          res.once("drain", () => c.resume());
        }
      },
      onResponseEnd() {
        res.end();
      },
      onResponseError(_c, error) {
        if (res.destroyed) return; // the client went away first: "close" recorded 499
        // A body that fails mid-way cuts the client's answer (its length or chunking tells it so).
        if (res.headersSent) {
          status = 502;
          res.destroy();
          return;
        }
        const failure = upstreamFailure(error);
        status = failure.code === "gateway_timeout" ? 504 : 502;
        sendProblem(reply, failure.code, failure.detail);
      },
    };
    agent.dispatch(
      {
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
      },
      handler,
    );
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
