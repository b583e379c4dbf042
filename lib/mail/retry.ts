// When a mail that could not be handed to the SMTP server is tried again: about a day in all,
// each wait stretched by up to 10 % so mails that failed together are not retried together.
// A permanent refusal (an SMTP 5xx answer: no such mailbox, sender refused) is not retried.

const S = 1000;
const MIN = 60 * S;
const H = 60 * MIN;

/** The waits after the 1st, 2nd, … failed attempt; after the last, the mail has failed. */
export const MAIL_RETRY_DELAYS_MS = [30 * S, 5 * MIN, 30 * MIN, 2 * H, 6 * H, 12 * H] as const;
export const MAIL_MAX_ATTEMPTS = MAIL_RETRY_DELAYS_MS.length + 1;

/** The wait after failed attempt number `attempt` (1-based), or null when it was the last or the refusal is permanent. */
export function mailRetryDelay(attempt: number, permanent: boolean, random: () => number = Math.random): number | null {
  const base = MAIL_RETRY_DELAYS_MS[attempt - 1];
  return permanent || base === undefined ? null : Math.round(base * (1 + 0.1 * random()));
}

/** An SMTP reply code of 500–599 is the server's final answer for this message. */
export const isPermanentSmtpFailure = (responseCode: number | undefined) => responseCode !== undefined && responseCode >= 500;
