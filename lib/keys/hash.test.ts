import { describe, expect, it } from "vitest";
import { hashKey } from "./hash";

describe("hashKey", () => {
  it("is HMAC-SHA-256 under the server secret, base64url", () => {
    // Computed independently: printf 'kp_test_x' | openssl dgst -sha256 -hmac 's3cret' -binary | base64 (url alphabet, no padding)
    expect(hashKey("kp_test_x", "s3cret")).toBe("dueFW8U5FCZqIkEkb6Blaoqg_IjOyNaXXQEbQPHmM4o");
  });

  it("depends on the secret, so a database dump alone cannot check guesses", () => {
    expect(hashKey("kp_test_x", "one")).not.toBe(hashKey("kp_test_x", "two"));
  });

  it("never contains the key", () => {
    const key = "kp_test_abcdefghijklmnopqrstuvwxyz0123456789";
    expect(hashKey(key, "s")).not.toContain("abcdefghij");
    expect(hashKey(key, "s")).toHaveLength(43);
  });
});
