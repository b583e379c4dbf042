// Shared settings for the fuzz suites: seeded and reproducible. Re-run one failure with
// FUZZ_SEED=<seed printed by fast-check> (and its `path`) to replay the exact case.
import fc from "fast-check";
import { expect } from "vitest";
import { env } from "@/lib/core/env";

export const FUZZ = { numRuns: Number(process.env.FUZZ_RUNS ?? 1000), seed: Number(process.env.FUZZ_SEED ?? 20261125) };

/** Text with control characters, NUL above all (PostgreSQL refuses to store it). */
export const controlText = fc
  .array(fc.oneof(fc.constantFrom("\u0000", "\u0001", "\u001b", "\u007f", "\b", "\t", "\n", "\r"), fc.string({ maxLength: 8 })), {
    minLength: 1,
    maxLength: 12,
  })
  .map((parts) => parts.join(""))
  .filter((s) => /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s));

/** A value nested `depth` levels deep: arrays, objects, or both. */
export const nestedValue = fc
  .tuple(fc.integer({ min: 100, max: 20_000 }), fc.constantFrom("array", "object", "mixed"))
  .map(([depth, kind]) => {
    let v: unknown = "x";
    for (let i = 0; i < depth; i++) v = kind === "array" || (kind === "mixed" && i % 2) ? [v] : { a: v };
    return v;
  });

/** The same, as JSON text: up to ~200 kB of brackets. */
export const nestedJson = fc
  .tuple(fc.integer({ min: 100, max: 100_000 }), fc.constantFrom("[", '{"a":'))
  .map(([depth, open]) => open.repeat(depth) + "1" + (open === "[" ? "]" : "}").repeat(depth));

/**
 * Strings in React's reply format: `$` and every prefix its decoder resolves (`$@`, `$h`, `$Q`,
 * `$K`, `$B`, `$T`, `$n`, `$D`, typed arrays `$A`…`$V`, streams `$R`/`$X`…), and ones it reads
 * as an outlined part id (`$F1`, `$Y`, `$0:a`). On the wire proxy.ts refuses them before the
 * decoder runs (lib/server/action-reply.ts); an action can still receive them as text, escaped
 * as `$$F1` by the browser, so each action must answer them like any other string.
 */
export const reactReference = fc
  .tuple(
    fc.constantFrom(..."$@hHTQWKiIN-uDnAOoUSsLlGgMmVBRrXxFYZ0123456789a"),
    fc.oneof(fc.constantFrom("", "0", "1", "ff", "1:a", "0:__proto__", "1x", "undefined", "Infinity"), fc.string({ maxLength: 6 })),
  )
  .map(([prefix, rest]) => `$${prefix}${rest}`);

/** What React's decoder hands an action besides JSON: Dates (valid or not), undefined, NaN, ±Infinity, -0. */
export const decodedSpecial = fc.constantFrom(
  new Date(0),
  new Date(Number.NaN),
  new Date("2026-12-07T10:00:00Z"),
  undefined,
  Number.NaN,
  Infinity,
  -Infinity,
  -0,
);

/** Any value an attacker could put in a JSON body or a form field. */
export const anyInput = fc.oneof(
  reactReference,
  decodedSpecial,
  fc.array(fc.oneof(reactReference, decodedSpecial), { maxLength: 3 }),
  fc.dictionary(
    fc.constantFrom("address", "networkPassphrase", "keyId", "range", "enabled", "userId", "workspaceId", "role", "theme"),
    fc.oneof(reactReference, decodedSpecial),
    { maxKeys: 4 },
  ),
  fc.anything(),
  fc.string({ unit: "grapheme", maxLength: 300 }),
  fc.string({ unit: "binary", maxLength: 300 }),
  controlText,
  nestedValue,
  fc.nat({ max: 300_000 }).map((n) => "x".repeat(n)),
  fc.dictionary(
    fc.string({ maxLength: 20 }),
    fc.oneof(fc.string({ unit: "grapheme", maxLength: 100 }), controlText, fc.integer(), fc.boolean(), fc.constant(null)),
  ),
  fc.record({
    keyId: fc.oneof(controlText, fc.string({ unit: "binary" })),
    userId: controlText,
    reason: controlText,
    key: controlText,
    enabled: fc.boolean(),
    suspended: fc.boolean(),
  }),
);

/** Header-safe text (HTTP carries bytes; Fetch's Headers only accepts Latin-1 without controls). */
export const headerValue = fc.string({
  unit: fc
    .integer({ min: 0x20, max: 0xff })
    .map((c) => String.fromCharCode(c))
    .filter((c) => c !== "\x7f"),
  maxLength: 400,
});

/** The documented error shape of the API: RFC 9457 Problem Details with our stable code. */
export async function expectApiError(res: Response, statuses: number[]) {
  expect(statuses).toContain(res.status);
  expect(res.headers.get("content-type")).toBe("application/problem+json");
  const body = (await res.json()) as Record<string, unknown>;
  expect(body.status).toBe(res.status);
  expect(typeof body.code).toBe("string");
  expect(body.type).toBe(`${env.publicOrigin}/docs#error-${String(body.code)}`);
  expect(typeof body.title).toBe("string");
  expect(typeof body.detail).toBe("string");
}

/** A problem document's members, for toEqual: `problem("unauthorized", 401, expect.any(String))`. */
export const problem = (code: string, status: number, detail: unknown, extensions: Record<string, unknown> = {}) => ({
  type: `${env.publicOrigin}/docs#error-${code}`,
  title: expect.any(String),
  status,
  detail,
  code,
  ...extensions,
});
