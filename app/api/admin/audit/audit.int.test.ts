// @module-tag postgres
// The audit log as admins read and export it, on the real database: events made by the real
// data functions, read back through the two admin routes. The session is the one input
// substituted: `auth()` needs a live Next.js request.
import { signed } from "@/test/step-up";
import { parse } from "csv-parse/sync";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

const session = vi.hoisted(() => ({ current: null as null | { user: { id: string; address: string } } }));
vi.mock("@/lib/auth/config", () => ({ auth: async () => session.current }));

import { adminRevokeKey, adminSetKeyEnabled } from "@/lib/data/keys/admin";
import { setSuspended } from "@/lib/data/users/admin";
import { exportAudit, listAudit } from "@/lib/data/audit/log";
import { rotateKey, updateKey } from "@/lib/data/keys/lifecycle";
import { db } from "@/lib/database/client";
import { exportedReceiptSchema } from "@/lib/validation/receipt";
import { checkSignedReceipt } from "@/lib/wallets/receipt-check";
import type { AuditView } from "@/lib/audit/view";
import { makeKey, makeUser } from "@/test/factories";
import { GET as exportRoute } from "./export/route";
import { GET as listRoute } from "./route";

const signInAs = (u: { id: string; address: string } | null) => {
  session.current = u ? { user: { id: u.id, address: u.address } } : null;
};
const list = async (qs: string) => {
  const res = await listRoute(new Request(`http://keyport.test/api/admin/audit?pageSize=100&${qs}`));
  expect(res.status, qs).toBe(200);
  return (await res.json()) as { rows: AuditView[]; total: number };
};
const day = (d: Date, plusDays = 0) => new Date(d.getTime() + plusDays * 86_400_000).toISOString().slice(0, 10);
const masked = async (id: string) => {
  const k = await db.apiKey.findUniqueOrThrow({ where: { id } });
  return `${k.start}…${k.end ?? ""}`;
};

let f: Awaited<ReturnType<typeof story>>;

/** One small history: Grace makes, edits and rotates a key; Ada (an admin) disables it and suspends Grace. */
async function story() {
  const [admin, owner, stranger] = [await makeUser(), await makeUser(), await makeUser()];
  await db.user.update({ where: { id: admin.id }, data: { role: "admin", name: "Ada Lovelace" } });
  await db.user.update({ where: { id: owner.id }, data: { name: "Grace Hopper" } });
  // An older key: a scope no operation checks any more, which an edit may drop but not add (#25.4).
  const { key } = await makeKey(owner, { name: "crm-sync", scopes: ["escrows:read", "webhooks:write"] });
  await signed(owner, (s) =>
    updateKey(
      owner,
      owner.workspaceId,
      key.id,
      {
        name: "crm-sync-prod",
        description: null,
        scopes: ["escrows:read"],
      },
      s,
    ),
  );
  const rotated = await signed(owner, (s) => rotateKey(owner, owner.workspaceId, key.id, "24h", s));
  if (!rotated.ok) throw new Error(rotated.code);
  const successor = rotated.data.key;
  await adminSetKeyEnabled(admin, successor.id, false, "Found in a public repository");
  await setSuspended(admin, owner.id, true, "Chargeback fraud");
  return { admin, owner, stranger, key, successor };
}

beforeAll(async () => {
  f = await story();
});
beforeEach(() => signInAs(f.admin));

