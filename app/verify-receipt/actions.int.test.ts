// The public receipt check as the page calls it: a real receipt verifies, an edited one does
// not, anything else is told what was expected, and one network gets RECEIPT_CHECKS_PER_MINUTE
// checks a minute. The request headers are the input substituted (they need a live request).
import { Keypair, Networks } from "@stellar/stellar-sdk";
import { describe, expect, it, vi } from "vitest";

const ctx = vi.hoisted(() => ({ ip: "198.51.100.1" }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ host: "keyport.test", "x-forwarded-for": ctx.ip }) }));

import { RECEIPT_CHECKS_PER_MINUTE } from "@/lib/limits/limits";
import { formatReceipt } from "@/lib/wallets/receipt";
import { verifyReceipt } from "./actions";

const signer = Keypair.random();
const receipt = formatReceipt(
  {
    action: "member.role_change",
    workspace: { slug: "acme", name: "Acme", personal: false },
    member: signer.publicKey(),
    role: { before: "Viewer", after: "Admin" },
  },
  {
    signer: signer.publicKey(),
    domain: "keyport.test",
    nonce: "b".repeat(32),
    issuedAt: new Date(),
    expiresAt: new Date(Date.now() + 300_000),
  },
);
const exported = {
  receipt,
  proof: "message",
  signature: Buffer.from(signer.signMessage(receipt)).toString("base64"),
  signer: signer.publicKey(),
  networkPassphrase: Networks.TESTNET,
};
const check = (json: string) => {
  const form = new FormData();
  form.append("json", json);
  return verifyReceipt(null, form);
};

describe("/verify-receipt", () => {
  it("says a receipt is valid, an edited one is not, and what a paste that is no receipt lacks", async () => {
    ctx.ip = "198.51.100.1";
    expect(await check(JSON.stringify({ stepUp: exported }))).toMatchObject({
      ok: true,
      data: { valid: true, signer: signer.publicKey() },
    });
    const edited = { ...exported, receipt: receipt.replace("Admin", "Owner") };
    expect(await check(JSON.stringify(edited))).toMatchObject({ ok: true, data: { valid: false } });
    expect(await check("{not json")).toMatchObject({ ok: false, code: "invalid_input", message: expect.stringContaining("not JSON") });
    expect(await check('{"receipt":"x"}')).toMatchObject({
      ok: false,
      code: "invalid_input",
      message: expect.stringContaining("not a signed receipt"),
    });
  });

  it(`answers ${RECEIPT_CHECKS_PER_MINUTE} checks a minute from one network, then says to wait; another network is unaffected`, async () => {
    ctx.ip = "198.51.100.2";
    const answers = [];
    for (let i = 0; i < RECEIPT_CHECKS_PER_MINUTE + 5; i++) answers.push(await check(JSON.stringify(exported)));
    expect(answers.filter((a) => a.ok)).toHaveLength(RECEIPT_CHECKS_PER_MINUTE);
    expect(answers.filter((a) => !a.ok)).toEqual(
      Array(5).fill(expect.objectContaining({ code: "rate_limited", message: expect.stringContaining("Too many receipts checked") })),
    );
    ctx.ip = "198.51.100.3";
    expect(await check(JSON.stringify(exported))).toMatchObject({ ok: true, data: { valid: true } });
  });
});
