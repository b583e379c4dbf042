import type { z } from "zod";

/** The first message for each top-level field, to show next to that field. */
export function fieldErrors<F extends string>(error: z.ZodError): Partial<Record<F, string>> {
  const out: Partial<Record<F, string>> = {};
  for (const issue of error.issues) {
    const key = issue.path[0] as F | undefined;
    if (key !== undefined && !out[key]) out[key] = issue.message;
  }
  return out;
}
