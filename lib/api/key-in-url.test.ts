// The rule itself, in one place: every name, spelling and encoding of a key in a URL.
// request-guard.test.ts checks where the rule is applied; app/api/v1/api.int.test.ts what a
// client is answered.
import { describe, expect, it } from "vitest";
import { keyInUrl } from "./key-in-url";

const KEY = "kp_test_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA123456";
const url = (s: string) => new URL(s, "http://keyport.test");

describe("keyInUrl", () => {
  it("catches key parameter names in any case, spelling and punctuation", () => {
    for (const name of [
      "api_key",
      "API_KEY",
      "apiKey",
      "Key",
      "key",
      "token",
      "x_api_key",
      "X-API-KEY",
      "x-Api-Key",
      "access_token",
      "access_key",
      "Token",
      "Authorization",
      "api.key",
      "apikey[]",
    ]) {
      expect(keyInUrl(url(`/api/v1/whoami?${name}=abc`)), name).toBe(true);
    }
  });

  it("catches a key-shaped value under any name, in the path, and however often it is encoded", () => {
    for (const s of [
      `/api/v1/whoami?q=${KEY}`,
      `/api/v1/whoami?q=prefix-${encodeURIComponent(KEY)}`,
      `/api/v1/whoami?${KEY}=1`,
      `/api/v1/${KEY}`,
      `/api/v1//${KEY}`,
      `/api/v1/keys/${encodeURIComponent(KEY)}/x`,
      `/api/v1/${KEY.replace(/_/g, "%255F")}`,
      `/api/auth/signin?callbackUrl=${encodeURIComponent(`https://x.example/?k=${KEY}`)}`,
    ]) {
      expect(keyInUrl(url(s)), s).toBe(true);
    }
  });

  it("lets ordinary URLs through", () => {
    expect(keyInUrl(url("/api/v1/whoami"))).toBe(false);
    expect(keyInUrl(url("/api/v1/escrows?page=2&network=testnet&monkey=1"))).toBe(false);
    expect(keyInUrl(url("/api/v1/escrows?q=kp_test_short"))).toBe(false);
    expect(keyInUrl(url("/sign-in?error=CredentialsSignin&code=rate_limited"))).toBe(false);
  });
});
