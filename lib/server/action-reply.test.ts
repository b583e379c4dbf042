import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formPostAction, refuseActionForm, refuseActionText } from "./action-reply";

// The browser's encoder, as Next.js's client calls it for every server action.
const { encodeReply } = createRequire(import.meta.url)("next/dist/compiled/react-server-dom-webpack/client.node") as {
  encodeReply: (args: unknown[]) => Promise<string | FormData>;
};

/** The wire body of a fetch action, checked as proxy.ts checks it. */
async function refusalOf(args: unknown[]) {
  const body = await encodeReply(args);
  return typeof body === "string" ? refuseActionText(body) : refuseActionForm(body);
}

const form = (entries: [string, string | File][]) => {
  const f = new FormData();
  for (const [k, v] of entries) f.append(k, v);
  return f;
};

/** React's decoder (in a child with the react-server condition): "ok" or what it threw, per body. */
function decode(bodies: (string | FormData)[]): string[] {
  const lines = bodies.map((b) =>
    JSON.stringify(typeof b === "string" ? b : [...b].map(([k, v]) => [k, typeof v === "string" ? v : { file: v.name }])),
  );
  const res = spawnSync(process.execPath, ["--conditions=react-server", "test/react-decoder.mjs"], {
    input: lines.join("\n"),
    encoding: "utf8",
  });
  return res.stdout.trim().split("\n");
}

describe("server-action bodies: what the forms send is accepted", () => {
  it("accepts every shape encodeReply writes for Keyport's actions", async () => {
    const file = new File([new Uint8Array([137, 80, 78, 71])], "avatar.png", { type: "image/png" });
    const profile = form([
      ["name", "Ada"],
      ["image", file],
      ["image", new File([], "", { type: "application/octet-stream" })], // the picker with no file chosen
      ["useCase", "$ at the start"],
    ]);
    const previous = { ok: false, code: "invalid_input", message: "Some fields need attention.", fieldErrors: { name: "Too long" } };
    const shapes: unknown[][] = [
      [{ address: "GABC", networkPassphrase: "Test SDF Network ; September 2015", proof: "message", wallet: undefined }],
      [{ keyId: "k1", enabled: true }],
      [{ keyId: "k1", range: "24h", at: new Date("2026-12-07T10:00:00Z") }],
      [null, profile], // useActionState's first submission
      [previous, profile], // and a later one, with the previous result
      [{ ok: true, data: { expiresAt: new Date(0), message: undefined, list: [1, "$2", null] } }, form([["name", "x"]])],
      [], // disconnect()
      [{ s: "$$", t: "$undefined", n: Number.NaN, i: Infinity, m: -Infinity, z: -0 }],
    ];
    for (const args of shapes) expect(await refusalOf(args), JSON.stringify(args)).toBeNull();
  });

  it("accepts forms posted without JavaScript, by id or by reference with bound state", () => {
    const id = "7f4a42950d54f3cc3e4b969bf90153c785fefd5d27";
    expect(
      formPostAction(
        form([
          [`$ACTION_ID_${id}`, ""],
          ["justification", "We pay 40k suppliers"],
        ]),
      ),
    ).toEqual({ id });
    const bound = form([
      ["$ACTION_REF_1", ""],
      ["$ACTION_1:0", JSON.stringify({ id, bound: "$@1" })],
      ["$ACTION_1:1", "[null]"],
      ["$ACTION_KEY", "k3016245917"],
      ["justification", "x"],
    ]);
    expect(formPostAction(bound)).toEqual({ id });
  });
});

