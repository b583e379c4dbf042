// Has the wallet sign a step-up receipt, through the same Stellar Wallets Kit modules and the
// same timeouts and reply checks as sign-in (components/wallets/wallet-session.ts).
import type { SignInErrorCode } from "@/lib/auth/sign-in-errors";
import { walletInfo, type WalletId } from "@/lib/wallets/catalog";
import type { StepUpAskView } from "@/lib/validation/step-up";
import { loadWallet } from "@/components/wallets/wallet-modules";
import { isInstalled, signMessage, signTransaction } from "@/components/wallets/wallet-session";
import type { StepUpProof } from "./step-up-store";

export type SignOutcome = { ok: true; proof: StepUpProof } | { ok: false; code: SignInErrorCode; detail?: string };

export async function signReceipt(ask: StepUpAskView): Promise<SignOutcome> {
  const wallet = walletInfo(ask.wallet);
  if (!wallet) return { ok: false, code: "unsupported_method" };
  const walletModule = await loadWallet(wallet.id as WalletId);
  if (wallet.kind === "extension" && !(await isInstalled(walletModule))) return { ok: false, code: "no_wallet" };
  if (ask.proof === "message") {
    const signed = await signMessage(walletModule, ask.receipt, ask.signer, ask.networkPassphrase);
    return signed.ok ? { ok: true, proof: { stepUpNonce: ask.nonce, stepUpSignature: signed.signature } } : signed;
  }
  if (!ask.transaction) return { ok: false, code: "invalid_input" };
  const signed = await signTransaction(walletModule, ask.transaction, ask.signer, ask.networkPassphrase);
  return signed.ok ? { ok: true, proof: { stepUpNonce: ask.nonce, stepUpTransaction: signed.transaction } } : signed;
}

/** What went wrong, in the words of approving a change (sign-in's own words speak of signing in). */
export function stepUpErrorMessage(code: SignInErrorCode, walletName: string): string {
  const messages: Partial<Record<SignInErrorCode, string>> = {
    no_wallet: `${walletName} was not found in this browser. Install or enable it, or choose the wallet you signed in with.`,
    wallet_timeout: `${walletName} did not answer within 2 minutes. Open it, unlock it, and try again.`,
    wallet_locked: `${walletName} is locked. Unlock it, then try again.`,
    signature_rejected: `You declined in ${walletName}. Nothing was signed and nothing changed; try again when you are ready.`,
    unsupported_method: `${walletName} cannot sign this kind of request. Choose another wallet.`,
    wrong_signer: `${walletName} signed with another account. Switch it to the account you signed in with, and try again.`,
  };
  return messages[code] ?? `${walletName} returned an answer Keyport could not read. Try again.`;
}
