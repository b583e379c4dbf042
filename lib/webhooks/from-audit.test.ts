import { describe, expect, it } from "vitest";
import { AUDIT_ACTION_CODES } from "@/lib/audit/actions";
import { buildPayload, payloadSchema, WEBHOOK_EVENTS, type WebhookEventType } from "./events";
import { eventFromAudit, factsNeeded, webhookEventOf } from "./from-audit";

const DETAILS: Record<string, unknown> = {
  name: "crm-sync",
  network: "testnet",
  scopes: ["escrows:read"],
  expiresAt: null,
  successorId: "k2",
  overlap: "24h",
  oldKeyStopsAt: "2026-12-08T10:00:00.000Z",
  reason: "abuse",
  url: "https://github.com/x/y",
  source: "content",
  requestId: "r1",
  justification: "payouts",
  address: "GABC",
  role: "Developer",
  before: { role: "Viewer" },
  after: { role: "Admin" },
};

describe("audit actions as webhook events", () => {
  it("give every mapped action a payload valid under its event's schema", () => {
    const mapped = AUDIT_ACTION_CODES.filter((a) => webhookEventOf(a));
    expect(new Set(mapped.map((a) => webhookEventOf(a)))).toEqual(
      new Set([
        "key.created",
        "key.rotated",
        "key.disabled",
        "key.enabled",
        "key.revoked",
        "key.leaked",
        "mainnet.requested",
        "mainnet.withdrawn",
        "mainnet.approved",
        "mainnet.declined",
        "member.invited",
        "member.joined",
        "member.removed",
        "member.role_changed",
      ]),
    );
    for (const action of mapped) {
      const target = { type: action.startsWith("member.invite") ? "invitation" : action.includes("key") ? "api_key" : "user", id: "t1" };
      const need = factsNeeded(action, target.type);
      // The Mainnet switch is told only when it approved no request (see the next test).
      const { requestId: _, ...noRequest } = DETAILS;
      const event = eventFromAudit({
        action,
        target,
        details: /^admin\.(user|workspace)\.mainnet_/.test(action) ? noRequest : DETAILS,
        actorAddress: "GACTOR",
        ...(need === "key" && { key: { id: "t1", name: "crm-sync", network: "testnet" as const } }),
        ...(need === "user" && { user: { address: "GMEMBER" } }),
      })!;
      const payload = buildPayload(event.type, { id: "w1", slug: "acme" }, event.data as never, new Date());
      const parsed = payloadSchema(event.type as WebhookEventType).safeParse(payload);
      expect(parsed.success, `${action}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
    }
  });

  it("say who did it, and read roles as ids", () => {
    const facts = { target: { type: "api_key", id: "k1" }, details: {}, actorAddress: "G" } as const;
    expect(eventFromAudit({ ...facts, action: "admin.key.disable" })).toMatchObject({ type: "key.disabled", data: { by: "admin" } });
    expect(eventFromAudit({ ...facts, action: "key.enable" })).toMatchObject({ type: "key.enabled", data: { by: "owner" } });
    expect(
      eventFromAudit({
        action: "member.role_change",
        target: { type: "user", id: "u" },
        details: DETAILS,
        actorAddress: "G",
        user: { address: "GM" },
      }),
    ).toMatchObject({ data: { member: { address: "GM", role: "admin" }, before: "viewer" } });
    // The admins' Mainnet switch: approved or declined without a request; nothing of its own when
    // it approved a pending request (that request's mainnet.approved is written with it).
    const sw = { target: { type: "user", id: "u" }, actorAddress: "G" } as const;
    expect(eventFromAudit({ ...sw, action: "admin.user.mainnet_approve", details: {} })).toEqual({
      type: "mainnet.approved",
      data: { requestId: null },
    });
    expect(eventFromAudit({ ...sw, action: "admin.workspace.mainnet_unapprove", details: { keysDisabled: 2 } })).toEqual({
      type: "mainnet.declined",
      data: { requestId: null, reason: null },
    });
    expect(eventFromAudit({ ...sw, action: "admin.workspace.mainnet_approve", details: { requestId: "r1" } })).toBeNull();
    // Changes receivers are not told of.
    for (const action of ["user.sign_in", "workspace.rename", "webhook.create", "key.update"] as const)
      expect(webhookEventOf(action)).toBeNull();
    expect(Object.keys(WEBHOOK_EVENTS)).toContain("key.rate_limited");
  });
});
