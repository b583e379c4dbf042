// Where a webhook may be sent. A URL is http(s) without a fragment; the address connected to
// must be a public unicast one: loopback, private, link-local (cloud metadata at
// 169.254.169.254), unique-local, CGNAT, multicast and reserved ranges are refused unless the
// operator allows private targets. The check runs on the socket's real peer address at connect
// time (lib/http/webhook-agent.ts), so no DNS answer or redirect can move a delivery inside.
import ipaddr from "ipaddr.js";

/** Global unicast IPv6 (RFC 4291): anything outside it (IPv4-compatible ::a.b.c.d included) is not public. */
const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR("2000::/3");

export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let ip = ipaddr.parse(address);
  if (ip.kind() === "ipv6" && (ip as ipaddr.IPv6).isIPv4MappedAddress()) ip = (ip as ipaddr.IPv6).toIPv4Address();
  // ipaddr.js calls whatever it has no name for "unicast": for IPv6, ask for global unicast as well.
  if (ip.kind() === "ipv6" && !(ip as ipaddr.IPv6).match(GLOBAL_UNICAST_V6 as [ipaddr.IPv6, number])) return false;
  return ip.range() === "unicast";
}

export type TargetRefusal = { code: "invalid_url" | "private_target"; message: string };

/** A refusal of the URL itself (its scheme, or an address literal that is not public), or null. */
export function targetRefusal(url: string, allowPrivate: boolean): TargetRefusal | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { code: "invalid_url", message: "The URL must be an absolute http(s) URL, e.g. https://example.com/webhooks." };
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") {
    return { code: "invalid_url", message: "The URL must start with https:// (or http://)." };
  }
  if (parsed.hash) return { code: "invalid_url", message: "The URL may not have a #fragment." };
  if (allowPrivate) return null;
  const host = parsed.hostname.replace(/^\[|\]$/g, "");
  if (host === "localhost" || host.endsWith(".localhost") || (ipaddr.isValid(host) && !isPublicAddress(host))) {
    return { code: "private_target", message: `${host} is not a public address: webhooks are sent to public addresses only.` };
  }
  return null;
}
