import { env } from "@/lib/env";

/**
 * The client IP, for per-IP limits, last-used and audit records. X-Forwarded-For is read
 * from the right: each trusted proxy appends the address it saw, and anything to the left
 * of those entries came from the client, who can write whatever it likes there (Next.js
 * keeps a client-sent header as is). `hops` is how many proxies append (TRUSTED_PROXY_HOPS).
 */
export function clientIpFrom(h: Headers, hops: number): string | null {
  const chain = (h.get("x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const ip = chain.length ? chain[Math.max(0, chain.length - hops)] : h.get("x-real-ip");
  return ip ? ip.slice(0, 64) : null;
}

export function ipFromHeaders(h: Headers): string | null {
  return clientIpFrom(h, env.TRUSTED_PROXY_HOPS);
}
