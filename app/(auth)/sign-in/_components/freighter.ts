// The browser half of sign-in: talks to Freighter through @stellar/freighter-api.
// Without the extension, requestAccess and signMessage never settle, so every call
// has its own timeout and every answer is parsed before it is trusted.
import { getNetworkDetails, isConnected, requestAccess, signMessage } from "@stellar/freighter-api";
import type { SignInErrorCode } from "@/lib/auth/sign-in-errors";
import { accessResponse, connectionResponse, networkResponse, signMessageResponse, USER_REJECTED } from "@/lib/validation/wallet";

export type WalletResult<T> = ({ ok: true } & T) | { ok: false; code: SignInErrorCode; detail?: string };

const DETECT_MS = 3_000;
const USER_MS = 120_000; // the user may take a while in the popup

class Timeout extends Error {}

function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout>;
  return Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Timeout()), ms)))]).finally(() =>
    clearTimeout(timer),
  );
}

export async function connectFreighter(): Promise<WalletResult<{ address: string; networkPassphrase: string }>> {
  try {
    const connection = connectionResponse.safeParse(await within(isConnected(), DETECT_MS));
    if (!connection.success || !connection.data.isConnected) return { ok: false, code: "no_wallet" };

    const access = accessResponse.safeParse(await within(requestAccess(), USER_MS));
    if (!access.success) return { ok: false, code: "invalid_input" };
    if (access.data.error) {
      return access.data.error.code === USER_REJECTED
        ? { ok: false, code: "access_rejected" }
        : { ok: false, code: "wallet_locked", detail: access.data.error.message };
    }
    if (!access.data.address) return { ok: false, code: "wallet_locked" };

    const network = networkResponse.safeParse(await within(getNetworkDetails(), USER_MS));
    if (!network.success || network.data.error || !network.data.networkPassphrase) {
      return { ok: false, code: "wallet_locked" };
    }
    return { ok: true, address: access.data.address, networkPassphrase: network.data.networkPassphrase };
  } catch (error) {
    return { ok: false, code: error instanceof Timeout ? "wallet_timeout" : "no_wallet" };
  }
}

export async function signChallenge(
  message: string,
  address: string,
  networkPassphrase: string,
): Promise<WalletResult<{ signature: string }>> {
  try {
    const res = signMessageResponse.safeParse(await within(signMessage(message, { address, networkPassphrase }), USER_MS));
    if (!res.success) return { ok: false, code: "invalid_input" };
    if (res.data.error) {
      return res.data.error.code === USER_REJECTED
        ? { ok: false, code: "signature_rejected" }
        : { ok: false, code: "wallet_locked", detail: res.data.error.message };
    }
    if (res.data.signerAddress && res.data.signerAddress !== address) return { ok: false, code: "wrong_signer" };
    if (typeof res.data.signedMessage !== "string") return { ok: false, code: "invalid_input" };
    return { ok: true, signature: res.data.signedMessage };
  } catch (error) {
    return { ok: false, code: error instanceof Timeout ? "wallet_timeout" : "invalid_input" };
  }
}
