import { describe, expect, it } from "vitest";
import { describeDetails, detailText, utcDateTime } from "./details";

const texts = (details: unknown, keys: [string, string][] = []) => describeDetails(details, { keys: new Map(keys) }).map(detailText);

describe("audit details as readable lines", () => {
  it("lists a new key's fields in reading order, whatever order jsonb kept them in", () => {
    const created = { scopes: ["escrows:read", "escrows:write"], expiresAt: null, network: "testnet", name: "crm-sync" };
    expect(texts(created)).toEqual(["Name: crm-sync", "Network: Testnet", "Scopes: escrows:read, escrows:write", "Expires: Never"]);
    expect(texts({ name: "a", expiresAt: "2027-03-01T23:59:59.999Z" })).toEqual(["Name: a", "Expires: 2027-03-01 23:59 UTC"]);
  });

  it("turns an edit into one before → after line per changed field", () => {
    const edit = {
      before: { name: "crm-sync", description: null, scopes: ["escrows:read"] },
      after: { name: "crm-sync-prod", description: null, scopes: ["escrows:read", "webhooks:write"] },
    };
    expect(describeDetails(edit)).toEqual([
      { label: "Name", before: "crm-sync", after: "crm-sync-prod" },
      { label: "Scopes", before: "escrows:read", after: "escrows:read, webhooks:write" },
    ]);
    expect(texts({ before: { description: null }, after: { description: "Nightly sync" } })).toEqual(["Description: — → Nightly sync"]);
    expect(texts({ before: { name: "x" }, after: { name: "x" } })).toEqual(["Changes: none"]);
  });

  it("names a rotation's new key, its overlap and when the old key stops", () => {
    const rotation = { successorId: "k2", overlap: "24h", oldKeyStopsAt: "2026-11-26T10:00:00.000Z" };
    expect(texts(rotation, [["k2", "crm-sync · kp_test_4fQ0…a1B2"]])).toEqual([
      "New key: crm-sync · kp_test_4fQ0…a1B2",
      "Overlap: 24 hours",
      "Old key stops: 2026-11-26 10:00 UTC",
    ]);
    expect(texts({ successorId: "gone", overlap: "none" })).toEqual(["New key: a deleted key", "Overlap: None (stopped at once)"]);
    // Ids kept for joins are not for people (#25.18).
    expect(texts({ requestId: "cmxd4k9ym000eey7dsci435rk", justification: "Payroll" })).toEqual(["Justification: Payroll"]);
    // A multisig team's approval says what it asks and whose signers decide, not its row id.
    const account = "GBRPYHIL2CI3FNQ4BXLFMNDLFJUNPU2HY3ZMFSHONUCEOASW7QC7OX2H";
    expect(texts({ approvalId: "cmxdzjwo800ad6e7d0n0hbdkz", action: "key.create", account })).toEqual([
      "Change: Create an API key",
      `Stellar account: ${account}`,
    ]);
  });

  it("shows admins' reasons and counts plainly, and unknown fields under their raw names", () => {
    expect(texts({ sessionsEnded: 2, reason: "Chargeback fraud" })).toEqual(["Reason: Chargeback fraud", "Sessions ended: 2"]);
    expect(texts({ keysDisabled: 3 })).toEqual(["Mainnet keys disabled: 3"]);
    expect(texts({ zeta: { a: 1 }, alpha: true })).toEqual(["alpha: true", 'zeta: {"a":1}']);
    expect(texts({ before: "x" })).toEqual(["before: x"]);
    expect(texts("legacy text")).toEqual(["Details: legacy text"]);
    expect(texts(null)).toEqual([]);
  });

  it("keeps an unparseable time as it was stored", () => {
    expect(utcDateTime("not a date")).toBe("not a date");
  });
});
