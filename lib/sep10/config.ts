// This deployment's SEP-10 web authentication service (for programs, not the sign-in page):
// the endpoint stellar.toml names, the network its challenges are for, and its domains.
// Not "server-only": the plane's routes and the tests read it outside React's server build.
import { WALLET_NETWORKS } from "@/lib/networks/stellar";
import { sep10Server } from "@/lib/auth/sep10-server";
import { env } from "@/lib/core/env";
import { horizonUrl } from "@/lib/http/horizon";

/** Where WEB_AUTH_ENDPOINT points: GET a challenge, POST it signed. */
export const WEB_AUTH_PATH = "/api/v1/auth";
export const STELLAR_TOML_PATH = "/.well-known/stellar.toml";

export type WebAuthService = ReturnType<typeof webAuthService>;

export function webAuthService() {
  const { signingKey, homeDomain } = sep10Server();
  const endpoint = `${env.publicOrigin}${WEB_AUTH_PATH}`;
  return {
    signingKey,
    endpoint,
    network: env.SEP10_NETWORK,
    networkPassphrase: WALLET_NETWORKS[env.SEP10_NETWORK].passphrase,
    /** The host with its port, as a client names it in `anchor({ homeDomain })` and in `home_domain`. */
    homeDomain,
    // Clients compare web_auth_domain with the endpoint's host name without the port (the
    // wallet SDK does `new URL(WEB_AUTH_ENDPOINT).hostname`); sign-in keeps its own domains.
    webAuthDomain: new URL(endpoint).hostname,
    horizonUrl: horizonUrl(),
    tokenTtlSeconds: env.SEP10_TOKEN_TTL_SECONDS,
    /** A client_domain's stellar.toml may be plain http on a private address (tests only). */
    clientDomainInsecure: env.SEP10_CLIENT_DOMAIN_INSECURE,
  };
}
