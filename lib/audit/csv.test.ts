import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { auditCsvChunk, auditCsvFilename } from "./csv";
import type { AuditView } from "./view";

const event = (over: Partial<AuditView> = {}): AuditView => ({
  id: "e1",
  createdAt: "2026-11-25T19:54:47.123Z",
  actor: { id: "u1", name: "Ada Lovelace", address: "GABCDEFGHIJKLMNOPQRSTUVWXYZ234567ABCDEFGHIJKLMNOPQRSWXYZ" },
  action: "admin.key.disable",
  actionLabel: "Disabled key (admin)",
  target: { kind: "api_key", id: "k1", name: "crm-sync", masked: "kp_test_4fQ0…a1B2" },
  details: [{ label: "Reason", value: "Found in a public repository" }],
  ip: "192.0.2.9",
  stepUp: null,
  ...over,
});

describe("audit CSV", () => {
  it("starts with a byte-order mark and the header, then one row per event", () => {
    const csv = auditCsvChunk([event()], true);
    expect(csv.startsWith("\uFEFFTime (UTC),Actor name,Actor address,Action,Action code,Target,Details,IP,Signed receipt (JSON)\r\n")).toBe(
      true,
    );
    expect(auditCsvChunk([event()], false).startsWith("2026-11-25T19:54:47.123Z,Ada Lovelace,")).toBe(true);
  });

  it("carries a signed receipt as JSON that reads back whole", () => {
    const stepUp = {
      receipt: "Keyport asks…\nG…",
      proof: "message" as const,
      signature: "c2ln",
      signer: "GABC",
      wallet: "freighter",
      networkPassphrase: "Test",
    };
    const [, row] = parse(auditCsvChunk([event({ stepUp })], true), { bom: true }) as string[][];
    expect(JSON.parse(row!.at(-1)!)).toEqual(stepUp);
  });

  it("neutralises cells a spreadsheet would run as formulas, and quotes them", () => {
    const evil = event({
      actor: { id: "u1", name: "@SUM(1+1)", address: "GA" },
      target: { kind: "api_key", id: "k1", name: '=HYPERLINK("http://x")', masked: "kp_test_4fQ0…" },
      details: [],
      ip: "-1",
    });
    const line = auditCsvChunk([evil], false);
    expect(line).toContain(`"'=HYPERLINK(""http://x"") · kp_test_4fQ0…"`);
    const [row] = parse(line) as string[][];
    expect(row).toEqual([
      "2026-11-25T19:54:47.123Z",
      "'@SUM(1+1)",
      "GA",
      "Disabled key (admin)",
      "admin.key.disable",
      `'=HYPERLINK("http://x") · kp_test_4fQ0…`,
      "",
      "'-1",
      "",
    ]);
  });

  it("names a system actor, a deleted target and a user target with their full address", () => {
    const rows = parse(
      auditCsvChunk(
        [
          event({ actor: null, target: { kind: "missing", type: "api_key", id: "cmwwa0gd7" }, ip: null, details: [] }),
          event({ target: { kind: "user", id: "u2", name: null, address: "GUSER" } }),
        ],
        false,
      ),
    ) as string[][];
    expect(rows.map((r) => [r[1], r[2], r[5], r[7]])).toEqual([
      ["System", "", "Deleted key cmwwa0gd7", ""],
      ["Ada Lovelace", expect.stringMatching(/^GABCD/), "GUSER", "192.0.2.9"],
    ]);
  });

  it("is named for the UTC day of the export", () => {
    expect(auditCsvFilename(new Date("2026-01-31T23:30:00-05:00"))).toBe("keyport-audit-2026-02-01.csv");
  });
});
