import { env } from "@/lib/core/env";

/**
 * Set by Keyport's server (server.ts, through lib/plane/front-door.ts) on every request, for both
 * planes, from the socket it arrived on; a copy sent by the client is overwritten, so no client
 * can choose its own address.
 */
export const CLIENT_IP_HEADER = "x-keyport-client-ip";

const entries = (xff: string | null | undefined) =>
  (xff ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

/** `::ffff:203.0.113.9` (IPv4 on an IPv6 socket) is `203.0.113.9`. */
const normalise = (ip: string) => (ip.startsWith("::ffff:") && ip.includes(".") ? ip.slice(7) : ip).slice(0, 64);

/**
 * The client's address. The chain is X-Forwarded-For followed by the socket's peer; each
 * trusted proxy appends the address it saw, so with `hops` proxies in front the client is
 * that many entries left of the socket. Anything further left was written by the client.
 * With no proxy (hops = 0) it is the socket's peer, whatever the headers say.
 */
export function clientIpFrom(xff: string | null | undefined, socket: string | null | undefined, hops: number): string | null {
  const chain = [...entries(xff), ...(socket ? [socket] : [])];
  if (!chain.length) return null;
  return normalise(chain[Math.max(0, chain.length - 1 - hops)]!);
}

/**
 * The client IP of a request on the Next.js plane (server actions, session routes), for per-IP
 * limits, last-used and audit records: the header server.ts set (every way of starting Keyport
 * runs server.ts). In a test that calls a route handler directly no server runs, so the last
 * X-Forwarded-For entry stands in for the socket.
 */
export function ipFromHeaders(h: Headers): string | null {
  return (
    h.get(CLIENT_IP_HEADER) ??
    clientIpFrom(h.get("x-forwarded-for"), null, env.TRUSTED_PROXY_HOPS) ??
    h.get("x-real-ip")?.slice(0, 64) ??
    null
  );
}

/** The client IP of the request a server action or page is running for. */
export async function requestIp(): Promise<string | null> {
  const { headers } = await import("next/headers"); // loaded on use: server.ts imports this module outside Next.js
  return ipFromHeaders(await headers());
}
