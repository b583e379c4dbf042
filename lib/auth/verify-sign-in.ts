import "server-only";
import { burnChallenge } from "@/lib/data/challenges";
import { findSuspension, upsertUserOnSignIn } from "@/lib/data/users";
import { signInSchema } from "@/lib/validation/auth";
import type { SignInErrorCode } from "./sign-in-errors";
import { verifySignedMessage } from "./signature";

export type SignInResult = { ok: true; user: { id: string; address: string } } | { ok: false; code: SignInErrorCode };

/**
 * The whole proof of ownership. Order matters: the nonce is burnt before anything else
 * is checked, so every attempt, good or bad, uses it up.
 */
export async function verifySignIn(raw: unknown, now = new Date()): Promise<SignInResult> {
  const parsed = signInSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, code: "invalid_input" };
  const { address, nonce, signature } = parsed.data;

  const challenge = await burnChallenge(nonce);
  if (!challenge.ok) return { ok: false, code: challenge.reason === "used" ? "challenge_used" : "challenge_unknown" };
  if (challenge.address !== address) return { ok: false, code: "address_mismatch" };
  if (challenge.expiresAt.getTime() <= now.getTime()) return { ok: false, code: "challenge_expired" };
  if (!verifySignedMessage(address, challenge.message, signature)) return { ok: false, code: "bad_signature" };

  if (await findSuspension(address)) return { ok: false, code: "suspended" };
  return { ok: true, user: await upsertUserOnSignIn(address) };
}
