// A key's IP allowlist: IPv4 and IPv6 addresses and CIDR ranges, parsed by ipaddr.js. Pure
// (no database), shared by the forms' validation and the key check.
import ipaddr from "ipaddr.js";

export const MAX_ALLOWLIST_ENTRIES = 50;

/**
 * One entry in its canonical form ("203.0.113.0/24", "2001:db8::/32", "198.51.100.7"), or an
 * error naming the entry. An address with host bits under its prefix is refused rather than
 * silently widened: "10.0.0.5/8" most likely means a typo.
 */
export function parseAllowlistEntry(entry: string): { ok: true; value: string } | { ok: false; message: string } {
  const text = entry.trim();
  const shown = text.length > 60 ? `${text.slice(0, 60)}…` : text;
  try {
    if (text.includes("/")) {
      const [address, bits] = ipaddr.parseCIDR(text);
      const canonical = address.toString();
      const network = ipaddr.IPv4.isValid(canonical)
        ? ipaddr.IPv4.networkAddressFromCIDR(text).toString()
        : ipaddr.IPv6.networkAddressFromCIDR(text).toString();
      if (network !== canonical)
        return { ok: false, message: `${shown} has bits set past its /${bits} prefix: did you mean ${network}/${bits}?` };
      return { ok: true, value: `${network}/${bits}` };
    }
    if (!ipaddr.isValid(text)) throw new Error("invalid");
    return { ok: true, value: ipaddr.parse(text).toString() };
  } catch {
    return {
      ok: false,
      message: `${shown || "An empty entry"} is not an IP address or a CIDR range (e.g. 203.0.113.7, 10.0.0.0/8, 2001:db8::/32).`,
    };
  }
}

/** Splits what the user typed (commas, spaces or new lines) into entries. */
export function splitAllowlist(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((e) => e.trim())
    .filter(Boolean);
}

/**
 * Whether a client address is allowed. An empty list allows everyone. IPv4-mapped IPv6
 * addresses (::ffff:127.0.0.1, as dual-stack sockets report IPv4 clients) count as IPv4.
 * An unknown client address is refused when there is a list.
 */
export function ipAllowed(allowlist: readonly string[], clientIp: string | null): boolean {
  if (allowlist.length === 0) return true;
  if (!clientIp || !ipaddr.isValid(clientIp)) return false;
  const client = ipaddr.process(clientIp);
  return allowlist.some((entry) => {
    try {
      if (entry.includes("/")) {
        const range = ipaddr.parseCIDR(entry);
        return client.kind() === range[0].kind() && client.match(range);
      }
      const address = ipaddr.process(entry);
      return address.kind() === client.kind() && address.toString() === client.toString();
    } catch {
      return false;
    }
  });
}
