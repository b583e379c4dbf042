// Loads one Stellar Wallets Kit module on demand. Each import is its own chunk, fetched in
// the browser only after the user asks to connect: the kit reads `window` when its modules
// load, and its wallets' libraries would otherwise weigh on every sign-in page load.
import type { ModuleInterface } from "@creit.tech/stellar-wallets-kit/types";
import type { WalletId } from "@/lib/wallets/catalog";

export type WalletModule = Pick<
  ModuleInterface,
  "productId" | "isAvailable" | "getAddress" | "getNetwork" | "signMessage" | "signTransaction"
>;

export type WalletConnectSettings = { projectId: string; origin: string; networkPassphrase: string };

const loaders: Record<WalletId, (wc?: WalletConnectSettings) => Promise<WalletModule>> = {
  freighter: async () => new (await import("@creit.tech/stellar-wallets-kit/modules/freighter")).FreighterModule(),
  xbull: async () => new (await import("@creit.tech/stellar-wallets-kit/modules/xbull")).xBullModule(),
  lobstr: async () => new (await import("@creit.tech/stellar-wallets-kit/modules/lobstr")).LobstrModule(),
  albedo: async () => new (await import("@creit.tech/stellar-wallets-kit/modules/albedo")).AlbedoModule(),
  rabet: async () => new (await import("@creit.tech/stellar-wallets-kit/modules/rabet")).RabetModule(),
  hana: async () => new (await import("@creit.tech/stellar-wallets-kit/modules/hana")).HanaModule(),
  klever: async () => new (await import("@creit.tech/stellar-wallets-kit/modules/klever")).KleverModule(),
  onekey: async () => new (await import("@creit.tech/stellar-wallets-kit/modules/onekey")).OneKeyModule(),
  BitgetWallet: async () => new (await import("@creit.tech/stellar-wallets-kit/modules/bitget")).BitgetModule(),
  dcent: async () => new (await import("@creit.tech/stellar-wallets-kit/modules/dcent")).DcentModule(),
  cactuslink: async () => new (await import("@creit.tech/stellar-wallets-kit/modules/cactuslink")).CactusLinkModule(),
  fordefi: async () => new (await import("@creit.tech/stellar-wallets-kit/modules/fordefi")).FordefiModule(),
  scopuly: async () => new (await import("@creit.tech/stellar-wallets-kit/modules/scopuly")).ScopulyModule(),
  "hot-wallet": async () => new (await import("@creit.tech/stellar-wallets-kit/modules/hotwallet")).HotWalletModule(),
  LEDGER: async () => new (await import("@creit.tech/stellar-wallets-kit/modules/ledger")).LedgerModule(),
  "test-wallet": async () => new (await import("./test-wallet")).TestWalletModule(),
  wallet_connect: async (wc) => {
    if (!wc) throw { code: -3, message: "WalletConnect is not configured on this Keyport." };
    const [{ WalletConnectModule, WalletConnectTargetChain }, { selectedNetwork }] = await Promise.all([
      import("@creit.tech/stellar-wallets-kit/modules/wallet-connect"),
      import("@creit.tech/stellar-wallets-kit/state"),
    ]);
    // The WalletConnect module reads the kit's network (Mainnet by default), not an argument.
    selectedNetwork.value = wc.networkPassphrase as typeof selectedNetwork.value;
    const testnet = wc.networkPassphrase.startsWith("Test SDF Network");
    return new WalletConnectModule({
      projectId: wc.projectId,
      metadata: { name: "Keyport", description: "Sign in to Keyport", url: wc.origin, icons: [`${wc.origin}/icon.svg`] },
      allowedChains: [testnet ? WalletConnectTargetChain.TESTNET : WalletConnectTargetChain.PUBLIC],
    });
  },
};

const loaded = new Map<WalletId, Promise<WalletModule>>();

/** The wallet's kit module, loaded once per page. */
export function loadWallet(id: WalletId, wc?: WalletConnectSettings): Promise<WalletModule> {
  let walletModule = loaded.get(id);
  if (!walletModule) {
    walletModule = loaders[id](wc);
    // A failed chunk load (offline, new deployment) may be retried on the next click.
    walletModule.catch(() => loaded.delete(id));
    loaded.set(id, walletModule);
  }
  return walletModule;
}
