// Stellar networks a wallet can be on. Safe for the browser: no SDK import here
// (stellar.test.ts checks these passphrases against @stellar/stellar-sdk's), and only a type
// from the configuration, whose list of ids this table must match exactly (the compiler checks).
import type { WalletNetworkId as ConfiguredNetworkId } from "@/lib/core/env";

export const WALLET_NETWORKS = {
  testnet: { label: "Testnet", passphrase: "Test SDF Network ; September 2015" },
  public: { label: "Mainnet (Public)", passphrase: "Public Global Stellar Network ; September 2015" },
  futurenet: { label: "Futurenet", passphrase: "Test SDF Future Network ; October 2022" },
} as const satisfies Record<ConfiguredNetworkId, { label: string; passphrase: string }>;

export type WalletNetworkId = keyof typeof WALLET_NETWORKS;

export function networkFromPassphrase(passphrase: string): WalletNetworkId | null {
  for (const [id, n] of Object.entries(WALLET_NETWORKS)) if (n.passphrase === passphrase) return id as WalletNetworkId;
  return null;
}

export function describeNetworks(ids: readonly WalletNetworkId[]): string {
  return ids.map((id) => WALLET_NETWORKS[id].label).join(" or ");
}
