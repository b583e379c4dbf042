// Keys must never travel in URLs: URLs end up in access logs, browser history, proxies and
// Referer headers. A request is refused when a query parameter is named like a key
// parameter (any case, with or without - or _), or when any parameter value or path
// segment has the shape of a key.
import { containsKeyShape } from "@/lib/keys/format";

const KEY_PARAM_NAMES = new Set([
  "apikey",
  "key",
  "xapikey",
  "token",
  "accesstoken",
  "accesskey",
  "apitoken",
  "authtoken",
  "auth",
  "authorization",
  "secret",
  "apisecret",
  "keyportkey",
]);

/** `API-Key`, `api.key`, `apikey[]` and `x_api_key` all read as `apikey`/`xapikey`. */
const normalise = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, "");

/** Decoded until stable (a key encoded twice, %255F, is still a key). */
const decoded = (s: string) => {
  for (let i = 0; i < 3; i++) {
    try {
      const next = decodeURIComponent(s);
      if (next === s) break;
      s = next;
    } catch {
      break;
    }
  }
  return s;
};

export function keyInUrl(url: URL): boolean {
  for (const [name, value] of url.searchParams) {
    if (KEY_PARAM_NAMES.has(normalise(name)) || containsKeyShape(decoded(value)) || containsKeyShape(decoded(name))) return true;
  }
  return url.pathname.split("/").some((segment) => containsKeyShape(decoded(segment)));
}

/** The one answer to a key in a URL, from server.ts's guard and from the route handlers alike. */
export const KEY_IN_URL_REFUSAL = {
  status: 400,
  code: "key_in_url",
  message: "API keys are not accepted in the URL, where they leak into logs and browser history. Send the key in the X-API-KEY header.",
} as const;
