// One sign-in with one wallet: connect, ask the server for the challenge this wallet can sign
// (the server decides message or transaction from the wallet's id), sign it, send it back.
import type { SignInErrorCode } from "@/lib/auth/sign-in-errors";
import type { WalletId, WalletInfo } from "@/lib/wallets/catalog";
import { completeSignIn, requestChallenge } from "../actions";
import { loadWallet, type WalletConnectSettings } from "@/components/wallets/wallet-modules";
import { connectWallet, isInstalled, signMessage, signTransaction } from "@/components/wallets/wallet-session";

type Outcome = { ok: true } | { ok: false; code: SignInErrorCode; message?: string };

export async function signInWithWallet(
  wallet: WalletInfo,
  options: { signInPassphrase: string; walletConnect?: WalletConnectSettings; onSigning: () => void; onVerifying: () => void },
): Promise<Outcome> {
  const walletModule = await loadWallet(wallet.id as WalletId, options.walletConnect);
  // An extension that is not there never answers: say so now instead of waiting for a timeout.
  if (wallet.kind === "extension" && !(await isInstalled(walletModule))) return { ok: false, code: "no_wallet" };

  const connected = await connectWallet(wallet, walletModule, options.signInPassphrase);
  if (!connected.ok) return connected;
  const { address, networkPassphrase } = connected;

  const challenge = await requestChallenge({ address, networkPassphrase, wallet: wallet.id });
  if (!challenge.ok) return challenge;

  options.onSigning();
  const data = challenge.data;
  const proof =
    data.proof === "message"
      ? await signMessage(walletModule, data.message, address, networkPassphrase)
      : await signTransaction(walletModule, data.transaction, address, data.networkPassphrase);
  if (!proof.ok) return proof;

  options.onVerifying();
  const result = await completeSignIn(
    "signature" in proof
      ? { address, nonce: data.nonce, signature: proof.signature }
      : { address, nonce: data.nonce, transaction: proof.transaction },
  );
  return result.ok ? { ok: true } : result;
}
