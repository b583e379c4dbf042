// Every way sign-in can fail, each with the message the user sees. Shared by the
// server (which decides the code) and the sign-in page (which shows it).
export const SIGN_IN_ERRORS = {
  no_wallet: "Freighter was not found. Install the Freighter browser extension from freighter.app, reload this page and try again.",
  wallet_timeout: "Freighter did not answer. Open the extension, unlock it if it is locked, and try again.",
  wallet_locked: "Freighter is locked or has no account. Unlock it with your password, then try again.",
  access_rejected: "You declined to share your address with Keyport. Connect again and choose Connect in Freighter.",
  signature_rejected: "You declined to sign the sign-in message. Nothing was signed; try again when you are ready.",
  network_mismatch: "Freighter is on a network Keyport does not accept here.",
  wrong_signer: "Freighter signed with a different account than the one it shared. Pick one account and try again.",
  challenge_expired: "The sign-in challenge expired (they last 5 minutes). Try again to get a new one.",
  challenge_used: "That sign-in challenge was already used. Each one works once; try again to get a new one.",
  challenge_unknown: "That sign-in challenge is not one Keyport issued. Try again to get a new one.",
  address_mismatch: "The challenge was issued for another address. Try again.",
  bad_signature: "The signature does not match your address, so you were not signed in. Try again.",
  proof_mismatch: "The wallet answered with a different kind of proof than this challenge asked for. Try again.",
  invalid_input: "The wallet returned data Keyport could not read. Try again.",
  suspended: "An admin suspended your account, so you cannot sign in and your API keys are refused.",
  rate_limited: "Too many sign-in attempts from your network. Wait a minute, then try again.",
  server_error: "Keyport could not complete sign-in right now. Try again in a moment.",
} as const;

export type SignInErrorCode = keyof typeof SIGN_IN_ERRORS;

export function isSignInErrorCode(code: unknown): code is SignInErrorCode {
  return typeof code === "string" && Object.hasOwn(SIGN_IN_ERRORS, code);
}
