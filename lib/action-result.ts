/** What every server action returns: it throws only on bugs. */
export type ActionResult<T = undefined, F extends string = string> =
  { ok: true; data: T; message?: string } | { ok: false; message: string; fieldErrors?: Partial<Record<F, string>> };
