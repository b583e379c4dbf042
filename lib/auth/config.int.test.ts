// next-auth's own endpoints, through the real route handler: a direct POST to the
// credentials callback obeys the same per-IP limit as the sign-in page.
import { Keypair, Networks, Transaction } from "@stellar/stellar-sdk";
import { describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.RATE_LIMIT_SIGNIN_PER_MINUTE = "3";
  process.env.AUTH_URL = "http://keyport.test";
});

import { NextRequest } from "next/server";
import { issueChallenge, issueTransactionChallenge } from "@/lib/auth/challenges";
import { db } from "@/lib/database/client";
import { handlers } from "./config";

const base = "http://keyport.test/api/auth";

async function csrf(ip: string) {
  const res = await handlers.GET(new NextRequest(`${base}/csrf`, { headers: { "x-forwarded-for": ip } }));
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  return { csrfToken, cookie };
}

async function post(ip: string, fields: Record<string, string>) {
  const { csrfToken, cookie } = await csrf(ip);
  const body = new URLSearchParams({ csrfToken, ...fields });
  return handlers.POST(
    new NextRequest(`${base}/callback/stellar`, {
      method: "POST",
      body,
      headers: { cookie, "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": ip },
    }),
  );
}

async function attempt(ip: string) {
  const res = await post(ip, { address: Keypair.random().publicKey(), nonce: "n".repeat(32), signature: "AAAA" });
  return new URL(res.headers.get("location") ?? "http://x/").searchParams.get("code");
}

describe("POST /api/auth/callback/stellar", () => {
  it("is limited per IP like the sign-in page: past the limit it refuses before checking anything", async () => {
    const codes = [];
    for (let i = 0; i < 5; i++) codes.push(await attempt("203.0.113.50"));
    expect(codes.slice(0, 3).every((c) => c && c !== "rate_limited")).toBe(true);
    expect(codes.slice(3)).toEqual(["rate_limited", "rate_limited"]);
    expect(await attempt("203.0.113.51")).not.toBe("rate_limited");
  });
});

describe("signing in through next-auth's credentials provider", () => {
  const code = (res: Response) => new URL(res.headers.get("location") ?? "http://x/").searchParams.get("code");
  const sessionCookie = (res: Response) => res.headers.getSetCookie().find((c) => c.startsWith("authjs.session-token="));

  it("a transaction-only wallet: issue, sign the challenge transaction with the key, sign in; the profile is created", async () => {
    const wallet = Keypair.random();
    const c = await issueTransactionChallenge({ address: wallet.publicKey(), network: "testnet" });
    const tx = new Transaction(c.transaction, Networks.TESTNET);
    tx.sign(wallet);
    const res = await post("203.0.113.60", { address: wallet.publicKey(), nonce: c.nonce, transaction: tx.toXDR() });
    expect(code(res)).toBeNull();
    expect(sessionCookie(res)).toBeDefined();
    expect(await db.user.count({ where: { address: wallet.publicKey() } })).toBe(1);

    const replay = await post("203.0.113.60", { address: wallet.publicKey(), nonce: c.nonce, transaction: tx.toXDR() });
    expect(code(replay)).toBe("challenge_used");
    expect(sessionCookie(replay)).toBeUndefined();
  });

  it("a message-signing wallet: the same, with a hex signature", async () => {
    const wallet = Keypair.random();
    const c = await issueChallenge({ address: wallet.publicKey(), network: "testnet", domain: "keyport.test" });
    const signature = Buffer.from(wallet.signMessage(c.message)).toString("hex");
    const res = await post("203.0.113.61", { address: wallet.publicKey(), nonce: c.nonce, signature });
    expect(code(res)).toBeNull();
    expect(sessionCookie(res)).toBeDefined();
    expect(await db.user.count({ where: { address: wallet.publicKey() } })).toBe(1);
  });

  it("refuses a message signature posted for a transaction challenge", async () => {
    const wallet = Keypair.random();
    const c = await issueTransactionChallenge({ address: wallet.publicKey(), network: "testnet" });
    const signature = Buffer.from(wallet.signMessage(c.transaction)).toString("base64");
    const res = await post("203.0.113.62", { address: wallet.publicKey(), nonce: c.nonce, signature });
    expect(code(res)).toBe("proof_mismatch");
    expect(sessionCookie(res)).toBeUndefined();
    expect(await db.user.count({ where: { address: wallet.publicKey() } })).toBe(0);
  });
});

describe("absolute URLs", () => {
  // Next.js hands the handler a URL built from its own listen address (http://localhost:PORT),
  // and a client may send any Host or X-Forwarded-Host: next-auth must name AUTH_URL's origin only.
  const hosts = ["http://localhost:3000", "http://127.0.0.1:3000"];
  const forged = { host: "evil.example", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" };
  const urlsIn = (res: Response) => [
    res.headers.get("location") ?? "",
    ...res.headers.getSetCookie().map((c) => decodeURIComponent(c.split(";")[0]!.split("=")[1] ?? "")),
  ];
  const onlyAuthUrl = (urls: string[]) => {
    for (const u of urls.filter((u) => /^https?:/.test(u))) expect(new URL(u).origin, u).toBe("http://keyport.test");
    for (const u of urls) expect(u).not.toMatch(/localhost|127\.0\.0\.1|evil\.example/);
  };

  it.each(hosts)("come from AUTH_URL in next-auth's redirects and callback cookie, for a request to %s", async (origin) => {
    for (const path of ["/signin", "/signin?callbackUrl=/settings", "/signout", "/error?error=Configuration", "/signin/stellar"]) {
      onlyAuthUrl(urlsIn(await handlers.GET(new NextRequest(`${origin}/api/auth${path}`, { headers: forged }))));
    }
    const { csrfToken, cookie } = await csrf("203.0.113.60");
    const failed = await handlers.POST(
      new NextRequest(`${origin}/api/auth/callback/stellar`, {
        method: "POST",
        body: new URLSearchParams({ csrfToken, address: Keypair.random().publicKey(), nonce: "n".repeat(32), signature: "AAAA" }),
        headers: { ...forged, cookie, "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": "203.0.113.60" },
      }),
    );
    expect(failed.headers.get("location")).toMatch(/^http:\/\/keyport\.test\/sign-in\?/);
    onlyAuthUrl(urlsIn(failed));
  });
});
