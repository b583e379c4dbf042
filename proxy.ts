import { NextResponse, type NextRequest } from "next/server";
import { REQUESTED_PATH_HEADER } from "@/lib/auth/landing";
import { guardAction } from "@/lib/server/action-guard";

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