describe("the audit log reads as words", () => {
  it("names actors, targets and actions, and shows details as before/after lines", async () => {
    const { rows } = await list(`target=${f.owner.address}`);
    expect(rows.map((r) => r.actionLabel)).toEqual(["Suspended user"]);
    expect(rows[0]).toMatchObject({
      actor: { id: f.admin.id, name: "Ada Lovelace", address: f.admin.address },
      target: { kind: "user", id: f.owner.id, name: "Grace Hopper", address: f.owner.address },
      details: [
        { label: "Reason", value: "Chargeback fraud" },
        { label: "Sessions ended", value: "0" },
      ],
      ip: "203.0.113.7",
    });

    const onKey = (await list(`target=${f.key.start}`)).rows.filter((r) => r.target.id === f.key.id).reverse();
    const oldKey = { kind: "api_key", id: f.key.id, name: "crm-sync-prod", masked: await masked(f.key.id) };
    expect(oldKey.masked).toMatch(/^kp_test_\w{4}…\w{4}$/);
    expect(onKey.map((r) => [r.action, r.actionLabel])).toEqual([
      ["key.create", "Created key"],
      ["key.update", "Edited key"],
      ["key.rotate", "Rotated key"],
    ]);
    for (const r of onKey) expect(r).toMatchObject({ actor: { name: "Grace Hopper", address: f.owner.address }, target: oldKey });
    expect(onKey[0]!.details).toEqual([
      { label: "Name", value: "crm-sync" },
      { label: "Network", value: "Testnet" },
      { label: "Scopes", value: "escrows:read, webhooks:write" },
      { label: "Expires", value: "Never" },
    ]);
    expect(onKey[1]!.details).toEqual([
      { label: "Name", before: "crm-sync", after: "crm-sync-prod" },
      { label: "Scopes", before: "escrows:read, webhooks:write", after: "escrows:read" },
    ]);
    expect(onKey[2]!.details).toEqual([
      { label: "New key", value: `crm-sync-prod · ${await masked(f.successor.id)}` },
      { label: "Overlap", value: "24 hours" },
      { label: "Old key stops", value: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d UTC$/) },
    ]);

    const [disabled] = (await list("action=admin.key.disable")).rows;
    expect(disabled).toMatchObject({
      actionLabel: "Disabled key (admin)",
      actor: { name: "Ada Lovelace" },
      target: { kind: "api_key", name: "crm-sync-prod", masked: await masked(f.successor.id) },
      details: [{ label: "Reason", value: "Found in a public repository" }],
    });
  });

  it("shows an older key's prefix alone, a nameless actor by address, and a deleted target by its id", async () => {
    const nameless = await makeUser();
    const { key } = await makeKey(nameless, { name: "legacy" });
    await db.apiKey.update({ where: { id: key.id }, data: { end: null } });
    expect((await list(`target=${key.id}`)).rows[0]).toMatchObject({
      actor: { name: null, address: nameless.address },
      target: { kind: "api_key", name: "legacy", masked: `${key.start}…` },
    });
    await db.user.delete({ where: { id: nameless.id } });
    expect((await list(`target=${key.id}`)).rows[0]).toMatchObject({
      actor: { id: nameless.id, name: null, address: nameless.address },
      target: { kind: "missing", type: "api_key", id: key.id },
      actionLabel: "Created key",
    });
  });

  it("names a page's targets with one query per table, however many rows it has", async () => {
    const keys = vi.spyOn(db.apiKey, "findMany");
    const users = vi.spyOn(db.user, "findMany");
    const page = await listAudit({ page: 1, pageSize: 100 });
    expect(page.rows.length).toBeGreaterThan(5);
    expect(page.rows.filter((r) => r.target.kind === "api_key").length).toBeGreaterThan(2);
    expect([keys.mock.calls.length, users.mock.calls.length]).toEqual([1, 1]);
    keys.mockRestore();
    users.mockRestore();
  });
});

