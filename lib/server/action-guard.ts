// Page POSTs (server actions, with or without JavaScript) checked in proxy.ts before Next.js
// decodes them. Next.js answers each of these with a 500, an internal forward that fails
// (200 `{}` and "uncaughtException: Error: aborted"), or a multi-line warning; each gets one
// clear 4xx problem document here instead, and nothing is logged. The forms never send any of
// them: they check sizes in the browser and post each action to the page that shows it.
import { NextResponse, type NextRequest } from "next/server";
import { PROBLEM_CONTENT_TYPE, problemBody, type ProblemCode } from "@/lib/core/problem";
import { MAX_NESTING, nestsDeeperThan } from "@/lib/validation/nesting";
import { formPostAction, refuseActionForm, refuseActionText } from "./action-reply";
import { checkActionRoute, loadActionRoutes, type ActionRoutes } from "./action-routes";

/** Server-action bodies Next.js accepts (next.config.ts sets the same limit). */
export const ACTION_BODY_LIMIT = 1024 * 1024;

/** Legitimate forms send a handful of parts; React's multipart replies reference parts by id, so a long chain of parts can overflow its decoder. */
const MAX_PARTS = 100;

function refuse(request: NextRequest, code: ProblemCode, detail: string, headers: Record<string, string> = {}) {
  // server.ts sets AUTH_URL to the public origin before Next.js starts.
  const origin = process.env.AUTH_URL ?? request.nextUrl.origin;
  const body = problemBody(origin, code, detail);
  return NextResponse.json(body, {
    status: body.status,
    headers: { "Content-Type": PROBLEM_CONTENT_TYPE, "Cache-Control": "no-store", ...headers },
  });
}

/** The build's action table, in production only: `next dev` compiles pages (and their actions) on demand. */
const actionRoutes = (): ActionRoutes | null => (process.env.NODE_ENV === "production" ? loadActionRoutes() : null);

/** Why an action cannot run on the page at `pathname` (null if it can, or no build is known). */
function refuseActionId(request: NextRequest, id: string, routes: ActionRoutes | null): NextResponse | null {
  if (!routes) return null;
  const check = checkActionRoute(routes, id, request.nextUrl.pathname);
  if (check === "ok") return null;
  // The header tells Next.js's client router the action is gone (UnrecognizedActionError), as Next.js's own answer does.
  const gone = { "x-nextjs-action-not-found": "1" };
  return check === "unknown"
    ? refuse(request, "action_not_found", "No server action of this deployment has that id: reload the page.", gone)
    : refuse(request, "action_not_found", "This page does not offer that server action: post it to the page that shows it.", gone);
}

/** Multipart part headers React's decoder refuses with a throw (it reads files as raw bytes only). */
function partEncodingIn(body: string, boundary: string): boolean {
  for (const part of body.split(`--${boundary}`)) {
    const head = part.slice(0, Math.max(0, part.indexOf("\r\n\r\n")));
    if (/(^|\r\n)content-transfer-encoding\s*:/i.test(head)) return true;
  }
  return false;
}

/** A parsed multipart body, or null when it does not parse (a missing end boundary, a part without a name…). */
async function formOf(bytes: ArrayBuffer, contentType: string): Promise<FormData | null> {
  try {
    return await new Response(bytes, { headers: { "Content-Type": contentType } }).formData();
  } catch {
    return null;
  }
}

export async function guardAction(request: NextRequest, routes = actionRoutes()): Promise<NextResponse | null> {
  if (request.method !== "POST") return null;
  // Next.js marks its own internal forwards with this header; a client that sends it would skip Next.js's checks.
  if (request.headers.has("x-action-forwarded")) return refuse(request, "invalid_action", "x-action-forwarded is Next.js's own header.");
  const length = Number(request.headers.get("content-length") ?? Number.NaN);
  if (!Number.isFinite(length)) return refuse(request, "length_required", "Send a Content-Length with the request.");
  if (length > ACTION_BODY_LIMIT)
    return refuse(request, "body_too_large", `The request is too large: at most ${ACTION_BODY_LIMIT / 1024} KB (images at most 100 KB).`);
  // Next.js aborts an action whose Origin is not this host with a 500; `null` (a sandboxed or privacy-sensitive context) included.
  const origin = request.headers.get("origin");
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  if (origin !== null) {
    let originHost: string | null = null;
    try {
      originHost = new URL(origin).host;
    } catch {}
    if (!originHost || originHost !== host) return refuse(request, "cross_origin", "Cross-origin form posts are refused.");
  }
  const contentType = request.headers.get("content-type") ?? "";
  const type = contentType.toLowerCase();
  const multipart = type.startsWith("multipart/form-data");
  const boundary = multipart ? /boundary=("?)([^";]+)\1/i.exec(contentType)?.[2] : undefined;
  if (multipart && !boundary) return refuse(request, "invalid_action", "A multipart body needs its boundary.");
  const actionId = request.headers.get("next-action");
  const text = type.startsWith("text/plain");
  if (actionId !== null ? !multipart && !text : !multipart && !type.startsWith("application/x-www-form-urlencoded"))
    return refuse(
      request,
      "unsupported_media_type",
      actionId !== null ? "Send a server-action body (text/plain or multipart/form-data)." : "Pages accept form posts only.",
    );
  const bytes = await request.clone().arrayBuffer();
  if (bytes.byteLength > ACTION_BODY_LIMIT)
    return refuse(request, "body_too_large", `The request is too large: at most ${ACTION_BODY_LIMIT / 1024} KB.`);
  const body = new TextDecoder().decode(bytes);
  if (nestsDeeperThan(body, MAX_NESTING))
    return refuse(request, "invalid_action", `The request nests data more than ${MAX_NESTING} levels deep.`);
  if (boundary && body.split(`--${boundary}`).length - 2 > MAX_PARTS)
    return refuse(request, "invalid_action", `The form has more than ${MAX_PARTS} parts.`);
  if (boundary && partEncodingIn(body, boundary))
    return refuse(request, "invalid_action", "Form parts are sent as they are, without a Content-Transfer-Encoding.");

  if (actionId !== null) {
    // Two headers arrive joined by a comma; an id is hexadecimal.
    if (!/^[0-9a-f]{1,128}$/i.test(actionId)) return refuse(request, "invalid_action", "Send one Next-Action header with one action id.");
    const elsewhere = refuseActionId(request, actionId, routes);
    if (elsewhere) return elsewhere;
    if (!multipart) {
      const refused = refuseActionText(body);
      return refused ? refuse(request, "invalid_action", refused) : null;
    }
    const form = await formOf(bytes, contentType);
    if (!form) return refuse(request, "invalid_action", "The multipart body does not parse.");
    const refused = refuseActionForm(form);
    return refused ? refuse(request, "invalid_action", refused) : null;
  }
  if (!multipart) return null; // a URL-encoded form: Next.js renders the page (it runs no action from one)
  const form = await formOf(bytes, contentType);
  if (!form) return refuse(request, "invalid_action", "The multipart body does not parse.");
  const action = formPostAction(form);
  if ("refused" in action) return refuse(request, "invalid_action", action.refused);
  return refuseActionId(request, action.id, routes);
}
