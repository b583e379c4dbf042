// What every request meets before either plane sees it (server.ts, and the tests' way in):
// the URL guard (a URL that is not valid percent-encoding, a method nobody serves, a key
// anywhere in the URL) and the client IP, taken from the socket and TRUSTED_PROXY_HOPS only.
// Pure apart from the environment, so both planes get exactly the same checks from one place.
import { clientIpFrom } from "@/lib/http/client-ip";
import { refuseRequest } from "@/lib/http/request-guard";
import { PROBLEM_CONTENT_TYPE, problemBody } from "@/lib/core/problem";
import { env } from "@/lib/core/env";
import { SECURITY_HEADERS } from "@/lib/http/security-headers";
import { STELLAR_TOML_PATH } from "@/lib/sep10/config";

export type Door =
  | { refused: { status: number; headers: Record<string, string>; body: string } }
  | { refused?: undefined; ip: string | null; plane: boolean };

const under = (url: string, prefix: string) => url === prefix || url.startsWith(`${prefix}/`) || url.startsWith(`${prefix}?`);

/** The paths the API plane answers (Keyport's API, SEP-1's stellar.toml, and gateway mode's prefix); everything else goes to Next.js. */
export const onApiPlane = (url: string) =>
  under(url, "/api/v1") || url.split("?", 1)[0] === STELLAR_TOML_PATH || (Boolean(env.GATEWAY_UPSTREAM) && under(url, env.GATEWAY_PREFIX));

export function frontDoor(method: string, url: string, xff: string | string[] | undefined, socket: string | undefined): Door {
  const refused = refuseRequest(method, url);
  if (refused) {
    return {
      refused: {
        status: refused.status,
        headers: { ...SECURITY_HEADERS, "Content-Type": PROBLEM_CONTENT_TYPE, "Cache-Control": "no-store", ...refused.headers },
        body: JSON.stringify(problemBody(env.publicOrigin, refused.code, refused.message)),
      },
    };
  }
  return { ip: clientIpFrom(Array.isArray(xff) ? xff.join(",") : xff, socket, env.TRUSTED_PROXY_HOPS), plane: onApiPlane(url) };
}
