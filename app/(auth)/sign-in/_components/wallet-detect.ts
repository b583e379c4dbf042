// Which wallet extensions this browser has, asked of each kit module in parallel.
import type { WalletInfo } from "@/lib/wallets/catalog";
import { loadWallet } from "@/components/wallets/wallet-modules";
import { isInstalled } from "@/components/wallets/wallet-session";

export async function detectInstalled(
  wallets: WalletInfo[],
  onResult: (id: string, state: "installed" | "missing") => void,
): Promise<WalletInfo[]> {
  // Every module is loaded before any wallet is asked: an extension's answer is a message event,
  // and while the other modules' chunks are still being evaluated it waits behind them. Asked
  // as each module arrived, a wallet could be timed out by the page's own work on a busy machine
  // (an installed Freighter read as missing: the list opened instead of the sign-in).
  const modules = await Promise.all(wallets.map((wallet) => loadWallet(wallet.id as Parameters<typeof loadWallet>[0]).catch(() => null)));
  const results = await Promise.all(
    wallets.map(async (wallet, i) => {
      const walletModule = modules[i];
      const installed = walletModule ? await isInstalled(walletModule).catch(() => false) : false;
      onResult(wallet.id, installed ? "installed" : "missing");
      return installed ? wallet : null;
    }),
  );
  return results.filter((w) => w !== null);
}
