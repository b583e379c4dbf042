import "server-only";
// The per-user hourly budget of key creations (RATE_LIMIT_KEYS_PER_HOUR), spent by every way a
// key is issued from the screens: a request, a rotation, and a multisig team's completed approval.
import { fail, type Failure } from "@/lib/core/result";
import { limitKeyCreation } from "@/lib/limits/limits";

/** Spends one point of the user's budget: null, or the refusal that says when to try again. */
export async function spendKeyCreation(userId: string): Promise<Failure<"rate_limited"> | null> {
  const limit = await limitKeyCreation(userId);
  return limit.ok
    ? null
    : fail(
        "rate_limited",
        `You created ${limit.limit} keys in the last hour, the most allowed. Try again in ${Math.ceil(limit.retryAfter / 60)} min.`,
      );
}
