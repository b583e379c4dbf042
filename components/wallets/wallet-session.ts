// The browser half of sign-in: asks one wallet, through its Stellar Wallets Kit walletModule, for
// its address and network and for the signed challenge. A wallet that is missing may never
// answer, so every call has its own timeout; every answer is parsed before it is trusted,
// and every failure becomes one of the sign-in codes the page explains by wallet name.
import type { SignInErrorCode } from "@/lib/auth/sign-in-errors";
import type { WalletInfo } from "@/lib/wallets/catalog";
import {
  walletAddressReply,
  walletError,
  walletNetworkReply,
  walletSignedMessageReply,
  walletSignedTransactionReply,
} from "@/lib/validation/wallet";
import type { WalletModule } from "./wallet-modules";

export type WalletResult<T> = ({ ok: true } & T) | { ok: false; code: SignInErrorCode; detail?: string };

const DETECT_MS = 1_200;
const USER_MS = 120_000; // the user may take a while in the wallet's popup

class Timeout extends Error {}

function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout>;
  return Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Timeout()), ms)))]).finally(() =>
    clearTimeout(timer),
  );
}

/** Whether the wallet is there to answer; a wallet that does not say so in time is not. */
export async function isInstalled(walletModule: WalletModule): Promise<boolean> {
  try {
    return (await within(walletModule.isAvailable(), DETECT_MS)) === true;
  } catch {
    return false;
  }
}

const REJECTED = /reject|declin|denied|cancel|closed/i;
const MISSING = /not (installed|connected|detected|available)|no wallet|not found/i;
const LOCKED = /lock|no account|not allowed|permission|request access/i;

/** What a wallet's refusal means. The kit passes the wallet's `{ code, message }`; -4 is "the user said no", -3 "not supported". */
function failure(error: unknown, step: "connect" | "sign"): { ok: false; code: SignInErrorCode; detail?: string } {
  if (error instanceof Timeout) return { ok: false, code: "wallet_timeout" };
  const parsed = walletError.safeParse(error);
  const code = parsed.success ? parsed.data.code : undefined;
  const message = parsed.success ? (parsed.data.message ?? "") : typeof error === "string" ? error : "";
  const detail = message.slice(0, 200) || undefined;
  if (code === -4 || REJECTED.test(message))
    return { ok: false, code: step === "connect" ? "access_rejected" : "signature_rejected", detail };
  if (MISSING.test(message)) return { ok: false, code: "no_wallet", detail };
  if (step === "connect" && (code === -3 || LOCKED.test(message))) return { ok: false, code: "wallet_locked", detail };
  if (code === -3) return { ok: false, code: "unsupported_method", detail };
  return { ok: false, code: step === "connect" ? "wallet_locked" : "invalid_input", detail };
}

/**
 * The address the wallet shares and the network it is on. Wallets whose walletModule cannot report
 * a network (most web wallets) sign on `fallbackPassphrase`, the network Keyport signs in on.
 */
export async function connectWallet(
  wallet: WalletInfo,
  walletModule: WalletModule,
  fallbackPassphrase: string,
): Promise<WalletResult<{ address: string; networkPassphrase: string }>> {
  let address: string;
  try {
    const reply = walletAddressReply.safeParse(await within(walletModule.getAddress(), USER_MS));
    if (!reply.success) return { ok: false, code: reply.error.issues[0]?.path[0] === "address" ? "wallet_locked" : "invalid_input" };
    address = reply.data.address;
  } catch (error) {
    return failure(error, "connect");
  }
  if (!wallet.reportsNetwork) return { ok: true, address, networkPassphrase: fallbackPassphrase };
  try {
    const network = walletNetworkReply.safeParse(await within(walletModule.getNetwork(), USER_MS));
    if (!network.success) return { ok: false, code: "wallet_locked" };
    return { ok: true, address, networkPassphrase: network.data.networkPassphrase };
  } catch (error) {
    // A wallet that turns out not to report its network still signs in on the default one.
    const parsed = walletError.safeParse(error);
    if (parsed.success && parsed.data.code === -3) return { ok: true, address, networkPassphrase: fallbackPassphrase };
    return failure(error, "connect");
  }
}

function checkSigner(signerAddress: string | undefined, address: string) {
  return signerAddress && signerAddress !== address ? ({ ok: false, code: "wrong_signer" } as const) : null;
}

/** SEP-53: the wallet signs the challenge text. Freighter answers base64, Bitget hex: the server reads both. */
export async function signMessage(
  walletModule: WalletModule,
  message: string,
  address: string,
  networkPassphrase: string,
): Promise<WalletResult<{ signature: string }>> {
  try {
    const reply = walletSignedMessageReply.safeParse(
      await within(walletModule.signMessage(message, { address, networkPassphrase }), USER_MS),
    );
    if (!reply.success) return { ok: false, code: "invalid_input" };
    return checkSigner(reply.data.signerAddress, address) ?? { ok: true, signature: reply.data.signedMessage };
  } catch (error) {
    return failure(error, "sign");
  }
}

/** SEP-10: the wallet signs the challenge transaction (never submitted) and hands back the envelope. */
export async function signTransaction(
  walletModule: WalletModule,
  transaction: string,
  address: string,
  networkPassphrase: string,
): Promise<WalletResult<{ transaction: string }>> {
  try {
    const reply = walletSignedTransactionReply.safeParse(
      await within(walletModule.signTransaction(transaction, { address, networkPassphrase }), USER_MS),
    );
    if (!reply.success) return { ok: false, code: "invalid_input" };
    return checkSigner(reply.data.signerAddress, address) ?? { ok: true, transaction: reply.data.signedTxXdr };
  } catch (error) {
    return failure(error, "sign");
  }
}
