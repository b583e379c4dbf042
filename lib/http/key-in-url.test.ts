import { describe, expect, it } from "vitest";
import { keyInUrl } from "./key-in-url";

const KEY = "kp_test_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA123456";
const url = (s: string) => new URL(s, "http://keyport.test");

describe("keyInUrl", () => {
  it("catches key parameter names in any case and spelling", () => {
    for (const name of ["api_key", "API_KEY", "apiKey", "Key", "x_api_key", "X-API-KEY", "x-Api-Key", "access_token", "Token"]) {
      expect(keyInUrl(url(`/api/v1/whoami?${name}=abc`)), name).toBe(true);
    }
  });

  it("catches a key-shaped value under any name, and in the path", () => {
    expect(keyInUrl(url(`/api/v1/whoami?q=${KEY}`))).toBe(true);
    expect(keyInUrl(url(`/api/v1/whoami?q=prefix-${encodeURIComponent(KEY)}`))).toBe(true);
    expect(keyInUrl(url(`/api/v1/${KEY}`))).toBe(true);
    expect(keyInUrl(url(`/api/v1/keys/${encodeURIComponent(KEY)}/x`))).toBe(true);
  });

  it("lets ordinary URLs through", () => {
    expect(keyInUrl(url("/api/v1/whoami"))).toBe(false);
    expect(keyInUrl(url("/api/v1/escrows?page=2&network=testnet&monkey=1"))).toBe(false);
    expect(keyInUrl(url("/api/v1/escrows?q=kp_test_short"))).toBe(false);
  });
});
