import "server-only";
// What the key check learned about a request (which key, what outcome), kept until the route
// has answered so the recorder gets the status and latency too. Keyed by the Request object:
// nothing to clean up, and no way for one request's key to be counted on another.
import type { Outcome } from "@/lib/data/usage";
import { recordUsage } from "./recorder";

type Pending = { keyId: string; outcome: Outcome; ip: string | null };
const pending = new WeakMap<Request, Pending>();

/** The endpoints counted by name; anything else under /api/v1 counts as "other". */
const ENDPOINTS = new Set(["/api/v1/whoami", "/api/v1/escrows"]);

function endpointOf(request: Request): { endpoint: string; path: string } {
  const path = new URL(request.url).pathname.replace(/\/+$/, "") || "/";
  return { endpoint: `${request.method} ${ENDPOINTS.has(path) ? path : "other"}`, path: path.slice(0, 200) };
}

/** Called by the key check once it knows the key and the outcome. */
export function noteKeyUse(request: Request, use: Pending) {
  pending.set(request, use);
}

/** Called by apiRoute with the answer: counts the request if a known key was presented. */
export function finishKeyUse(request: Request, status: number, startedAt: number) {
  const use = pending.get(request);
  if (!use) return;
  pending.delete(request);
  const { endpoint, path } = endpointOf(request);
  recordUsage({ ...use, endpoint, path, method: request.method, status, at: Date.now(), latencyMs: performance.now() - startedAt });
}
