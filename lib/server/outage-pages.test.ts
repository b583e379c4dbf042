// server.ts's page guard on a real HTTP server: a render that failed because the database is
// not there becomes the 503 page, whatever Next.js wrote; any other failure stays a 500.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { guardPage, isPageRequest } from "./outage-pages";
import { noteRequestError } from "./request-outage";

let server: Server;
let base: string;

beforeAll(async () => {
  // Stands in for Next.js: renders, reports the error to onRequestError, then writes its 500 page.
  server = createServer((req, res) => {
    if (guardPage(req, res)) return;
    const failure = new URL(req.url!, "http://x").searchParams.get("fail");
    const error =
      failure === "outage"
        ? Object.assign(new Error("Can't reach database server at 10.0.0.5:5432"), { code: "P1001" })
        : new TypeError("bug");
    noteRequestError(error, req.headers);
    res.statusCode = 500;
    res.setHeader("Content-Type", "text/html; charset=utf-8");
    res.write("<!doctype html><h1>Internal Server Error</h1>");
    res.end("<p>digest 12345</p>");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("pages while the database cannot answer", () => {
  it("turns a render that failed for an outage into the 503 'temporarily unavailable' page", async () => {
    const res = await fetch(`${base}/settings/profile?fail=outage`);
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("5");
    expect(res.headers.get("cache-control")).toBe("no-store");
    const body = await res.text();
    expect(body).toContain("Keyport is temporarily unavailable");
    expect(body).not.toContain("Internal Server Error");
  });

  it("leaves a bug a 500", async () => {
    const res = await fetch(`${base}/settings/profile?fail=bug`);
    expect(res.status).toBe(500);
    expect(await res.text()).toContain("Internal Server Error");
  });

  it("ignores a client's own outage marker", async () => {
    const res = await fetch(`${base}/settings/profile?fail=bug`, { headers: { "x-keyport-page-request": "forged" } });
    expect(res.status).toBe(500);
  });

  it("guards pages only: not the API, assets, client-side navigations or actions", () => {
    const req = (method: string, url: string, headers: Record<string, string> = {}) =>
      ({ method, url, headers }) as unknown as Parameters<typeof isPageRequest>[0];
    expect(isPageRequest(req("GET", "/settings/api-keys"))).toBe(true);
    expect(isPageRequest(req("HEAD", "/admin?tab=users"))).toBe(true);
    expect(isPageRequest(req("GET", "/api/v1/whoami"))).toBe(false);
    expect(isPageRequest(req("GET", "/_next/static/chunks/app.js"))).toBe(false);
    expect(isPageRequest(req("GET", "/favicon.ico"))).toBe(false);
    expect(isPageRequest(req("GET", "/settings/profile", { rsc: "1" }))).toBe(false);
    expect(isPageRequest(req("POST", "/settings/profile", { "next-action": "abc" }))).toBe(false);
  });
});
