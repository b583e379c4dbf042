// The page a browser gets while the database cannot answer (503). Static and self-contained:
// it needs neither the database nor React, and loads nothing (its one style is inline, allowed
// by its hash), so it renders even when everything else is failing. Pure, so it is unit-tested.
import { createHash } from "node:crypto";
import { DATABASE_RETRY_AFTER_SECONDS } from "@/lib/database/errors";

const STYLE = `
:root { color-scheme: light dark; font-family: system-ui, sans-serif; }
body { margin: 0; min-height: 100vh; display: grid; place-items: center; background: #fafafa; color: #18181b; }
main { max-width: 28rem; margin: 1rem; padding: 2rem; border: 1px solid #e4e4e7; border-radius: .75rem; background: #fff; }
h1 { font-size: 1.25rem; margin: 0 0 .75rem; }
p { margin: .5rem 0; line-height: 1.5; color: #52525b; }
a { color: inherit; }
@media (prefers-color-scheme: dark) {
  body { background: #09090b; color: #fafafa; }
  main { background: #18181b; border-color: #27272a; }
  p { color: #a1a1aa; }
}`;

const HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Temporarily unavailable · Keyport</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>Keyport is temporarily unavailable</h1>
<p>We cannot reach our database right now, so pages cannot be shown. Nothing you saved is lost.</p>
<p>This usually lasts seconds. <a href="">Reload the page</a> in a moment.</p>
</main>
</body>
</html>
`;

/** The page, and the headers it goes with: 503, Retry-After as the API says, never cached, a CSP that allows only its own style. */
export function unavailablePage(): { status: 503; headers: Record<string, string>; body: string } {
  const styleHash = createHash("sha256").update(STYLE).digest("base64");
  return {
    status: 503,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Length": String(Buffer.byteLength(HTML)),
      "Cache-Control": "no-store",
      "Retry-After": String(DATABASE_RETRY_AFTER_SECONDS),
      "Content-Security-Policy": `default-src 'none'; style-src 'sha256-${styleHash}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
      "X-Content-Type-Options": "nosniff",
      "X-Frame-Options": "DENY",
      "Referrer-Policy": "strict-origin-when-cross-origin",
      "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
      // As next.config.ts sends in production; a browser ignores it over plain HTTP.
      "Strict-Transport-Security": "max-age=63072000; includeSubDomains",
    },
    body: HTML,
  };
}
