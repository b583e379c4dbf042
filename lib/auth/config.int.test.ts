// next-auth's own endpoints, through the real route handler: a direct POST to the
// credentials callback obeys the same per-IP limit as the sign-in page.
import { Keypair } from "@stellar/stellar-sdk";
import { describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.RATE_LIMIT_SIGNIN_PER_MINUTE = "3";
  process.env.AUTH_URL = "http://keyport.test";
});

import { NextRequest } from "next/server";
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

async function attempt(ip: string) {
  const { csrfToken, cookie } = await csrf(ip);
  const body = new URLSearchParams({ csrfToken, address: Keypair.random().publicKey(), nonce: "n".repeat(32), signature: "AAAA" });
  const res = await handlers.POST(
    new NextRequest(`${base}/callback/stellar`, {
      method: "POST",
      body,
      headers: { cookie, "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": ip },
    }),
  );
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
