// Which wallet extensions this browser has, asked of each kit module in parallel.
import type { WalletInfo } from "@/lib/wallets/catalog";
import { loadWallet } from "./wallet-modules";
import { isInstalled } from "./wallet-session";

export async function detectInstalled(
  wallets: WalletInfo[],
  onResult: (id: string, state: "installed" | "missing") => void,
): Promise<WalletInfo[]> {
  const results = await Promise.all(
    wallets.map(async (wallet) => {
      const installed = await loadWallet(wallet.id as Parameters<typeof loadWallet>[0])
        .then(isInstalled)
        .catch(() => false);
      onResult(wallet.id, installed ? "installed" : "missing");
      return installed ? wallet : null;
    }),
  );
  return results.filter((w) => w !== null);
}
