import { describe, expect, it } from "vitest";
import { Keypair } from "@stellar/stellar-sdk";
import { formatReceipt, readReceipt, receiptHash, type ReceiptEnvelope, type ReceiptSubject } from "./receipt";

const signer = Keypair.random().publicKey();
const envelope: ReceiptEnvelope = {
  signer,
  domain: "keyport.example",
  nonce: "0123456789abcdef0123456789abcdef",
  issuedAt: new Date("2026-12-07T20:00:00.000Z"),
  expiresAt: new Date("2026-12-07T20:05:00.000Z"),
};
const workspace = { slug: "acme", name: "Acme payouts", personal: false };
const create: ReceiptSubject = {
  action: "key.create",
  workspace,
  key: {
    name: "payouts-prod",
    network: "mainnet",
    scopes: ["escrows:write", "escrows:read"],
    expiresAt: new Date("2027-06-01T00:00:00.000Z"),
    allowedIps: ["203.0.113.0/24", "198.51.100.7"],
  },
};

describe("the step-up receipt", () => {
  it("is deterministic, and lists are sets (their order is no difference)", () => {
    expect(formatReceipt(create, envelope)).toBe(formatReceipt(structuredClone(create), { ...envelope }));
    const reordered = {
      ...create,
      key: { ...create.key, scopes: ["escrows:read", "escrows:write"], allowedIps: ["198.51.100.7", "203.0.113.0/24"] },
    };
    expect(formatReceipt(reordered, envelope)).toBe(formatReceipt(create, envelope));
  });

  it("names the action and everything it grants", () => {
    const text = formatReceipt(create, envelope);
    for (const part of [
      "Action: Create an API key",
      'Workspace: "Acme payouts" (acme)',
      'Key name: "payouts-prod"',
      "Network: Mainnet",
      "Scopes: escrows:read, escrows:write",
      "Expires: 2027-06-01 (UTC)",
      "IP allowlist: 198.51.100.7, 203.0.113.0/24",
      "Domain: keyport.example",
      `Nonce: ${envelope.nonce}`,
      "Expires At: 2026-12-07T20:05:00.000Z",
      signer,
    ])
      expect(text).toContain(part);
  });

  it("changes when any granted field, the signer or the nonce changes", () => {
    const base = formatReceipt(create, envelope);
    const variants: ReceiptSubject[] = [
      { ...create, workspace: { ...workspace, slug: "acme-2" } },
      { ...create, workspace: { ...workspace, name: "Acme" } },
      { ...create, key: { ...create.key, name: "payouts" } },
      { ...create, key: { ...create.key, network: "testnet" } },
      { ...create, key: { ...create.key, scopes: ["escrows:read"] } },
      { ...create, key: { ...create.key, expiresAt: null } },
      { ...create, key: { ...create.key, expiresAt: new Date("2027-06-02T00:00:00.000Z") } },
      { ...create, key: { ...create.key, allowedIps: [] } },
    ];
    const texts = variants.map((v) => formatReceipt(v, envelope));
    for (const t of texts) expect(t).not.toBe(base);
    expect(new Set(texts).size).toBe(texts.length);
    expect(formatReceipt(create, { ...envelope, nonce: "f".repeat(32) })).not.toBe(base);
    expect(formatReceipt(create, { ...envelope, signer: Keypair.random().publicKey() })).not.toBe(base);
  });

  it("names the expiry's day, so a relative expiry counted again seconds later is the same receipt", () => {
    const later = { ...create, key: { ...create.key, expiresAt: new Date("2027-06-01T00:00:04.500Z") } };
    expect(formatReceipt(later, envelope)).toBe(formatReceipt(create, envelope));
  });

  it("quotes names, so a name cannot forge a line", () => {
    const forged = { ...create, key: { ...create.key, name: 'x"\nNetwork: Testnet' } };
    const text = formatReceipt(forged, envelope);
    expect(text.split("\n").filter((l) => l.startsWith("Network: "))).toEqual(["Network: Mainnet"]);
  });

  it("words every action: rotation, scope and allowlist change, role change, Mainnet approval", () => {
    const key = { id: "key_1", name: "k", network: "mainnet" as const };
    const subjects: ReceiptSubject[] = [
      {
        action: "key.rotate",
        workspace,
        key: { ...key, scopes: ["escrows:read"], allowedIps: [], lifetimeMs: 90 * 86_400_000 },
        overlap: "24h",
      },
      {
        action: "key.update",
        workspace,
        key: { ...key, expiresAt: null },
        scopes: { before: ["escrows:read"], after: ["escrows:read", "escrows:write"] },
        allowedIps: { before: [], after: ["203.0.113.9"] },
      },
      { action: "member.role_change", workspace, member: signer, role: { before: "Viewer", after: "Admin" } },
      { action: "admin.mainnet_approve", workspace: { slug: "g", name: "Personal", personal: true }, owner: signer },
    ];
    const [rotate, update, role, approve] = subjects.map((s) => formatReceipt(s, envelope));
    expect(rotate).toContain("New key expires: 90 days after the rotation");
    expect(rotate).toContain("Old key keeps working for: 24h");
    expect(update).toContain("Scopes: escrows:read -> escrows:read, escrows:write");
    expect(update).toContain("IP allowlist: any address -> 203.0.113.9");
    expect(role).toContain("Role: Viewer -> Admin");
    expect(role).toContain(`Member: ${signer}`);
    expect(approve).toContain("Workspace: personal workspace (g)");
    expect(approve).toContain(`Owner: ${signer}`);
  });

  it("has a stable hash, and reads back its signer, nonce and expiry", () => {
    const text = formatReceipt(create, envelope);
    expect(receiptHash(text)).toMatch(/^[0-9a-f]{64}$/);
    expect(receiptHash(text)).toBe(receiptHash(formatReceipt(create, envelope)));
    expect(readReceipt(text)).toEqual({ signer, nonce: envelope.nonce, expiresAt: envelope.expiresAt });
    expect(readReceipt("nonsense")).toBeNull();
  });
});
