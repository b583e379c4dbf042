import "server-only";
// A client IP's budget of failed key lookups (RATE_LIMIT_BAD_KEYS_PER_MINUTE): made-up keys
// with valid checksums (anyone can compute one) must not buy unlimited database lookups.
// Only a lookup that fails is charged, to the shared counter (./limits.ts), after it: a
// working key costs no write at all, which is what keeps thousands of integrations behind
// one address (a NAT, a platform's egress) as fast as one.
//
// What holds a parallel burst back is this instance's own gate: lookups in flight for an IP
// never exceed what is left of its budget as this instance last heard it. TOLERANCE: one
// instance makes exactly the budget in failed lookups per IP and minute; N instances that
// each receive a burst before hearing of the others' charges make at most N × the budget.
import { env } from "@/lib/core/env";
import { processState } from "@/lib/core/process-state";
import { spendBadKey } from "./limits";
import type { LimitResult } from "./types";

type Gate = { inFlight: number; remaining: number; resetAt: number };
const gates = processState("badKeyGates", () => new Map<string, Gate>());
const MAX_GATES = 50_000;

function gateOf(ip: string, now: number): Gate {
  let gate = gates.get(ip);
  if (!gate || (gate.inFlight === 0 && now >= gate.resetAt)) {
    if (!gate && gates.size >= MAX_GATES) for (const [k, g] of gates) if (g.inFlight === 0) gates.delete(k);
    gate = { inFlight: 0, remaining: env.RATE_LIMIT_BAD_KEYS_PER_MINUTE, resetAt: now + 60_000 };
    gates.set(ip, gate);
  }
  return gate;
}

/** The refusal once this IP's budget is spent (or taken by lookups in flight): retry when its minute ends. */
function spent(gate: Gate, now: number): Extract<LimitResult, { ok: false }> {
  const resetSeconds = Math.max(1, Math.ceil((gate.resetAt - now) / 1000));
  return { ok: false, retryAfter: resetSeconds, limit: env.RATE_LIMIT_BAD_KEYS_PER_MINUTE, remaining: 0, resetSeconds };
}

export type Admission = { ok: true; done: () => void } | Extract<LimitResult, { ok: false }>;

/** Before a lookup the key cache cannot answer: refused, without a lookup, once this IP's budget is used up. */
export function admitLookup(ip: string | null, now = Date.now()): Admission {
  const gate = gateOf(ip ?? "unknown", now);
  if (gate.inFlight >= gate.remaining) return spent(gate, now);
  gate.inFlight++;
  let open = true;
  return {
    ok: true,
    done: () => {
      if (open) gate.inFlight--;
      open = false;
    },
  };
}

/**
 * For a request that waits for a lookup already under way (the same key, presented in a burst):
 * it costs no lookup of its own, so it takes no place in the gate; refused only once this IP's
 * budget is known to be spent.
 */
export function admitJoin(ip: string | null, now = Date.now()): Admission {
  const gate = gateOf(ip ?? "unknown", now);
  if (gate.remaining <= 0) return spent(gate, now);
  return { ok: true, done: () => {} };
}

/** After a lookup that found no working key: one point of the IP's shared budget. */
export async function chargeBadKey(ip: string | null, now = Date.now()): Promise<LimitResult> {
  const spent = await spendBadKey(ip);
  const gate = gateOf(ip ?? "unknown", now);
  gate.remaining = spent.remaining;
  gate.resetAt = now + (spent.ok ? spent.resetSeconds : spent.retryAfter) * 1000;
  return spent;
}
