// Not "server-only": server.ts checks it at start-up, outside React's server build (as it does lib/core/env).
import { env, sep10SigningKey } from "@/lib/core/env";
import type { Sep10Domains } from "@/lib/wallets/sep10";

const host = () => new URL(env.publicOrigin).host;

/**
 * SEP-10 puts the home domain in a manage-data key ("<domain> auth", at most 64 bytes), so
 * a public host longer than 59 characters cannot sign anyone in this way. Messages still work.
 */
export const sep10Available = () => host().length <= 59;

/**
 * This deployment's SEP-10 identity: its signing key, and as home domain and web auth domain
 * the host of the configured public origin (never a request's Host header, like the SEP-53 text).
 */
export function sep10Server(): Sep10Domains & { signingKey: ReturnType<typeof sep10SigningKey> } {
  return { signingKey: sep10SigningKey(), homeDomain: host(), webAuthDomain: host() };
}
