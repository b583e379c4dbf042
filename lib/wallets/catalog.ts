// Every wallet sign-in offers: the Stellar Wallets Kit's modules, described here as plain
// data so the page can list them without loading the kit, and so the server can decide the
// proof of ownership from the wallet's capability. Safe for the browser: no kit import.
import type { ProofKind } from "@/lib/validation/auth";

/** How the wallet reaches the page: a browser extension the kit can detect, a web or mobile wallet it opens, or a device. */
export type WalletKind = "extension" | "web" | "hardware" | "bridge" | "test";

export type WalletInfo = {
  /** The kit module's productId. */
  id: string;
  name: string;
  kind: WalletKind;
  /**
   * What the wallet can sign. Message wallets sign the SEP-53 challenge; the kit's Albedo, Rabet,
   * Ledger and Trezor modules reject signMessage (code -3), so they sign a SEP-10 challenge transaction.
   */
  proof: ProofKind;
  /** Where to get it (the module's productUrl). */
  url: string;
  /** Whether the module answers getNetwork; without it the page uses the sign-in network. */
  reportsNetwork: boolean;
};

export const WALLETS = [
  { id: "freighter", name: "Freighter", kind: "extension", proof: "message", url: "https://freighter.app", reportsNetwork: true },
  { id: "xbull", name: "xBull", kind: "web", proof: "message", url: "https://xbull.app", reportsNetwork: false },
  { id: "lobstr", name: "LOBSTR", kind: "extension", proof: "message", url: "https://lobstr.co", reportsNetwork: false },
  { id: "albedo", name: "Albedo", kind: "web", proof: "transaction", url: "https://albedo.link/", reportsNetwork: false },
  { id: "rabet", name: "Rabet", kind: "extension", proof: "transaction", url: "https://rabet.io/", reportsNetwork: false },
  { id: "hana", name: "Hana Wallet", kind: "extension", proof: "message", url: "https://hanawallet.io/", reportsNetwork: false },
  { id: "klever", name: "Klever Wallet", kind: "extension", proof: "message", url: "https://klever.io/", reportsNetwork: true },
  { id: "onekey", name: "OneKey Wallet", kind: "extension", proof: "message", url: "https://onekey.so/", reportsNetwork: false },
  { id: "BitgetWallet", name: "Bitget Wallet", kind: "extension", proof: "message", url: "https://web3.bitget.com", reportsNetwork: true },
  { id: "dcent", name: "D'CENT Wallet", kind: "extension", proof: "message", url: "https://dcentwallet.com", reportsNetwork: true },
  { id: "cactuslink", name: "Cactus Link", kind: "extension", proof: "message", url: "https://www.mycactus.com", reportsNetwork: true },
  { id: "fordefi", name: "Fordefi", kind: "extension", proof: "message", url: "https://www.fordefi.com", reportsNetwork: true },
  { id: "scopuly", name: "Scopuly", kind: "extension", proof: "message", url: "https://extension.scopuly.com/", reportsNetwork: true },
  { id: "hot-wallet", name: "HOT Wallet", kind: "web", proof: "message", url: "https://hot-labs.org/wallet", reportsNetwork: true },
  { id: "LEDGER", name: "Ledger", kind: "hardware", proof: "transaction", url: "https://www.ledger.com/", reportsNetwork: false },
  {
    id: "wallet_connect",
    name: "WalletConnect",
    kind: "bridge",
    proof: "message",
    url: "https://walletconnect.com/",
    reportsNetwork: false,
  },
  // TEST_WALLET only (development and QA): a keypair the browser makes and keeps; it signs SEP-53 itself.
  { id: "test-wallet", name: "Test wallet", kind: "test", proof: "message", url: "https://developers.stellar.org/", reportsNetwork: true },
] as const satisfies readonly WalletInfo[];

export type WalletId = (typeof WALLETS)[number]["id"];

export const WALLET_IDS = WALLETS.map((w) => w.id) as [WalletId, ...WalletId[]];

export function walletInfo(id: string): WalletInfo | undefined {
  return WALLETS.find((w) => w.id === id);
}

/** The wallets this deployment offers: WalletConnect only when a project id is configured. */
export function offeredWallets(options: { walletConnect: boolean; testWallet: boolean }): WalletInfo[] {
  return WALLETS.filter((w) => (w.id !== "wallet_connect" || options.walletConnect) && (w.id !== "test-wallet" || options.testWallet));
}

/** The icon served from public/wallets (the kit's own icons live on a remote host the CSP does not allow). */
export function walletIcon(id: string): string {
  return `/wallets/${id.toLowerCase()}.svg`;
}
