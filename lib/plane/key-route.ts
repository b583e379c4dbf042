// The one way a keyed /api/v1 operation is written: the verdict on the presented key, a
// refusal answered from the status table (lib/api/verdict-answers.ts), and the key's use
// (usage counts, last used) recorded from the verdict itself, after the answer is known.
import type { FastifyReply, FastifyRequest } from "fastify";
import type { z } from "zod";
import { touchKey, verifyKey, type Verdict } from "@/lib/api/key-auth";
import { rateLimitHeaders } from "@/lib/limits/limits";
import { answerOf } from "@/lib/api/verdict-answers";
import type { KeyRecord } from "@/lib/data/keys/lookup";
import type { Outcome } from "@/lib/data/usage/counts";
import type { Scope } from "@/lib/keys/scopes";
import { noteRateLimited } from "@/lib/usage/rate-limited";
import { recordUsage } from "@/lib/usage/recorder";
import { clientIp } from "./client-ip";
import { sendAnswer, sendJson, statusOf } from "./reply";

/**
 * A keyed operation's handler: `answer` builds the success body, typed by the route's response
 * schema. Synchronous when the verdict is (a cached key, a leased point): no promise on the hot
 * path; fastify waits for the promise otherwise. ./reply.ts writes the answer (hijacked).
 */
export function keyRoute<S extends z.ZodType>(_schema: S, scope: Scope | undefined, answer: (key: KeyRecord) => z.output<S>) {
  return (request: FastifyRequest, reply: FastifyReply): Promise<void> | undefined => {
    const startedAt = performance.now();
    const ip = clientIp(request);
    const finish = (verdict: Verdict) => {
      if (verdict.status === "valid") sendJson(reply, answer(verdict.key), rateLimitHeaders(verdict.limit));
      else sendAnswer(reply, answerOf(verdict));
      recordUse(verdict, request, statusOf(reply), ip, startedAt);
    };
    return whenJudged(verifyKey(request.headers["x-api-key"] as string | undefined, { scope, ip }), finish);
  };
}

/**
 * Runs `finish` on the verdict: at once when it is ready (a cached key, a leased point: no
 * promise on the hot path), else when it is, returning that promise for fastify to wait on.
 */
export function whenJudged(verdict: Verdict | Promise<Verdict>, finish: (verdict: Verdict) => void): Promise<void> | undefined {
  if (verdict instanceof Promise) return verdict.then(finish);
  finish(verdict);
  return undefined;
}

const OUTCOMES: Record<Verdict["status"], Outcome | null> = {
  valid: "success",
  insufficient_scope: "insufficient_scope",
  rate_limited: "rate_limited",
  ip_not_allowed: "ip_not_allowed",
  invalid: "refused",
  too_many_bad_keys: "refused",
};

/**
 * Last use for a request that spent a point of its key; a usage count for every request that
 * named a known key. `endpoint` defaults to the route's own pattern (the gateway passes its
 * route table's).
 */
export function recordUse(
  verdict: Verdict,
  request: FastifyRequest,
  status: number,
  ip: string | null,
  startedAt: number,
  endpoint = `${request.method} ${request.routeOptions.url}`,
) {
  const keyId = "key" in verdict ? verdict.key.id : verdict.refusedKeyId;
  if (!keyId) return;
  if (verdict.status === "valid" || verdict.status === "insufficient_scope") touchKey(keyId, ip);
  if (verdict.status === "rate_limited") noteRateLimited(verdict.key, verdict.limit.limit);
  const path = (request.url.split("?", 1)[0]!.replace(/\/+$/, "") || "/").slice(0, 200);
  recordUsage({
    keyId,
    outcome: OUTCOMES[verdict.status]!,
    ip,
    endpoint,
    path,
    method: request.method,
    status,
    at: Date.now(),
    latencyMs: performance.now() - startedAt,
  });
}
