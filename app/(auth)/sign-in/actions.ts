"use server";

import { CredentialsSignin } from "next-auth";
import { signIn, signOut } from "@/lib/auth/config";
import { describeNetworks, networkFromPassphrase, WALLET_NETWORKS } from "@/lib/networks/stellar";
import { sep10Available } from "@/lib/auth/sep10-server";
import { isSignInErrorCode, SIGN_IN_ERRORS, signInErrorMessage, type SignInErrorCode } from "@/lib/auth/sign-in-errors";
import { walletInfo } from "@/lib/wallets/catalog";
import { issueChallenge, issueTransactionChallenge } from "@/lib/auth/challenges";
import { signOutEverywhere } from "@/lib/data/sign-in/sessions";
import { findSuspension } from "@/lib/data/users/account";
import { requireUser } from "@/lib/auth/session";
import { env } from "@/lib/core/env";
import { requestIp } from "@/lib/http/client-ip";
import { limitSignIn } from "@/lib/limits/limits";
import { challengeRequestSchema, signInSchema } from "@/lib/validation/auth";
import { publicAction, type PublicContext } from "@/lib/actions/builder";
import { fail, ok, type Result } from "@/lib/core/result";

/** A sign-in refusal: a code the page knows by name, and by default the page's own words for it. */
const refuse = (code: SignInErrorCode, message: string = signInErrorMessage(code)) => fail(code, message);

/** Challenges are limited per client IP; a public action's limit runs before its input is read. */
async function challengeLimit({ ip }: PublicContext): Promise<string | null> {
  const limit = await limitSignIn("challenge", ip);
  return limit.ok ? null : `Too many sign-in attempts from your network. Try again in ${limit.retryAfter} s.`;
}

/** What the wallet must sign: a SEP-53 message, or a SEP-10 challenge transaction (base64 XDR) on `networkPassphrase`. */
export type SignInChallenge =
  | { proof: "message"; nonce: string; message: string }
  | { proof: "transaction"; nonce: string; transaction: string; networkPassphrase: string };

/**
 * Step 1: a one-time challenge for the address the wallet shared, of the kind the wallet can
 * sign. With `wallet` (a Stellar Wallets Kit id) the server decides the proof from that wallet's
 * capability; without it, `proof` says which (absent means message, the original Freighter flow).
 */
export const requestChallenge = publicAction.input(
  challengeRequestSchema,
  async ({ address, networkPassphrase, ...input }): Promise<Result<SignInChallenge, SignInErrorCode>> => {
    const wallet = input.wallet ? walletInfo(input.wallet) : undefined;
    // A suspended account gets no challenge: the same refusal sign-in gives, but not the admin's
    // reason, which only the account's holder may read and asking for a challenge proves nothing.
    if (await findSuspension(address)) return refuse("suspended");
    const proof = wallet?.proof ?? input.proof;
    const walletName = wallet?.name ?? "Your wallet";

    const network = networkFromPassphrase(networkPassphrase);
    if (!network || !env.SIGNIN_NETWORKS.includes(network)) {
      const current = network ? WALLET_NETWORKS[network].label : "a custom network";
      return refuse(
        "network_mismatch",
        `${walletName} is on ${current}. Keyport signs you in on ${describeNetworks(env.SIGNIN_NETWORKS)}: switch networks in ${wallet?.name ?? "your wallet"} and try again.`,
      );
    }
    if (proof === "transaction") {
      if (!sep10Available())
        return refuse(
          "server_error",
          "This Keyport's address is too long for transaction sign-in (SEP-10). Use a wallet that signs messages.",
        );
      const challenge = await issueTransactionChallenge({ address, network });
      return ok({ proof, nonce: challenge.nonce, transaction: challenge.transaction, networkPassphrase: challenge.networkPassphrase });
    }
    // The domain the user is asked to check comes from configuration, never from the request's Host.
    const challenge = await issueChallenge({ address, network, domain: new URL(env.publicOrigin).host });
    return ok({ proof, nonce: challenge.nonce, message: challenge.message });
  },
  { limit: challengeLimit },
);

/**
 * Step 2: the signed challenge — `{ address, nonce, signature }` for a message (base64 or hex),
 * `{ address, nonce, transaction }` for a transaction (the signed XDR). On success next-auth
 * sets the session cookie. Its attempts are limited per IP inside next-auth's authorize
 * (lib/auth/config.ts), which every way of signing in goes through.
 */
export const completeSignIn = publicAction.input(
  signInSchema,
  async ({ address, nonce, signature, transaction }): Promise<Result<null, SignInErrorCode>> => {
    // Only the fields that are set: next-auth posts every value as form text, undefined included.
    const proof = signature !== undefined ? { signature } : { transaction };
    try {
      await signIn("stellar", { address, nonce, ...proof, redirect: false });
      return ok(null);
    } catch (error) {
      if (error instanceof CredentialsSignin && error.code === "suspended") {
        const suspension = await findSuspension(address);
        return refuse("suspended", `${SIGN_IN_ERRORS.suspended}${suspension?.reason ? ` Reason: ${suspension.reason}` : ""}`);
      }
      if (error instanceof CredentialsSignin && isSignInErrorCode(error.code)) return refuse(error.code);
      console.error(`[auth] sign-in failed: ${error instanceof Error ? error.message : String(error)}`);
      return refuse("server_error");
    }
  },
  { invalid: signInErrorMessage("invalid_input") },
);

/** Signs this browser out; its session ends on the server, so the old cookie is worthless. */
export async function disconnect() {
  await signOut({ redirectTo: "/sign-in" });
}

/** Ends every session of the signed-in user, this one included (a lost laptop, a shared machine). */
export async function disconnectEverywhere() {
  const user = await requireUser();
  await signOutEverywhere({ id: user.id, address: user.address, ip: await requestIp() });
  await signOut({ redirectTo: "/sign-in?ended=signed_out_everywhere" });
}
