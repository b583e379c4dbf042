// Pages while the database cannot answer: a 503 "temporarily unavailable" page, never Next.js's
// 500 error page, and never a 200 page saying something went wrong.
//  - The circuit knows the database is down (lib/database/circuit.ts): answered here at once,
//    without rendering (no query waits, nothing is logged per request).
//  - A page whose render fails because the database just went away: Next.js writes a 500; if
//    that failure was an outage (instrumentation.ts marks it) or the circuit is open by then,
//    its head and body are replaced by the 503 page.
// A page that has already streamed its 200 shell cannot change its status: the dashboard's
// layout reads the user before any shell, so a signed-in page fails before that point.
import type { IncomingMessage, ServerResponse } from "node:http";
import { randomUUID } from "node:crypto";
import { databaseKnownDown } from "@/lib/database/circuit";
import { unavailablePage } from "./unavailable-page";
import { forgetPageRequest, OUTAGE_ID_HEADER, pageRequestFailedForOutage } from "./request-outage";

/** A browser asking for a page (not the API, not an asset, not a client-side navigation's RSC payload, not an action). */
export function isPageRequest(req: IncomingMessage): boolean {
  if (req.method !== "GET" && req.method !== "HEAD") return false;
  const path = req.url ?? "/";
  if (path.startsWith("/api/") || path.startsWith("/_next/") || /\.[a-z0-9]+$/i.test(path.split("?")[0]!)) return false;
  return !req.headers.rsc && !req.headers["next-action"];
}

function send(req: IncomingMessage, res: ServerResponse, end: ServerResponse["end"]) {
  const page = unavailablePage();
  for (const name of res.getHeaderNames()) res.removeHeader(name); // Next.js's (its error page's type, length, encoding)
  res.writeHead(page.status, page.headers);
  (end as (body?: string) => ServerResponse).call(res, req.method === "HEAD" ? undefined : page.body);
}

/** true: answered (503 page); false: Next.js renders it, with a 500 turned into the 503 page when the database is why. */
export function guardPage(req: IncomingMessage, res: ServerResponse): boolean {
  delete req.headers[OUTAGE_ID_HEADER];
  if (!isPageRequest(req)) return false;
  if (databaseKnownDown()) {
    send(req, res, res.end);
    return true;
  }
  const id = randomUUID();
  req.headers[OUTAGE_ID_HEADER] = id;
  res.once("close", () => forgetPageRequest(id));

  const { writeHead, write, end } = res;
  let replaced = false;
  // Checked before anything of a 5xx leaves: by an explicit writeHead, or the first write or end.
  const replace = (status: number) => {
    if (!replaced && !res.headersSent && status >= 500 && (pageRequestFailedForOutage(id) || databaseKnownDown())) {
      replaced = true;
      res.writeHead = writeHead;
      send(req, res, end);
    }
    return replaced;
  };
  const settle = (args: unknown[]) => {
    const callback = args.find((a) => typeof a === "function") as (() => void) | undefined;
    if (callback) process.nextTick(callback);
  };
  res.writeHead = function (this: ServerResponse, status: number, ...rest: unknown[]) {
    if (replace(status)) return this;
    return (writeHead as (...a: unknown[]) => ServerResponse).call(this, status, ...rest);
  } as ServerResponse["writeHead"];
  // What Next.js goes on writing for its error page is dropped once the 503 page is sent.
  res.write = function (this: ServerResponse, ...args: unknown[]) {
    if (replace(res.statusCode)) return (settle(args), true);
    return (write as (...a: unknown[]) => boolean).apply(this, args);
  } as ServerResponse["write"];
  res.end = function (this: ServerResponse, ...args: unknown[]) {
    if (replace(res.statusCode)) return (settle(args), this);
    return (end as (...a: unknown[]) => ServerResponse).apply(this, args);
  } as ServerResponse["end"];
  return false;
}
