// The HTTP client of webhook deliveries: undici with its own connector, so the address checked
// is the one connected to. A name's DNS answers are checked before connecting (every answer must
// be public, or none is used), an address literal is checked as it is, and the socket's peer
// address is checked again once connected, before a byte of the request is written. Unless
// private targets are allowed (tests, local development), a target inside is refused whatever
// its name resolves to at the time. undici follows no redirects unless told to: a 3xx is an answer.
import dns from "node:dns";
import net from "node:net";
import { Agent, buildConnector } from "undici";
import { isPublicAddress } from "@/lib/webhooks/targets";

/**
 * A target inside. Its message names neither the name nor the address it resolved to: it is
 * shown in the endpoint's delivery log, and a member must not map internal names with it.
 */
export class PrivateTargetError extends Error {
  code = "private_target";
  constructor() {
    super("refused: the target is not a public address");
  }
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;

/** dns.lookup that refuses a name with any answer that is not public. */
function publicLookup(hostname: string, options: dns.LookupOptions, callback: LookupCallback) {
  dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, []);
    const inside = addresses.find((a) => !isPublicAddress(a.address));
    if (inside) return callback(new PrivateTargetError(), []);
    if (options.all) return callback(null, addresses);
    callback(null, addresses[0]!.address, addresses[0]!.family);
  });
}

export type WebhookAgentOptions = { allowPrivate: boolean; connectTimeoutMs?: number; timeoutMs?: number };

export function webhookAgent({ allowPrivate, connectTimeoutMs = 5_000, timeoutMs = 15_000 }: WebhookAgentOptions): Agent {
  const connector = buildConnector({ timeout: connectTimeoutMs, ...(allowPrivate ? {} : { lookup: publicLookup }) });
  return new Agent({
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
    // Deliveries to one endpoint are few and far between: no idle sockets kept for long.
    keepAliveTimeout: 4_000,
    connect: (options, callback) => {
      const host = options.hostname.replace(/^\[|\]$/g, "");
      if (!allowPrivate && net.isIP(host) && !isPublicAddress(host)) return callback(new PrivateTargetError(), null);
      return connector(options, (err, socket) => {
        if (err || !socket) return callback(err ?? new Error("no socket"), null);
        const peer = socket.remoteAddress;
        if (!allowPrivate && (!peer || !isPublicAddress(peer))) {
          socket.destroy();
          return callback(new PrivateTargetError(), null);
        }
        callback(null, socket);
      });
    },
  });
}
