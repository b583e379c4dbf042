import { randomBytes } from "node:crypto";
import { Account, Asset, BASE_FEE, Keypair, Networks, Operation, Transaction, TransactionBuilder, type xdr } from "@stellar/stellar-sdk";
import { afterEach, describe, expect, it, vi } from "vitest";
import { buildChallengeTransaction, verifyChallengeTransaction, type ExpectedChallengeTx, type Sep10Domains } from "./sep10";

const server = Keypair.random();
const client = Keypair.random();
const other = Keypair.random();
const testnet = Networks.TESTNET;
const domains: Sep10Domains = { homeDomain: "keys.example.com", webAuthDomain: "keys.example.com" };

/** What the server stored for a challenge it issued, as verifySignIn passes it. */
function expectedFor(issued: { hash: string }, overrides: Partial<ExpectedChallengeTx> = {}): ExpectedChallengeTx {
  return {
    serverAccountId: server.publicKey(),
    address: client.publicKey(),
    networkPassphrase: testnet,
    transactionHash: issued.hash,
    ...domains,
    ...overrides,
  };
}

/** What a wallet does: parse, sign with its key, serialize. */
function signAs(challengeXdr: string, signers: Keypair[], passphrase = testnet): string {
  const tx = new Transaction(challengeXdr, passphrase);
  for (const kp of signers) tx.sign(kp);
  return tx.toXDR();
}

/** A hand-built challenge-shaped transaction, for shapes buildChallengeTx would never produce. */
function craft(ops: xdr.Operation[], signer = server, source = server.publicKey()) {
  const now = Math.floor(Date.now() / 1000);
  const builder = new TransactionBuilder(new Account(source, "-1"), {
    fee: BASE_FEE,
    networkPassphrase: testnet,
    timebounds: { minTime: now, maxTime: now + 300 },
  });
  for (const op of ops) builder.addOperation(op);
  const tx = builder.build();
  tx.sign(signer);
  return { xdr: tx.toXDR(), hash: Buffer.from(tx.hash()).toString("hex") };
}
/** Changes one byte of the transaction body (its fee), as an attacker would, keeping the signatures. */
function tamper(envelopeXdr: string): string {
  const bytes = Buffer.from(envelopeXdr, "base64");
  // Envelope type (4 bytes), source account (4 + 32), then the fee (uint32).
  bytes.writeUInt32BE(bytes.readUInt32BE(40) + 1, 40);
  return bytes.toString("base64");
}
const authOp = (home = domains.homeDomain, source = client.publicKey()) =>
  Operation.manageData({ name: `${home} auth`, value: randomBytes(48).toString("base64"), source });
const webAuthOp = (value = domains.webAuthDomain) => Operation.manageData({ name: "web_auth_domain", value, source: server.publicKey() });

function refused(signedXdr: string, expected: ExpectedChallengeTx, now?: Date) {
  let result: ReturnType<typeof verifyChallengeTransaction> | undefined;
  expect(() => (result = verifyChallengeTransaction(signedXdr, expected, now))).not.toThrow();
  expect(result?.ok).toBe(false);
  return result && !result.ok ? result.reason : "accepted";
}

afterEach(() => {
  vi.useRealTimers();
});

