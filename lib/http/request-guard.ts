// Requests refused before Next.js sees them (server.ts): Next.js answers these with a 500
// or echoes them back. Pure, so it is unit-tested.
import { KEY_IN_URL_REFUSAL, keyInUrl } from "./key-in-url";
import type { ProblemCode } from "@/lib/core/problem";

const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

export type Refusal = { status: number; code: ProblemCode; message: string; headers?: Record<string, string> };

export function refuseRequest(method: string, rawUrl: string): Refusal | null {
  if (!METHODS.has(method)) {
    return {
      status: 405,
      code: "method_not_allowed",
      message: `${method.slice(0, 20)} is not served here.`,
      headers: { Allow: [...METHODS].join(", ") },
    };
  }
  if (!rawUrl.startsWith("/")) return { status: 400, code: "bad_request", message: "The request target must be a path." };
  let url: URL;
  try {
    url = new URL(rawUrl, "http://keyport.invalid");
    decodeURIComponent(url.pathname);
    for (const _ of url.searchParams);
  } catch {
    return { status: 400, code: "bad_request", message: "The URL is not valid percent-encoding." };
  }
  return keyInUrl(url) ? KEY_IN_URL_REFUSAL : null;
}