describe("filters", () => {
  it("by action: only that action's events", async () => {
    const { rows, total } = await list("action=key.update");
    expect(total).toBe(1);
    expect(rows.map((r) => r.target.id)).toEqual([f.key.id]);
    expect((await list("action=admin.user.role_grant")).total).toBe(0);
  });

  it("by actor and target, by name as well as by address or key prefix", async () => {
    const byGrace = await list("actor=grace");
    expect(byGrace.rows.length).toBeGreaterThan(0);
    expect(new Set(byGrace.rows.map((r) => r.actor?.address))).toEqual(new Set([f.owner.address]));
    expect((await list(`actor=${f.admin.address.slice(0, 8)}`)).rows.map((r) => r.action).sort()).toEqual([
      "admin.key.disable",
      "admin.user.suspend",
    ]);
    expect(new Set((await list("target=crm-sync-prod")).rows.map((r) => r.target.id))).toEqual(new Set([f.key.id, f.successor.id]));
  });

  it("by date: UTC days, both ends included", async () => {
    const created = await db.auditEvent.findFirstOrThrow({ where: { targetId: f.key.id, action: "key.create" } });
    const today = day(created.createdAt);
    const ids = async (qs: string) => (await list(`target=${f.key.id}&action=key.create&${qs}`)).rows.map((r) => r.id);
    expect(await ids(`from=${today}&to=${today}`)).toEqual([created.id]);
    expect(await ids(`from=${today}`)).toEqual([created.id]);
    expect(await ids(`to=${today}`)).toEqual([created.id]);
    expect(await ids(`from=${day(created.createdAt, 1)}`)).toEqual([]);
    expect(await ids(`to=${day(created.createdAt, -1)}`)).toEqual([]);
    expect(await ids("to=9999-12-31")).toEqual([created.id]);
  });

  it("by date: the first and last millisecond of a day are in it, the next midnight is not", async () => {
    // The log is append-only (inserts allowed), so these instants can be written as they are.
    const at = ["2001-04-30T23:59:59.999Z", "2001-05-01T00:00:00.000Z", "2001-05-01T23:59:59.999Z", "2001-05-02T00:00:00.000Z"];
    for (const iso of at) {
      await db.auditEvent.create({
        data: {
          actorId: f.admin.id,
          actorAddress: f.admin.address,
          action: "admin.user.role_grant",
          targetType: "user",
          targetId: f.stranger.id,
          createdAt: new Date(iso),
        },
      });
    }
    const times = async (qs: string) => (await list(`action=admin.user.role_grant&${qs}`)).rows.map((r) => r.createdAt).reverse();
    expect(await times("from=2001-05-01&to=2001-05-01")).toEqual([at[1], at[2]]);
    expect(await times("from=2001-05-02&to=2001-05-02")).toEqual([at[3]]);
    expect(await times("to=2001-04-30")).toEqual([at[0]]);
    expect(await times("from=2001-05-01")).toEqual(at.slice(1));
  });

  it("answers a bad filter with a 400 naming it, never a 500", async () => {
    for (const [qs, message] of [
      ["from=2026-02-30", "from must be a date"],
      ["to=yesterday", "to must be a date"],
      ["from=2026-01-31T00:00", "from must be a date"],
      ["from=0000-01-01", "from must be 1970-01-01 or later"],
      ["from=2026-02-01&to=2026-01-31", "start date is after the end date"],
      ["action=key.teleport", "action is not one the audit log records"],
      ["actor=G%00", "control characters"],
    ] as const) {
      for (const route of [listRoute, exportRoute]) {
        const res = await route(new Request(`http://keyport.test/api/admin/audit?${qs}`));
        expect(res.status, qs).toBe(400);
        expect(await res.json()).toMatchObject({ code: "invalid_query", status: 400, detail: expect.stringContaining(message) });
      }
    }
  });
});

