/**
 * The one result type. The data layer returns it, the action builder passes it on unchanged,
 * and every server action answers with it; code throws only on bugs. A refusal carries a
 * stable `code` (unauthorized, forbidden, invalid_input, not_found, rate_limited, or the
 * domain's own, e.g. key_limit), a message for people, and the message for each field that failed.
 */
export type Result<T = undefined, C extends string = string, F extends string = string> =
  { ok: true; data: T; message?: string } | Failure<C, F>;

export type Failure<C extends string = string, F extends string = string> = {
  ok: false;
  code: C;
  message: string;
  fieldErrors?: Partial<Record<F, string>>;
};

export const fail = <C extends string, F extends string = string>(
  code: C,
  message: string,
  fieldErrors?: Partial<Record<F, string>>,
): Failure<C, F> => ({
  ok: false,
  code,
  message,
  ...(fieldErrors ? { fieldErrors } : {}),
});

/** A success, with the sentence a screen shows for it when there is one. */
export const ok = <T>(data: T, message?: string): Result<T, never> =>
  message === undefined ? { ok: true, data } : { ok: true, data, message };

/** The same result with its data turned into what the caller shows (a row into its view); a refusal passes through. */
export const mapData = <T, V, C extends string>(r: Result<T, C>, view: (data: T) => V): Result<V, C> =>
  r.ok ? { ...r, data: view(r.data) } : r;

/** The same result with the sentence a screen shows when it succeeded; a refusal keeps its own message. */
export const withMessage = <T, C extends string>(r: Result<T, C>, message: string): Result<T, C> => (r.ok ? { ...r, message } : r);
