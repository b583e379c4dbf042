// Shared settings for the fuzz suites: seeded and reproducible. Re-run one failure with
// FUZZ_SEED=<seed printed by fast-check> (and its `path`) to replay the exact case.
import fc from "fast-check";
import { expect } from "vitest";

export const FUZZ = { numRuns: Number(process.env.FUZZ_RUNS ?? 1000), seed: Number(process.env.FUZZ_SEED ?? 20261125) };

/** Any value an attacker could put in a JSON body or a form field. */
export const anyInput = fc.oneof(
  fc.anything(),
  fc.string({ unit: "grapheme", maxLength: 300 }),
  fc.dictionary(fc.string({ maxLength: 20 }), fc.oneof(fc.string({ unit: "grapheme", maxLength: 100 }), fc.integer(), fc.boolean(), fc.constant(null))),
);

/** Header-safe text (HTTP carries bytes; Fetch's Headers only accepts Latin-1 without controls). */
export const headerValue = fc.string({ unit: fc.integer({ min: 0x20, max: 0xff }).map((c) => String.fromCharCode(c)).filter((c) => c !== "\x7f"), maxLength: 400 });

/** The documented error shape of the API. */
export async function expectApiError(res: Response, statuses: number[]) {
  expect(statuses).toContain(res.status);
  const body = (await res.json()) as { error?: { code?: unknown; message?: unknown } };
  expect(typeof body.error?.code).toBe("string");
  expect(typeof body.error?.message).toBe("string");
}
