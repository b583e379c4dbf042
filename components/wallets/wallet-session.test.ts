import { Keypair } from "@stellar/stellar-sdk";
import { afterEach, describe, expect, it, vi } from "vitest";
import { walletInfo, type WalletInfo } from "@/lib/wallets/catalog";
import type { WalletModule } from "./wallet-modules";
import { connectWallet, isInstalled, signMessage, signTransaction } from "./wallet-session";

const address = Keypair.random().publicKey();
const testnet = "Test SDF Network ; September 2015";
const freighter = walletInfo("freighter")!;
const albedo = walletInfo("albedo")!;

/** A kit module that answers as told; anything not given rejects the way the kit's modules do for unsupported calls. */
function fakeModule(overrides: Partial<WalletModule>): WalletModule {
  const unsupported = () => Promise.reject({ code: -3, message: "not supported" });
  return {
    productId: "fake",
    isAvailable: () => Promise.resolve(true),
    getAddress: () => Promise.resolve({ address }),
    getNetwork: unsupported,
    signMessage: unsupported,
    signTransaction: unsupported,
    ...overrides,
  };
}

const connect = (wallet: WalletInfo, fake: WalletModule) => connectWallet(wallet, fake, testnet);

afterEach(() => vi.useRealTimers());

describe("connecting a wallet", () => {
  it("returns the shared address and the network the wallet reports", async () => {
    const fake = fakeModule({
      getNetwork: () => Promise.resolve({ network: "PUBLIC", networkPassphrase: "Public Global Stellar Network ; September 2015" }),
    });
    expect(await connect(freighter, fake)).toEqual({
      ok: true,
      address,
      networkPassphrase: "Public Global Stellar Network ; September 2015",
    });
  });

  it("signs in on Keyport's network with a wallet that cannot report one", async () => {
    expect(await connect(albedo, fakeModule({}))).toEqual({ ok: true, address, networkPassphrase: testnet });
    // A wallet listed as reporting its network that turns out not to (-3) is treated the same way.
    expect(await connect(freighter, fakeModule({}))).toEqual({ ok: true, address, networkPassphrase: testnet });
  });

  it("tells a declined connection (-4 or the wallet's own words) from a locked wallet", async () => {
    expect(await connect(freighter, fakeModule({ getAddress: () => Promise.reject({ code: -4, message: "x" }) }))).toMatchObject({
      code: "access_rejected",
    });
    expect(await connect(freighter, fakeModule({ getAddress: () => Promise.reject("User declined access") }))).toMatchObject({
      code: "access_rejected",
    });
    expect(await connect(freighter, fakeModule({ getAddress: () => Promise.resolve({ address: "" }) }))).toMatchObject({
      code: "wallet_locked",
    });
    expect(
      await connect(freighter, fakeModule({ getAddress: () => Promise.reject({ code: -3, message: "please request access first" }) })),
    ).toMatchObject({ code: "wallet_locked" });
    expect(await connect(freighter, fakeModule({ getAddress: () => Promise.reject(new Error("Rabet is not installed")) }))).toMatchObject({
      code: "no_wallet",
    });
  });

  it("refuses an address that is not a Stellar account", async () => {
    expect(await connect(freighter, fakeModule({ getAddress: () => Promise.resolve({ address: "0xabc" }) }))).toMatchObject({ ok: false });
    expect(await connect(freighter, fakeModule({ getAddress: () => Promise.resolve(null as never) }))).toMatchObject({ ok: false });
  });

  it("counts a wallet that never answers as not installed, within the detection time", async () => {
    vi.useFakeTimers();
    const answer = isInstalled(fakeModule({ isAvailable: () => new Promise(() => {}) }));
    await vi.advanceTimersByTimeAsync(1_300);
    expect(await answer).toBe(false);
  });
});

describe("signing the challenge", () => {
  it("returns the message signature, and refuses one made by another account", async () => {
    const ok = fakeModule({ signMessage: () => Promise.resolve({ signedMessage: "c2ln", signerAddress: address }) });
    expect(await signMessage(ok, "m", address, testnet)).toEqual({ ok: true, signature: "c2ln" });
    const other = fakeModule({
      signMessage: () => Promise.resolve({ signedMessage: "c2ln", signerAddress: Keypair.random().publicKey() }),
    });
    expect(await signMessage(other, "m", address, testnet)).toMatchObject({ ok: false, code: "wrong_signer" });
  });

  it("explains a refusal, an unsupported method and a wallet that stops answering", async () => {
    const refused = fakeModule({ signTransaction: () => Promise.reject({ message: "User rejected the request." }) });
    expect(await signTransaction(refused, "AAAA", address, testnet)).toMatchObject({ code: "signature_rejected" });
    expect(await signMessage(fakeModule({}), "m", address, testnet)).toMatchObject({ code: "unsupported_method" });

    vi.useFakeTimers();
    const silent = signTransaction(fakeModule({ signTransaction: () => new Promise(() => {}) }), "AAAA", address, testnet);
    await vi.advanceTimersByTimeAsync(121_000);
    expect(await silent).toMatchObject({ code: "wallet_timeout" });
  });

  it("refuses a reply that is not a signed envelope", async () => {
    const huge = fakeModule({ signTransaction: () => Promise.resolve({ signedTxXdr: "A".repeat(10_000) }) });
    expect(await signTransaction(huge, "AAAA", address, testnet)).toMatchObject({ code: "invalid_input" });
  });
});
