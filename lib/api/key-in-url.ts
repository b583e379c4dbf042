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
  "apitoken",
  "authtoken",
  "secret",
  "apisecret",
  "keyportkey",
]);

const normalise = (name: string) => name.toLowerCase().replace(/[-_\s]/g, "");

const decoded = (s: string) => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

export function keyInUrl(url: URL): boolean {
  for (const [name, value] of url.searchParams) {
    if (KEY_PARAM_NAMES.has(normalise(name)) || containsKeyShape(value) || containsKeyShape(name)) return true;
  }
  return url.pathname.split("/").some((segment) => containsKeyShape(decoded(segment)));
}
