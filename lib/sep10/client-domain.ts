// SEP-10's client_domain: a wallet names its home domain, and its stellar.toml's SIGNING_KEY must
// sign the challenge too, so the token can say which client (wallet or service) asked. The file is
// read with the Stellar SDK's own resolver (https, 100 kB at most, a timeout); the domain is
// refused when it is not a plain host name or resolves to this machine or a private network,
// since the server would otherwise fetch on a stranger's say-so (SEP10_CLIENT_DOMAIN_INSECURE
// lifts both for tests: plain http, private addresses).
import { lookup } from "node:dns/promises";
import ipaddr from "ipaddr.js";
import { StellarToml, StrKey } from "@stellar/stellar-sdk";

const TIMEOUT_MS = 3000;
/** A host name with an optional port: no scheme, path, user or query. */
const DOMAIN =
  /^(?=.{1,253}(?::\d{1,5})?$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*(?::\d{1,5})?$/i;

export type ClientDomainRefusal =
  /** Not a host name (with an optional port). */
  | "client_domain_invalid"
  /** It resolves to loopback, a private network, link-local or another non-public address. */
  | "client_domain_not_public"
  /** Its stellar.toml could not be read (no answer, not TOML, too large, timed out). */
  | "client_domain_unreachable"
  /** Its stellar.toml has no SIGNING_KEY that is a Stellar account. */
  | "client_domain_no_signing_key";

export type ClientSigningKey = { ok: true; domain: string; key: string } | { ok: false; reason: ClientDomainRefusal };

async function publicHost(host: string): Promise<boolean> {
  try {
    const addresses = await lookup(host, { all: true });
    return addresses.length > 0 && addresses.every((a) => ipaddr.process(a.address).range() === "unicast");
  } catch {
    return false;
  }
}

/** The signing key a client domain publishes, or why it cannot be used. */
export async function clientSigningKey(domain: string, opts: { insecure: boolean; timeoutMs?: number }): Promise<ClientSigningKey> {
  const name = domain.trim().toLowerCase();
  if (!DOMAIN.test(name)) return { ok: false, reason: "client_domain_invalid" };
  const host = name.replace(/:\d+$/, "");
  if (!opts.insecure && !(await publicHost(host))) return { ok: false, reason: "client_domain_not_public" };
  let toml: Awaited<ReturnType<typeof StellarToml.Resolver.resolve>>;
  try {
    toml = await StellarToml.Resolver.resolve(name, { allowHttp: opts.insecure, timeout: opts.timeoutMs ?? TIMEOUT_MS });
  } catch {
    return { ok: false, reason: "client_domain_unreachable" };
  }
  const key = toml.SIGNING_KEY;
  if (typeof key !== "string" || !StrKey.isValidEd25519PublicKey(key)) return { ok: false, reason: "client_domain_no_signing_key" };
  return { ok: true, domain: name, key };
}
