import { NextResponse, type NextRequest } from "next/server";
import { MAX_NESTING, nestsDeeperThan } from "@/lib/validation/nesting";

/** Server-action bodies Next.js accepts (next.config.ts sets the same limit). */
export const ACTION_BODY_LIMIT = 1024 * 1024;

const refuse = (status: number, message: string) =>
  new NextResponse(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });

/**
 * Server actions are public POST endpoints. Next.js answers a body over its limit, or one
 * nested deep enough to overflow its decoder's stack, with a 500; these get a clear 4xx
 * before they reach it. The forms never send either: they check sizes in the browser.
 */
async function guardAction(request: NextRequest): Promise<NextResponse | null> {
  if (request.method !== "POST" || !request.headers.has("next-action")) return null;
  const length = Number(request.headers.get("content-length") ?? Number.NaN);
  if (!Number.isFinite(length)) return refuse(411, "Send a Content-Length with the request.");
  if (length > ACTION_BODY_LIMIT)
    return refuse(413, `The request is too large: at most ${ACTION_BODY_LIMIT / 1024} KB (images at most 100 KB).`);
  const body = await request.clone().text();
  if (body.length > ACTION_BODY_LIMIT) return refuse(413, `The request is too large: at most ${ACTION_BODY_LIMIT / 1024} KB.`);
  if (nestsDeeperThan(body, MAX_NESTING)) return refuse(400, `The request nests data more than ${MAX_NESTING} levels deep.`);
  return null;
}

// Pages get a Content-Security-Policy with a fresh nonce per request: only scripts
// Next.js renders with that nonce run. The /api routes are not matched (see config):
// they serve JSON, and the key check is a hot path that needs no per-request work here.
export async function proxy(request: NextRequest) {
  const refused = await guardAction(request);
  if (refused) return refused;
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const dev = process.env.NODE_ENV === "development";
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'", // Radix positions popovers with inline styles
    "img-src 'self' data: blob:", // uploaded avatars are data: URLs
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");

  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("Content-Security-Policy", csp); // Next.js reads the nonce from here
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

export const config = {
  matcher: [{ source: "/((?!api/|_next/static|_next/image|favicon.ico).*)" }],
};
