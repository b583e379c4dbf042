import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { hashKey } from "./hash";

describe("hashKey", () => {
  it("is HMAC-SHA-256 under the server secret", () => {
    const expected = createHmac("sha256", "s3cret").update("kp_test_x").digest("base64url");
    expect(hashKey("kp_test_x", "s3cret")).toBe(expected);
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