describe("CSV export", () => {
  const csv = async (qs = "") => {
    const res = await exportRoute(new Request(`http://keyport.test/api/admin/audit/export?${qs}`));
    // Decoded keeping the byte-order mark that Response.text() would drop.
    return { res, text: new TextDecoder("utf-8", { ignoreBOM: true }).decode(await res.arrayBuffer()) };
  };
  const rowsOf = (text: string) => parse(text, { bom: true, columns: true }) as Record<string, string>[];

  it("is for admins only", async () => {
    for (const [who, status] of [
      [null, 401],
      [f.stranger, 403],
    ] as const) {
      signInAs(who);
      const { res, text } = await csv();
      expect(res.status).toBe(status);
      expect(res.headers.get("Content-Disposition")).toBeNull();
      expect(text).not.toContain("crm-sync");
    }
  });

  it("is a dated attachment with a header row and the filtered events in words", async () => {
    const { res, text } = await csv("action=admin.key.disable");
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("Content-Disposition")).toMatch(/^attachment; filename="keyport-audit-\d{4}-\d\d-\d\d\.csv"$/);
    expect(res.headers.get("X-Total-Count")).toBe("1");
    expect(text.split("\r\n")[0]).toBe(
      "\uFEFFTime (UTC),Actor name,Actor address,Action,Action code,Target,Details,IP,Signed receipt (JSON)",
    );
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: "admin.key.disable" } });
    expect(rowsOf(text)).toEqual([
      {
        "Time (UTC)": event.createdAt.toISOString(),
        "Actor name": "Ada Lovelace",
        "Actor address": f.admin.address,
        Action: "Disabled key (admin)",
        "Action code": "admin.key.disable",
        Target: `crm-sync-prod · ${await masked(f.successor.id)}`,
        Details: "Reason: Found in a public repository",
        IP: "203.0.113.7",
        "Signed receipt (JSON)": "",
      },
    ]);
    const edit = rowsOf((await csv("action=key.update")).text)[0];
    expect(edit?.Details).toBe("Name: crm-sync → crm-sync-prod; Scopes: escrows:read, webhooks:write → escrows:read");
    // A scope change was signed: the exported receipt verifies offline, as scripts/verify-receipt.ts does it.
    const receipt = exportedReceiptSchema.parse(JSON.parse(edit!["Signed receipt (JSON)"]!));
    expect(checkSignedReceipt(receipt)).toMatchObject({ valid: true, action: "Change an API key's scopes or IP allowlist" });
  });

  it("defuses formulas in names and reasons: a leading = or @ gets a quote, inside a quoted cell", async () => {
    const mallory = await makeUser();
    await db.user.update({ where: { id: mallory.id }, data: { name: "@SUM(1+1)" } });
    const { key } = await makeKey(mallory, { name: '=HYPERLINK("http://x")' });
    await adminRevokeKey(f.admin, key.id, '=HYPERLINK("http://y")');
    const { text } = await csv(`target=${key.id}`);
    expect(text).toContain(`"'=HYPERLINK(""http://x"") · ${await masked(key.id)}"`);
    expect(text).not.toMatch(/(^|,)"?=HYPERLINK/m);
    const [revoked, created] = rowsOf(text);
    expect(revoked).toMatchObject({ Action: "Revoked key (admin)", Details: 'Reason: =HYPERLINK("http://y")' });
    expect(created).toMatchObject({ "Actor name": "'@SUM(1+1)", Target: `'=HYPERLINK("http://x") · ${await masked(key.id)}` });
  });

  it("holds every matching event, newest first, read in batches without a gap or a repeat", async () => {
    const all = await listAudit({ page: 1, pageSize: 100 });
    const exported: string[] = [];
    const run = await exportAudit({}, { batch: 3 });
    for await (const batch of run.batches) exported.push(...batch.map((r) => r.id));
    expect(exported).toEqual(all.rows.map((r) => r.id));
    expect(run).toMatchObject({ total: all.total, exported: all.total });

    const capped = await exportAudit({}, { max: 4, batch: 3 });
    const first4: string[] = [];
    for await (const batch of capped.batches) first4.push(...batch.map((r) => r.id));
    expect(first4).toEqual(all.rows.slice(0, 4).map((r) => r.id));
    expect(capped).toMatchObject({ total: all.total, exported: 4 });
    expect(rowsOf((await csv()).text)).toHaveLength(all.total);
  });
});
