// Every way sign-in can fail, each with the message the user sees. Shared by the server
// (which decides the code) and the sign-in page (which shows it). `{wallet}` is the name of
// the wallet the user chose, so each message says which wallet to open, unlock or install.
export const SIGN_IN_ERRORS = {
  no_wallet: "{wallet} was not found in this browser. Install it (or enable it), reload this page and try again, or choose another wallet.",
  wallet_timeout: "{wallet} did not answer. Open it, unlock it if it is locked, and try again.",
  wallet_locked: "{wallet} is locked or has no account. Unlock it with your password, then try again.",
  access_rejected: "You declined to share your address with Keyport. Try again and approve the connection in {wallet}.",
  signature_rejected: "You declined to sign the sign-in request in {wallet}. Nothing was signed; try again when you are ready.",
  unsupported_method: "{wallet} cannot sign this kind of sign-in request. Choose another wallet.",
  network_mismatch: "{wallet} is on a network Keyport does not accept here.",
  wrong_signer: "{wallet} signed with a different account than the one it shared. Pick one account and try again.",
  challenge_expired: "The sign-in challenge expired (they last 5 minutes). Try again to get a new one.",
  challenge_used: "That sign-in challenge was already used. Each one works once; try again to get a new one.",
  challenge_unknown: "That sign-in challenge is not one Keyport issued. Try again to get a new one.",
  address_mismatch: "The challenge was issued for another address. Try again.",
  bad_signature: "The signature does not match your address, so you were not signed in. Try again.",
  proof_mismatch: "The wallet answered with a different kind of proof than this challenge asked for. Try again.",
  invalid_input: "{wallet} returned data Keyport could not read. Try again.",
  suspended: "An admin suspended your account, so you cannot sign in and your API keys are refused.",
  rate_limited: "Too many sign-in attempts from your network. Wait a minute, then try again.",
  server_error: "Keyport could not complete sign-in right now. Try again in a moment.",
} as const;

export type SignInErrorCode = keyof typeof SIGN_IN_ERRORS;

export function isSignInErrorCode(code: unknown): code is SignInErrorCode {
  return typeof code === "string" && Object.hasOwn(SIGN_IN_ERRORS, code);
}

/** The message for `code`, naming the wallet (or "your wallet" when it is not known). */
export function signInErrorMessage(code: SignInErrorCode, walletName = "your wallet"): string {
  const message = SIGN_IN_ERRORS[code].replaceAll("{wallet}", walletName);
  return message.charAt(0).toUpperCase() + message.slice(1);
}
