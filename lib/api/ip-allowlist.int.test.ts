// A key's IP allowlist, through the API plane: refused from elsewhere with 403
// ip_not_allowed (counted), allowed from a listed address or range, IPv4-mapped IPv6 included.
import { signed } from "@/test/step-up";
import { describe, expect, it, vi } from "vitest";

const OPERATOR = vi.hoisted(() => {
  process.env.USAGE_FLUSH_MS = "600000";
  return (process.env.OPERATOR_TOKEN = "operator-token-for-allowlist-tests-01234");
});
import { planeFetch, planeFetch as whoami } from "@/test/plane";
import { db } from "@/lib/database/client";
import { updateKey } from "@/lib/data/keys/lifecycle";
import { makeKey, makeUser } from "@/test/factories";
import { flushUsageNow } from "@/lib/usage/recorder";

const verifyFor = (body: Record<string, unknown>) =>
  planeFetch(
    new Request("http://keyport.test/api/v1/keys/verify", {
      method: "POST",
      headers: { authorization: `Bearer ${OPERATOR}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    }),
  ).then((r) => r.json());

const from = (ip: string, key: string) =>
  whoami(new Request("http://keyport.test/api/v1/whoami", { headers: { "X-API-KEY": key, "x-keyport-client-ip": ip } }));

describe("IP allowlist", () => {
  it("answers 403 ip_not_allowed outside the list and 200 inside it, v4, v6 and mapped", async () => {
    const user = await makeUser();
    const { key, plaintext } = await makeKey(user, { allowedIps: ["10.0.0.0/8", "2001:db8::/32"] });

    const refused = await from("203.0.113.7", plaintext);
    expect(refused.status).toBe(403);
    const body = await refused.json();
    expect(body).toMatchObject({ code: "ip_not_allowed", status: 403 });
    expect(body.detail).toContain("203.0.113.7");

    expect((await from("10.20.30.40", plaintext)).status).toBe(200);
    expect((await from("::ffff:10.20.30.40", plaintext)).status).toBe(200);
    expect((await from("2001:db8:5::1", plaintext)).status).toBe(200);
    expect((await from("2001:db9::1", plaintext)).status).toBe(403);

    await flushUsageNow();
    const counts = await db.keyUsage.groupBy({ by: ["outcome"], where: { keyId: key.id }, _sum: { count: true } });
    expect(Object.fromEntries(counts.map((c) => [c.outcome, c._sum.count]))).toEqual({ ip_not_allowed: 2, success: 3 });
  });

  it("takes effect when the owner edits it, and the change is audited", async () => {
    const user = await makeUser();
    const { key, plaintext } = await makeKey(user);
    expect((await from("203.0.113.7", plaintext)).status).toBe(200);
    const edited = await signed(user, (s) =>
      updateKey(
        user,
        user.workspaceId,
        key.id,
        {
          name: key.name,
          description: null,
          scopes: key.scopes,
          allowedIps: ["198.51.100.0/24"],
        },
        s,
      ),
    );
    expect(edited.ok).toBe(true);
    await new Promise((r) => setTimeout(r, 2_100)); // the key cache's bound
    expect((await from("203.0.113.7", plaintext)).status).toBe(403);
    expect((await from("198.51.100.9", plaintext)).status).toBe(200);
    const event = await db.auditEvent.findFirst({ where: { targetId: key.id, action: "key.update" } });
    expect(JSON.stringify(event?.details)).toContain("198.51.100.0/24");
  });

  it("applies to POST /keys/verify for the caller's address, exactly as to a direct request", async () => {
    const user = await makeUser();
    const { key, plaintext } = await makeKey(user, { allowedIps: ["10.0.0.0/8"] });
    // The operator's own address (loopback here) is not the caller's: without `ip` the key is not valid.
    expect(await verifyFor({ key: plaintext })).toEqual({ valid: false, code: "ip_not_allowed", keyId: key.id });
    expect(await verifyFor({ key: plaintext, ip: "203.0.113.7" })).toEqual({ valid: false, code: "ip_not_allowed", keyId: key.id });
    expect(await verifyFor({ key: plaintext, ip: "10.1.2.3" })).toMatchObject({ valid: true, code: "valid", keyId: key.id });
    expect(await verifyFor({ key: plaintext, ip: "::ffff:10.1.2.3" })).toMatchObject({ valid: true, code: "valid" });
    // A key without an allowlist is valid from anywhere, with or without `ip`.
    const open = await makeKey(user);
    expect(await verifyFor({ key: open.plaintext })).toMatchObject({ valid: true });
    expect(await verifyFor({ key: open.plaintext, ip: "203.0.113.7" })).toMatchObject({ valid: true });
    // `ip` is validated like every other field.
    const bad = await planeFetch(
      new Request("http://keyport.test/api/v1/keys/verify", {
        method: "POST",
        headers: { authorization: `Bearer ${OPERATOR}` },
        body: JSON.stringify({ key: plaintext, ip: "10.1.2.3; DROP" }),
      }),
    );
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: "invalid_request", detail: "ip must be an IPv4 or IPv6 address." });
  });
});
