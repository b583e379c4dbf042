import { describe, expect, it } from "vitest";
import { tally } from "./multisig";

const account = {
  thresholds: { high: 2 },
  signers: [
    { key: "GA", weight: 1 },
    { key: "GB", weight: 1 },
    { key: "GC", weight: 1 },
  ],
};

describe("multisig tally", () => {
  it("a 2-of-3 account needs two of its signers", () => {
    expect(tally(account, ["GA"])).toMatchObject({ weight: 1, required: 2, missing: 1, met: false });
    expect(tally(account, ["GA", "GC"])).toMatchObject({ weight: 2, missing: 0, met: true });
  });

  it("counts an address once, and an address that is not a signer for nothing", () => {
    expect(tally(account, ["GA", "GA", "GX"])).toMatchObject({
      weight: 1,
      met: false,
      counted: [
        { address: "GA", weight: 1 },
        { address: "GX", weight: 0 },
      ],
    });
  });

  it("a high threshold of 0 still needs one signature", () => {
    const zero = { ...account, thresholds: { high: 0 } };
    expect(tally(zero, [])).toMatchObject({ required: 1, met: false });
    expect(tally(zero, ["GB"])).toMatchObject({ met: true });
  });
});
