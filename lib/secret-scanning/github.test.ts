// The pure side of GitHub secret scanning: signatures, the public-keys document, the pattern.
import { createHash, generateKeyPairSync, sign } from "node:crypto";
import { describe, expect, it } from "vitest";
import { generateKey } from "@/lib/keys/format";
import { githubPublicKeysSchema } from "@/lib/core/github-public-keys";
import { keyPattern, publicKeyMap, tokenHash, verifyGithubSignature } from "./github";

const pair = () => generateKeyPairSync("ec", { namedCurve: "prime256v1" });
const pem = (k: ReturnType<typeof pair>) => k.publicKey.export({ type: "spki", format: "pem" }).toString();
const signB64 = (k: ReturnType<typeof pair>, body: Buffer) => sign("sha256", body, k.privateKey).toString("base64");

describe("GitHub secret-scanning signatures", () => {
  const current = pair();
  const other = pair();
  const keys = publicKeyMap({ public_keys: [{ key_identifier: "kid-1", key: pem(current), is_current: true }] });
  const body = Buffer.from('[{"token":"x","type":"keyport_api_key","url":"https://github.com/a/b","source":"content"}]');

  it("accepts the exact body signed with the named key, and nothing else", () => {
    expect(verifyGithubSignature(body, "kid-1", signB64(current, body), keys)).toBe(true);
    const tampered = Buffer.from(body.toString().replace("a/b", "a/c"));
    expect(verifyGithubSignature(tampered, "kid-1", signB64(current, body), keys)).toBe(false);
    expect(verifyGithubSignature(body, "kid-2", signB64(current, body), keys)).toBe(false);
    expect(verifyGithubSignature(body, "kid-1", signB64(other, body), keys)).toBe(false);
    expect(verifyGithubSignature(body, null, signB64(current, body), keys)).toBe(false);
    expect(verifyGithubSignature(body, "kid-1", null, keys)).toBe(false);
    expect(verifyGithubSignature(body, "kid-1", "not base64 !", keys)).toBe(false);
    expect(verifyGithubSignature(body, "kid-1", "AAAA", keys)).toBe(false);
  });

  it("reads GitHub's public-keys document and refuses keys that are not P-256 PEM", () => {
    expect(githubPublicKeysSchema.safeParse({ public_keys: [{ key_identifier: "a", key: pem(current), is_current: true }] }).success).toBe(
      true,
    );
    const rsa = generateKeyPairSync("rsa", { modulusLength: 1024 }).publicKey.export({ type: "spki", format: "pem" }).toString();
    for (const key of ["", "-----BEGIN PUBLIC KEY-----\nxx\n-----END PUBLIC KEY-----", rsa]) {
      expect(githubPublicKeysSchema.safeParse({ public_keys: [{ key_identifier: "a", key }] }).success, key.slice(0, 20)).toBe(false);
    }
    expect(githubPublicKeysSchema.safeParse({ public_keys: [] }).success).toBe(false);
  });

  it("registers a pattern that matches our keys only, and answers with SHA-256 hex", () => {
    const re = new RegExp(keyPattern("kp"));
    expect(re.test(`KEY=${generateKey("testnet", "kp").key}`)).toBe(true);
    expect(re.test(generateKey("mainnet", "kp").key)).toBe(true);
    expect(re.test(generateKey("testnet", "zz").key)).toBe(false);
    expect(re.test("kp_test_short")).toBe(false);
    expect(tokenHash("abc")).toBe(createHash("sha256").update("abc").digest("hex"));
  });
});
