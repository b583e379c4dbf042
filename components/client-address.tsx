import ipaddr from "ipaddr.js";

/**
 * How a client address reads to a person: one spelling for one machine. Loopback (127.0.0.0/8,
 * ::1 — curl on the server itself says one or the other depending on how `localhost` resolved)
 * reads "localhost", and an IPv4 address on an IPv6 socket (::ffff:203.0.113.7) as IPv4. The
 * exact address stays in the tooltip.
 */
export function addressLabel(ip: string): string {
  if (!ipaddr.isValid(ip)) return ip;
  const parsed = ipaddr.process(ip);
  return parsed.range() === "loopback" ? "localhost" : parsed.toString();
}

export function ClientAddress({ ip, className }: { ip: string; className?: string }) {
  const label = addressLabel(ip);
  return (
    <span className={className} title={label === ip ? undefined : ip}>
      {label}
    </span>
  );
}
