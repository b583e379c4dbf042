/** The client IP as the proxy in front reports it (first X-Forwarded-For hop), for last-used and audit records. */
export function ipFromHeaders(h: Headers): string | null {
  return (h.get("x-forwarded-for")?.split(",")[0]?.trim() || h.get("x-real-ip") || null)?.slice(0, 64) ?? null;
}
