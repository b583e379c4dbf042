import { NextResponse, type NextRequest } from "next/server";
import { REQUESTED_PATH_HEADER } from "@/lib/auth/landing";
import { MAX_NESTING, nestsDeeperThan } from "@/lib/validation/nesting";

/** Server-action bodies Next.js accepts (next.config.ts sets the same limit). */
export const ACTION_BODY_LIMIT = 1024 * 1024;

const refuse = (status: number, message: string) =>
  new NextResponse(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });

/** Legitimate forms send a handful of parts; React's multipart replies reference parts by id, so a long chain of parts can overflow its decoder. */
const MAX_PARTS = 100;

/**
 * Server actions are public POST endpoints, with or without JavaScript (a form posted
 * without it carries its action in the body). Next.js answers a body over its limit, one
 * nested or chained deep enough to overflow its decoder's stack, a body that is not what its
 * Content-Type says, or a foreign Origin with a 500; these get a clear 4xx before they reach
 * it. The forms never send any of them: they check sizes in the browser.
 */
async function guardAction(request: NextRequest): Promise<NextResponse | null> {
  if (request.method !== "POST") return null;
  const length = Number(request.headers.get("content-length") ?? Number.NaN);
  if (!Number.isFinite(length)) return refuse(411, "Send a Content-Length with the request.");
  if (length > ACTION_BODY_LIMIT)
    return refuse(413, `The request is too large: at most ${ACTION_BODY_LIMIT / 1024} KB (images at most 100 KB).`);
  const origin = request.headers.get("origin");
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  if (origin && origin !== "null") {
    let originHost: string | null = null;
    try {
      originHost = new URL(origin).host;
    } catch {}
    if (originHost !== host) return refuse(403, "Cross-origin form posts are refused.");
  }
  const type = (request.headers.get("content-type") ?? "").toLowerCase();
  const multipart = type.startsWith("multipart/form-data");
  const boundary = multipart ? /boundary=("?)([^";]+)\1/i.exec(request.headers.get("content-type") ?? "")?.[2] : undefined;
  if (multipart && !boundary) return refuse(400, "A multipart body needs its boundary.");
  if (!multipart && !type.startsWith("text/plain") && !type.startsWith("application/x-www-form-urlencoded")) {
    return refuse(415, "Send form data or a server-action body.");
  }
  const body = await request.clone().text();
  if (body.length > ACTION_BODY_LIMIT) return refuse(413, `The request is too large: at most ${ACTION_BODY_LIMIT / 1024} KB.`);
  if (nestsDeeperThan(body, MAX_NESTING)) return refuse(400, `The request nests data more than ${MAX_NESTING} levels deep.`);
  if (boundary && body.split(`--${boundary}`).length - 2 > MAX_PARTS) return refuse(400, `The form has more than ${MAX_PARTS} parts.`);
  if (type.startsWith("text/plain") && request.headers.has("next-action")) {
    try {
      JSON.parse(body);
    } catch {
      return refuse(400, "The server-action body is not valid JSON.");
    }
  }
  if (!request.headers.has("next-action") && !multipart && !type.startsWith("application/x-www-form-urlencoded")) {
    return refuse(400, "Pages accept form posts only.");
  }
  return null;
}

export async function proxy(request: NextRequest) {
  const refused = await guardAction(request);
  if (refused) return refused;
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const dev = process.env.NODE_ENV === "development";
  // WalletConnect (offered only with a project id) talks to Reown's relay and shows its wallet list.
  const walletConnect = process.env.WALLETCONNECT_PROJECT_ID
    ? " https://*.walletconnect.com wss://*.walletconnect.com https://*.walletconnect.org wss://*.walletconnect.org https://*.reown.com"
    : "";
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'", // Radix positions popovers with inline styles
    `img-src 'self' data: blob:${walletConnect}`, // uploaded avatars are data: URLs
    "font-src 'self'",
    `connect-src 'self'${walletConnect}`,
    `frame-src 'self'${walletConnect}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");

  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  // Where this request was going: a sign-in it leads to comes back here (lib/auth/landing.ts).
  headers.set(REQUESTED_PATH_HEADER, request.nextUrl.pathname + request.nextUrl.search);
  headers.set("Content-Security-Policy", csp); // Next.js reads the nonce from here
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

export const config = {
  matcher: [{ source: "/((?!api/|_next/static|_next/image|favicon.ico).*)" }],
};