describe("server-action bodies: what React's decoder throws on is refused first", () => {
  it("refuses the reported bodies, each with a message", () => {
    for (const body of [
      '["$F1"]',
      '["$h"]',
      '["$Q1"]',
      '["$W1"]',
      '["$i1"]',
      '["$l1"]',
      '[{"a":"$Y"}]',
      '["$B1"]',
      '["$n1x"]',
      '["$0:a"]',
      '["$1"]',
    ]) {
      expect(refuseActionText(body), body).toMatch(/reference Keyport's pages never send/);
    }
    expect(refuseActionText('{"a":1}')).toMatch(/list of arguments/);
    expect(refuseActionText('"x"')).toMatch(/list of arguments/);
    expect(refuseActionText("[")).toMatch(/not valid JSON/);
    expect(refuseActionText("[1,2,3]")).toMatch(/more than 2 arguments/);
    expect(refuseActionText('["$T"]')).not.toBeNull(); // a temporary reference: none of the actions takes one
    expect(refuseActionText('["$K1"]')).not.toBeNull(); // a FormData needs a multipart body
  });

  it("refuses multipart bodies whose part 0 is not a list, missing, a file, or with parts no argument owns", () => {
    expect(refuseActionForm(form([["0", "not json"]]))).toMatch(/not valid JSON/);
    expect(refuseActionForm(form([["1", "[]"]]))).toMatch(/one text part/);
    expect(refuseActionForm(form([["0", new File(["[]"], "x")]]))).toMatch(/one text part/);
    expect(
      refuseActionForm(
        form([
          ["0", '["$Q1"]'],
          ["1", "[]"],
        ]),
      ),
    ).toMatch(/never send/);
    expect(
      refuseActionForm(
        form([
          ["0", '[null,"$K1"]'],
          ["_2_name", "x"],
        ]),
      ),
    ).toMatch(/belongs to no argument/);
    expect(
      refuseActionForm(
        form([
          ["0", '["$B1"]'],
          ["1", new File(["x"], "x")],
        ]),
      ),
    ).toMatch(/never send/);
  });

  it("refuses forms posted without JavaScript that React's decodeAction would throw on", () => {
    const refused = (entries: [string, string][]) => "refused" in formPostAction(form(entries));
    expect(refused([["name", "a form post that names no action"]])).toBe(true);
    expect(refused([["$ACTION_REF_1", ""]])).toBe(true);
    expect(
      refused([
        ["$ACTION_REF_1", ""],
        ["$ACTION_1:0", '{ "id": "x", "bound": null }'],
      ]),
    ).toBe(true);
    expect(
      refused([
        ["$ACTION_REF_1", ""],
        ["$ACTION_1:0", "zz"],
      ]),
    ).toBe(true);
    expect(
      refused([
        ["$ACTION_REF_1", ""],
        ["$ACTION_1:0", '{"id":"x","bound":"$@1"}'],
        ["$ACTION_1:1", '["$Q5"]'],
      ]),
    ).toBe(true);
    expect(
      refused([
        ["$ACTION_REF_1", ""],
        ["$ACTION_1:0", '{"id":"x","bound":"$Q1"}'],
      ]),
    ).toBe(true);
    expect(
      refused([
        ["$ACTION_ID_a", ""],
        ["$ACTION_ID_b", ""],
      ]),
    ).toBe(true);
    expect(
      refused([
        ["$ACTION_ID_a", ""],
        ["$ACTION_2:0", "{}"],
      ]),
    ).toBe(true);
  });

  // The property that matters: nothing this lets through makes React's decoder throw.
  it("every body it accepts, React's decoder decodes into an argument list (fuzzed)", async () => {
    const prefix = fc.constantFrom(..."$@hHTQWKiIN-uDnAOoUSsLlGgMmVBRrXxFYZ019a");
    const ref = fc.tuple(prefix, fc.constantFrom("", "0", "1", "2", "1:a", "0:0", "1x", "ff")).map(([p, r]) => `$${p}${r}`);
    const leaf = fc.oneof(ref, fc.string({ maxLength: 8 }), fc.integer(), fc.constant(null), fc.boolean());
    const { v: value } = fc.letrec<{ v: unknown }>((tie) => ({
      v: fc.oneof(
        { depthSize: "small" },
        leaf,
        fc.array(tie("v"), { maxLength: 3 }),
        fc.dictionary(fc.string({ maxLength: 4 }), tie("v"), { maxKeys: 3 }),
      ),
    }));
    const text = fc.oneof(
      value.map((v) => JSON.stringify(v)),
      fc.array(value, { maxLength: 3 }).map((a) => JSON.stringify(a)),
    );
    const name = fc.constantFrom("0", "1", "2", "_1_a", "_2_b", "S1", "x");
    const multipart = fc
      .array(fc.tuple(name, fc.oneof(text, fc.constant("[]")), fc.boolean()), { maxLength: 5 })
      .map((parts) => form(parts.map(([n, v, file]) => [n, file ? new File([v], "f.bin") : v])));
    const bodies = fc.sample(fc.oneof(text, multipart), { numRuns: 3000, seed: 20261207 });
    const accepted = bodies.filter((b) => (typeof b === "string" ? refuseActionText(b) : refuseActionForm(b)) === null);
    const refusedByReact = decode(accepted)
      .map((result, i) => ({ result, body: accepted[i] }))
      .filter(({ result }) => result !== "ok");
    expect(refusedByReact).toEqual([]);
    // And the generator is not trivial: it makes React throw on much of what is refused.
    const refusedHere = bodies.filter((b) => !accepted.includes(b)).slice(0, 300);
    expect(decode(refusedHere).filter((r) => r !== "ok").length).toBeGreaterThan(100);
    expect(accepted.length).toBeGreaterThan(200);
  });
});
