// Bad input against the API, 1,000+ seeded cases per surface: never a 5xx, always the
// documented error shape.
import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";

const OPERATOR = vi.hoisted(() => {
  process.env.RATE_LIMIT_BAD_KEYS_PER_MINUTE = "10000000"; // the bad-key budget has its own test
  return (process.env.OPERATOR_TOKEN = "operator-token-for-fuzzing-0123456789");
});

import { generateKey } from "@/lib/keys/format";
import { controlText, expectApiError, FUZZ, headerValue, nestedJson } from "@/test/fuzz";
import { makeKey, makeUser } from "@/test/factories";
import { planeFetch as verify, planeFetch as whoami } from "@/test/plane";

const valid = generateKey("testnet", "kp").key;
const nearValid = fc
  .tuple(fc.nat(valid.length - 1), fc.constantFrom(..."0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_-é "))
  .map(([i, c]) => valid.slice(0, i) + c + valid.slice(i + 1))
  .filter((k) => k !== valid);

const keyValues = fc.oneof(
  headerValue,
  nearValid,
  fc.constantFrom("", " ", "kp_", "kp_test_", "kp_live_", "Bearer kp_test_x", "null", "undefined", "[]", "{}"),
  fc
    .tuple(
      fc.constantFrom("sk", "ghp", "kp", "KP", "pk", "xx"),
      fc.constantFrom("test", "live", "prod"),
      fc.stringMatching(/^[0-9A-Za-z]{0,50}$/),
    )
    .map(([p, e, r]) => `${p}_${e}_${r}`),
  fc.nat({ max: 200_000 }).map((n) => "k".repeat(n)),
);

describe("fuzz: X-API-KEY", () => {
  it("answers every bad key with a 401 in the documented shape", async () => {
    await fc.assert(
      fc.asyncProperty(keyValues, async (key) => {
        const res = await whoami(new Request("http://keyport.test/api/v1/whoami", { headers: { "X-API-KEY": key } }));
        await expectApiError(res, [401]);
      }),
      FUZZ,
    );
  });

  it("answers any query string without a 5xx", async () => {
    const text = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: "binary", maxLength: 40 }), controlText);
    await fc.assert(
      fc.asyncProperty(fc.dictionary(text, text), async (params) => {
        const url = `http://keyport.test/api/v1/whoami?${new URLSearchParams(params)}`;
        const res = await whoami(new Request(url));
        await expectApiError(res, [400, 401]);
      }),
      FUZZ,
    );
  });
});

describe("fuzz: POST /api/v1/keys/verify", () => {
  it("answers every body with 200, 400 or 413, never a 5xx", async () => {
    const owner = await makeUser();
    const { plaintext } = await makeKey(owner);
    const bodies = fc.oneof(
      fc.json({ maxDepth: 4 }),
      fc.string({ unit: "grapheme", maxLength: 500 }),
      fc
        .record({ key: fc.oneof(fc.anything(), keyValues, fc.constant(plaintext)), scope: fc.option(fc.anything()) }, { requiredKeys: [] })
        .map((o) => JSON.stringify(o) ?? "null"),
      fc.nat({ max: 20_000 }).map((n) => JSON.stringify({ key: "x".repeat(n) })),
      nestedJson,
      fc.record({ key: controlText, scope: controlText }).map((o) => JSON.stringify(o)),
    );
    await fc.assert(
      fc.asyncProperty(bodies, async (body) => {
        const res = await verify(
          new Request("http://keyport.test/api/v1/keys/verify", {
            method: "POST",
            headers: { authorization: `Bearer ${OPERATOR}`, "content-type": "application/json" },
            body,
          }),
        );
        if (res.status === 200) {
          const json = (await res.json()) as { valid: unknown; code: unknown };
          expect(typeof json.valid).toBe("boolean");
          expect(typeof json.code).toBe("string");
        } else {
          await expectApiError(res, [400, 413]);
        }
      }),
      FUZZ,
    );
  });

  it("answers every bad Authorization header with 401", async () => {
    await fc.assert(
      fc.asyncProperty(headerValue, async (auth) => {
        fc.pre(auth !== `Bearer ${OPERATOR}`);
        const res = await verify(
          new Request("http://keyport.test/api/v1/keys/verify", { method: "POST", headers: { authorization: auth }, body: "{}" }),
        );
        await expectApiError(res, [401]);
      }),
      FUZZ,
    );
  });
});
