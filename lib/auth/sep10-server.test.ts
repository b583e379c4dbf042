// The 59-character bound on the public host is SEP-10's own (a 64-byte manage-data key):
// at 59 a challenge builds, at 60 the SDK refuses it, and sep10Available says so first.
import { Keypair, Networks } from "@stellar/stellar-sdk";
import { afterEach, describe, expect, it, vi } from "vitest";
import { buildChallengeTransaction } from "@/lib/wallets/sep10";

async function load(authUrl: string) {
  vi.resetModules();
  vi.stubEnv("AUTH_URL", authUrl);
  vi.stubEnv("SEP10_SIGNING_SECRET", Keypair.random().secret());
  return import("./sep10-server");
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("sep10Available", () => {
  it.each([
    [59, true],
    [60, false],
  ])("a %i-character host: %s", async (length, available) => {
    const host = `${"a".repeat(length - ".example".length)}.example`;
    const { sep10Available, sep10Server } = await load(`https://${host}`);
    expect(sep10Available()).toBe(available);
    const { homeDomain, webAuthDomain } = sep10Server();
    expect(homeDomain).toBe(host);
    const build = () =>
      buildChallengeTransaction(Keypair.random(), Keypair.random().publicKey(), Networks.TESTNET, { homeDomain, webAuthDomain });
    if (available) expect(build).not.toThrow();
    else expect(build).toThrow();
  });

  it("uses the host with its port, as the SEP-53 text does", async () => {
    const { sep10Server } = await load("http://localhost:3000");
    expect(sep10Server()).toMatchObject({ homeDomain: "localhost:3000", webAuthDomain: "localhost:3000" });
  });
});
