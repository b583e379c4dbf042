import { Networks } from "@stellar/stellar-sdk";
import { describe, expect, it } from "vitest";
import { networkFromPassphrase, WALLET_NETWORKS } from "./stellar";

describe("wallet networks", () => {
  it("uses the SDK's passphrases (kept out of the browser bundle)", () => {
    expect(WALLET_NETWORKS.testnet.passphrase).toBe(Networks.TESTNET);
    expect(WALLET_NETWORKS.public.passphrase).toBe(Networks.PUBLIC);
    expect(WALLET_NETWORKS.futurenet.passphrase).toBe(Networks.FUTURENET);
  });

  it("recognises known networks and nothing else", () => {
    expect(networkFromPassphrase(Networks.PUBLIC)).toBe("public");
    expect(networkFromPassphrase(Networks.STANDALONE)).toBeNull();
    expect(networkFromPassphrase("")).toBeNull();
  });
});