describe("buildChallengeTransaction", () => {
  it("builds a server-signed SEP-10 challenge for the address that expires in five minutes", () => {
    const before = Date.now();
    const issued = buildChallengeTransaction(server, client.publicKey(), testnet, domains);
    const tx = new Transaction(issued.xdr, testnet);
    expect(tx.source).toBe(server.publicKey());
    expect(tx.sequence).toBe("0");
    expect(tx.operations.map((op) => [op.type, op.source])).toEqual([
      ["manageData", client.publicKey()],
      ["manageData", server.publicKey()],
    ]);
    expect(tx.signatures).toHaveLength(1);
    expect(issued.hash).toBe(Buffer.from(tx.hash()).toString("hex"));
    expect(issued.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(issued.expiresAt.getTime() - Math.floor(before / 1000) * 1000).toBeLessThanOrEqual(5 * 60 * 1000 + 1000);
    expect(issued.expiresAt.getTime()).toBeGreaterThanOrEqual(before + 5 * 60 * 1000 - 1000);
  });

  it("uses a fresh nonce each time", () => {
    const hashes = new Set(Array.from({ length: 20 }, () => buildChallengeTransaction(server, client.publicKey(), testnet, domains).hash));
    expect(hashes.size).toBe(20);
  });
});

describe("verifyChallengeTransaction", () => {
  const issued = buildChallengeTransaction(server, client.publicKey(), testnet, domains);

  it("accepts the issued challenge signed by the address", () => {
    expect(verifyChallengeTransaction(signAs(issued.xdr, [client]), expectedFor(issued))).toEqual({ ok: true });
  });

  it("refuses a tampered transaction, even one the client signed after the change", () => {
    const tampered = tamper(issued.xdr);
    expect(new Transaction(tampered, testnet).fee).not.toBe(new Transaction(issued.xdr, testnet).fee);
    expect(refused(signAs(tampered, [client]), expectedFor(issued))).toBe("invalid");
    const signedThenTampered = tamper(signAs(issued.xdr, [client]));
    expect(refused(signedThenTampered, expectedFor(issued))).toBe("invalid");
  });

  it("refuses a challenge re-signed by another server key", () => {
    const stripped = new Transaction(issued.xdr, testnet);
    stripped.signatures.splice(0);
    stripped.sign(other);
    stripped.sign(client);
    const resigned = stripped.toXDR();
    expect(new Transaction(resigned, testnet).signatures).toHaveLength(2);
    expect(refused(resigned, expectedFor(issued))).toBe("invalid");
    const theirs = buildChallengeTransaction(other, client.publicKey(), testnet, domains);
    expect(refused(signAs(theirs.xdr, [client]), expectedFor(theirs))).toBe("invalid");
  });

  it("refuses when checked against another server key", () => {
    expect(refused(signAs(issued.xdr, [client]), expectedFor(issued, { serverAccountId: other.publicKey() }))).toBe("invalid");
  });

  it("refuses extra operations, even ones signed by the server key", () => {
    const extraData = craft([authOp(), webAuthOp(), Operation.manageData({ name: "extra", value: "x", source: server.publicKey() })]);
    expect(refused(signAs(extraData.xdr, [client]), expectedFor(issued))).toBe("not_issued");
    const payment = craft([
      authOp(),
      webAuthOp(),
      Operation.payment({ destination: other.publicKey(), asset: Asset.native(), amount: "1" }),
    ]);
    expect(refused(signAs(payment.xdr, [client]), expectedFor(payment))).toBe("invalid");
  });

  it("refuses missing operations", () => {
    const onlyAuth = craft([authOp()]);
    expect(refused(signAs(onlyAuth.xdr, [client]), expectedFor(issued))).toBe("not_issued");
    const onlyWebAuth = craft([webAuthOp()]);
    expect(refused(signAs(onlyWebAuth.xdr, [client]), expectedFor(onlyWebAuth))).toBe("invalid");
  });

  it("refuses another home domain or web auth domain", () => {
    const home = buildChallengeTransaction(server, client.publicKey(), testnet, { ...domains, homeDomain: "keys.evil.example" });
    expect(refused(signAs(home.xdr, [client]), expectedFor(home))).toBe("invalid");
    const webAuth = buildChallengeTransaction(server, client.publicKey(), testnet, { ...domains, webAuthDomain: "keys.evil.example" });
    expect(refused(signAs(webAuth.xdr, [client]), expectedFor(webAuth))).toBe("invalid");
    expect(refused(signAs(issued.xdr, [client]), expectedFor(issued, { homeDomain: "other.example.com" }))).toBe("invalid");
  });

  it("refuses an expired challenge, within the SDK's five-minute grace too", () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() - 6 * 60 * 1000);
    const recent = buildChallengeTransaction(server, client.publicKey(), testnet, domains);
    vi.setSystemTime(Date.now() - 6 * 60 * 1000);
    const old = buildChallengeTransaction(server, client.publicKey(), testnet, domains);
    vi.useRealTimers();
    // maxTime passed a minute ago: the SDK's grace would accept it, our five minutes do not.
    expect(refused(signAs(recent.xdr, [client]), expectedFor(recent))).toBe("expired");
    expect(refused(signAs(old.xdr, [client]), expectedFor(old))).toBe("invalid");
    // And the clock the server passes in counts, not only the transaction's own bounds.
    expect(refused(signAs(issued.xdr, [client]), expectedFor(issued), issued.expiresAt)).toBe("expired");
  });

  it("refuses another network passphrase, on either side", () => {
    expect(refused(signAs(issued.xdr, [client]), expectedFor(issued, { networkPassphrase: Networks.PUBLIC }))).toBe("invalid");
    // The wallet signed on Mainnet: its signature covers another hash.
    expect(refused(signAs(issued.xdr, [client], Networks.PUBLIC), expectedFor(issued))).toBe("bad_signature");
  });

  it("refuses a challenge without the client's signature", () => {
    expect(refused(issued.xdr, expectedFor(issued))).toBe("bad_signature");
  });

  it("refuses a challenge issued for another address, signed by either", () => {
    const forOther = buildChallengeTransaction(server, other.publicKey(), testnet, domains);
    expect(refused(signAs(forOther.xdr, [other]), expectedFor(forOther))).toBe("address_mismatch");
    expect(refused(signAs(forOther.xdr, [client]), expectedFor(forOther))).toBe("address_mismatch");
  });

  it("refuses a signature by another account, alone or next to the client's", () => {
    expect(refused(signAs(issued.xdr, [other]), expectedFor(issued))).toBe("bad_signature");
    expect(refused(signAs(issued.xdr, [client, other]), expectedFor(issued))).toBe("bad_signature");
  });

  it.each([
    ["empty", ""],
    ["not base64", "!!!!"],
    ["short base64", "AAAA"],
    ["random bytes", randomBytes(300).toString("base64")],
    ["a SEP-53 signature", Buffer.from(client.signMessage("hello")).toString("base64")],
    ["a muxed server key", issued.xdr],
  ])("refuses malformed input (%s) without throwing", (label, bad) => {
    const expected =
      label === "a muxed server key"
        ? expectedFor(issued, { serverAccountId: "MA7QYNF7SOWQ3GLR2BGMZEHXAVIRZA4KVWLTJJFC7MGXUA74P7UJUAAAAAAAAAAAACJUQ" })
        : expectedFor(issued);
    expect(refused(bad, expected)).toBe("invalid");
  });

  it("refuses a fee-bump envelope around the signed challenge", () => {
    const inner = new Transaction(signAs(issued.xdr, [client]), testnet);
    const bump = TransactionBuilder.buildFeeBumpTransaction(client, "200", inner, testnet);
    bump.sign(client);
    expect(refused(bump.toXDR(), expectedFor(issued))).toBe("invalid");
  });
});
