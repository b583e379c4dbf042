// SEP-10's client_domain: a wallet names its home domain, and its stellar.toml's SIGNING_KEY must
// sign the challenge too, so the token can say which client (wallet or service) asked. The server
// fetches on a stranger's say-so here, so it goes through the same guarded client as webhook
// deliveries (lib/http/webhook-agent.ts): every DNS answer and the connected socket's address must
// be public, and no redirect is followed. https only, 100 kB and 3 s at most; parsed with smol-toml.
// SEP10_CLIENT_DOMAIN_INSECURE lifts the address check and allows plain http (tests only).
import { parse } from "smol-toml";
import { StrKey } from "@stellar/stellar-sdk";
import { request, type Agent } from "undici";
import { webhookAgent } from "@/lib/http/webhook-agent";

const TIMEOUT_MS = 3000;
const MAX_BYTES = 100_000;
/** A host name with an optional port: no scheme, path, user or query. */
const DOMAIN =
  /^(?=.{1,253}(?::\d{1,5})?$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*(?::\d{1,5})?$/i;

export type ClientDomainRefusal =
  /** Not a host name (with an optional port). */
  | "client_domain_invalid"
  /** It resolves to loopback, a private network, link-local or another non-public address. */
  | "client_domain_not_public"
  /** Its stellar.toml could not be read (no answer, not 200, a redirect, not TOML, too large, timed out). */
  | "client_domain_unreachable"
  /** Its stellar.toml has no SIGNING_KEY that is a Stellar account. */
  | "client_domain_no_signing_key";

export type ClientSigningKey = { ok: true; domain: string; key: string } | { ok: false; reason: ClientDomainRefusal };

const agents = new Map<boolean, Agent>();
const agentFor = (insecure: boolean) => {
  let agent = agents.get(insecure);
  if (!agent) agents.set(insecure, (agent = webhookAgent({ allowPrivate: insecure, connectTimeoutMs: TIMEOUT_MS, timeoutMs: TIMEOUT_MS })));
  return agent;
};

/** The file's text, or why it could not be read. */
async function readToml(url: string, insecure: boolean, timeoutMs: number): Promise<{ text: string } | { refused: ClientDomainRefusal }> {
  try {
    const res = await request(url, { dispatcher: agentFor(insecure), signal: AbortSignal.timeout(timeoutMs) });
    if (res.statusCode !== 200) {
      await res.body.dump();
      return { refused: "client_domain_unreachable" };
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of res.body) {
      size += (chunk as Buffer).length;
      if (size > MAX_BYTES) {
        res.body.destroy();
        return { refused: "client_domain_unreachable" };
      }
      chunks.push(chunk as Buffer);
    }
    return { text: Buffer.concat(chunks).toString("utf8") };
  } catch (error) {
    const code = (error as { code?: string }).code ?? (error as { cause?: { code?: string } }).cause?.code;
    return { refused: code === "private_target" ? "client_domain_not_public" : "client_domain_unreachable" };
  }
}

/** The signing key a client domain publishes, or why it cannot be used. */
export async function clientSigningKey(domain: string, opts: { insecure: boolean; timeoutMs?: number }): Promise<ClientSigningKey> {
  const name = domain.trim().toLowerCase();
  if (!DOMAIN.test(name)) return { ok: false, reason: "client_domain_invalid" };
  const read = await readToml(
    `${opts.insecure ? "http" : "https"}://${name}/.well-known/stellar.toml`,
    opts.insecure,
    opts.timeoutMs ?? TIMEOUT_MS,
  );
  if ("refused" in read) return { ok: false, reason: read.refused };
  let key: unknown;
  try {
    key = parse(read.text).SIGNING_KEY;
  } catch {
    return { ok: false, reason: "client_domain_unreachable" };
  }
  if (typeof key !== "string" || !StrKey.isValidEd25519PublicKey(key)) return { ok: false, reason: "client_domain_no_signing_key" };
  return { ok: true, domain: name, key };
}
