// Key networks, safe for the browser. A key's network is in its text: `_test_` or `_live_`.
export const NETWORKS = ["testnet", "mainnet"] as const;
export type KeyNetwork = (typeof NETWORKS)[number];
export const NETWORK_LABEL: Record<KeyNetwork, string> = { testnet: "Testnet", mainnet: "Mainnet" };
