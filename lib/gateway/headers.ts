// The headers gateway mode sends upstream and back (RFC 9110 §7.6.1 hop-by-hop handling,
// RFC 7239 Forwarded). Pure, so the rules a client could try to bend are unit-tested.
import { randomUUID } from "node:crypto";

type Headers = Record<string, string | string[] | undefined>;

/** Hop-by-hop: meaningful for one connection only, never forwarded (plus any named in Connection). */
const HOP_BY_HOP = [
  "connection",
  "keep-alive",
  "proxy-connection",
  "proxy-authenticate",
  "proxy-authorization",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
];

/** What the gateway asserts about the caller; a client's own copies are dropped. */
export const IDENTITY_PREFIX = "x-keyport-";

export type Identity = { keyId: string; workspace: string; network: string; scopes: readonly string[] };

function connectionTokens(headers: Headers): string[] {
  return [headers.connection ?? []]
    .flat()
    .flatMap((v) => v.split(","))
    .map((t) => t.trim().toLowerCase())
    .filter(Boolean);
}

function withoutHopByHop(headers: Headers): Record<string, string | string[]> {
  const drop = new Set([...HOP_BY_HOP, ...connectionTokens(headers)]);
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || drop.has(name.toLowerCase())) continue;
    out[name.toLowerCase()] = value;
  }
  return out;
}

const quoteIfNeeded = (v: string) => (/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(v) ? v : `"${v.replace(/["\\]/g, "\\$&")}"`);
const forwardedFor = (ip: string) => (ip.includes(":") ? `"[${ip}]"` : ip);

export type Hop = { clientIp: string | null; proto: "http" | "https"; host: string };

/**
 * The request headers for the upstream: hop-by-hop and the key removed, identity set by the
 * gateway only. X-Forwarded-For and Forwarded name the one client address Keyport vouches for
 * (the front door's, from the socket and TRUSTED_PROXY_HOPS): entries a client wrote itself are
 * not passed on as if they were checked. The request id is passed through when the client sent
 * a sane one, or created.
 */
export function upstreamRequestHeaders(incoming: Headers, identity: Identity, hop: Hop, internal: readonly string[]) {
  const headers = withoutHopByHop(incoming);
  delete headers["x-api-key"];
  delete headers.host;
  for (const name of Object.keys(headers)) if (name.startsWith(IDENTITY_PREFIX) || internal.includes(name)) delete headers[name];
  const requestId = [incoming["x-request-id"]].flat()[0];
  const ip = hop.clientIp ?? "unknown";
  delete headers["x-real-ip"];
  return {
    ...headers,
    "x-forwarded-for": ip,
    "x-forwarded-proto": hop.proto,
    "x-forwarded-host": hop.host,
    forwarded: `for=${ip === "unknown" ? ip : forwardedFor(ip)};host=${quoteIfNeeded(hop.host)};proto=${hop.proto}`,
    "x-request-id": requestId && /^[\x21-\x7e]{1,200}$/.test(requestId) ? requestId : randomUUID(),
    "x-keyport-key-id": identity.keyId,
    "x-keyport-workspace": identity.workspace,
    "x-keyport-network": identity.network,
    "x-keyport-scopes": identity.scopes.join(" "),
  };
}

/** The upstream's answer headers for the client: hop-by-hop removed (Node frames the body itself). */
export function clientResponseHeaders(upstream: Headers): Record<string, string | string[]> {
  return withoutHopByHop(upstream);
}
