/**
 * What every server action returns; it throws only on bugs. A refusal carries a stable
 * `code` (unauthorized, forbidden, invalid_input, not_found, rate_limited, or the domain's
 * own, e.g. key_limit), a message for people, and the message for each field that failed.
 */
export type ActionResult<T = undefined, F extends string = string> = { ok: true; data: T; message?: string } | ActionFailure<F>;

export type ActionFailure<F extends string = string> = {
  ok: false;
  code: string;
  message: string;
  fieldErrors?: Partial<Record<F, string>>;
};

export const fail = <F extends string = string>(
  code: string,
  message: string,
  fieldErrors?: Partial<Record<F, string>>,
): ActionFailure<F> => ({
  ok: false,
  code,
  message,
  ...(fieldErrors ? { fieldErrors } : {}),
});
