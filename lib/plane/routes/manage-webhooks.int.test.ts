// The webhook management API (SEP-10 bearer) against the real database: owners and admins only,
// 404 for another workspace's endpoint or delivery whatever the caller's role there, the secret
// in the creating (or rotating) answer only, every change audited, and any body a 4xx, never a 5xx.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/database/client";
import type { WorkspaceRole } from "@/lib/workspaces/permissions";
import { makeKey, makeUser, type TestUser } from "@/test/factories";
import { anyInput, controlText, nestedJson } from "@/test/fuzz";
import { planeFetch } from "@/test/plane";
import { bearerFor } from "@/test/sep10";
import { makeTeam } from "@/test/teams";

beforeAll(() => db.$queryRaw`SELECT 1`);

const api = (user: TestUser, method: string, path: string, body?: unknown) =>
  planeFetch(
    new Request(`http://keyport.test${path}`, {
      method,
      headers: { authorization: `Bearer ${bearerFor(user)}`, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    }),
  );

const NEW = { url: "https://example.com/keyport", events: ["key.created", "key.revoked"], description: "Billing" };

async function created(user: TestUser, slug: string) {
  const res = await api(user, "POST", `/api/v1/workspaces/${slug}/webhooks`, NEW);
  expect(res.status).toBe(201);
  return (await res.json()) as { endpoint: { id: string }; secret: string };
}

/** Every operation on one endpoint, as `user`: the statuses, in order. */
async function everything(user: TestUser, slug: string, id: string, deliveryId: string) {
  const base = `/api/v1/workspaces/${slug}/webhooks`;
  const calls: [string, string, unknown?][] = [
    ["GET", base],
    ["POST", base, NEW],
    ["PATCH", `${base}/${id}`, { description: "changed" }],
    ["POST", `${base}/${id}/rotate-secret`, { overlap: "none" }],
    ["POST", `${base}/${id}/test`],
    ["GET", `${base}/${id}/deliveries`],
    ["POST", `${base}/${id}/redeliver`, { deliveryId }],
    ["DELETE", `${base}/${id}`],
  ];
  const statuses: number[] = [];
  for (const [method, path, body] of calls) statuses.push((await api(user, method, path, body)).status);
  return statuses;
}

describe("the webhook management API", () => {
  it("is for owners and admins: developers and viewers are refused every operation, non-members get 404", async () => {
    const team = await makeTeam();
    const expected: Record<WorkspaceRole | "outsider", number[]> = {
      owner: [200, 201, 200, 200, 200, 200, 200, 200],
      admin: [200, 201, 200, 200, 200, 200, 200, 200],
      developer: Array(8).fill(403),
      viewer: Array(8).fill(403),
      outsider: Array(8).fill(404),
    };
    for (const [role, statuses] of Object.entries(expected)) {
      const { endpoint } = await created(team.owner, team.slug);
      await makeKey(team.owner, {}, team.id);
      const delivery = await db.webhookDelivery.findFirstOrThrow({ where: { endpointId: endpoint.id } });
      const user = role === "outsider" ? await makeUser() : team[role as WorkspaceRole];
      expect(await everything(user, team.slug, endpoint.id, delivery.id), role).toEqual(statuses);
      const still = await db.webhookEndpoint.findUnique({ where: { id: endpoint.id } });
      if (statuses[0] === 200) expect(still, role).toBeNull();
      else expect(still, role).toMatchObject({ description: "Billing", url: NEW.url });
    }
  });

  it("answers 404 for another workspace's endpoint and delivery, and changes nothing there", async () => {
    const alice = await makeUser();
    const mallory = await makeUser();
    const aliceSlug = (await db.workspace.findUniqueOrThrow({ where: { id: alice.workspaceId } })).slug;
    const mallorySlug = (await db.workspace.findUniqueOrThrow({ where: { id: mallory.workspaceId } })).slug;
    const { endpoint, secret } = await created(alice, aliceSlug);
    await makeKey(alice);
    const delivery = await db.webhookDelivery.findFirstOrThrow({ where: { endpointId: endpoint.id } });
    const own = await created(mallory, mallorySlug);

    // Her endpoint's id under his own workspace, and his endpoint with her delivery.
    const statuses = (await everything(mallory, mallorySlug, endpoint.id, delivery.id)).filter((_, i) => i !== 0 && i !== 1);
    expect(statuses).toEqual(Array(6).fill(404));
    const res = await api(mallory, "POST", `/api/v1/workspaces/${mallorySlug}/webhooks/${own.endpoint.id}/redeliver`, {
      deliveryId: delivery.id,
    });
    expect(res.status).toBe(404);
    // …and her workspace's path: not a member, 404.
    expect((await api(mallory, "GET", `/api/v1/workspaces/${aliceSlug}/webhooks`)).status).toBe(404);

    expect(await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).toMatchObject({ description: "Billing" });
    expect(await db.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } })).toMatchObject({ status: "pending", attempts: 0 });
    expect(secret).toMatch(/^whsec_/);
  });

  it("shows the secret once, lists without it, audits each change as made through the API", async () => {
    const owner = await makeUser();
    const slug = (await db.workspace.findUniqueOrThrow({ where: { id: owner.workspaceId } })).slug;
    const { endpoint, secret } = await created(owner, slug);
    const listed = await (await api(owner, "GET", `/api/v1/workspaces/${slug}/webhooks`)).text();
    expect(listed).toContain(endpoint.id);
    expect(listed).not.toContain(secret);
    expect(listed).not.toMatch(/whsec_|"secret"/);
    const stored = await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
    expect(stored.secret).not.toContain(secret.slice(6));

    const rotated = await (await api(owner, "POST", `/api/v1/workspaces/${slug}/webhooks/${endpoint.id}/rotate-secret`, {})).json();
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(secret);
    expect(rotated.endpoint.previousSecretExpiresAt).not.toBeNull();

    const patched = await api(owner, "PATCH", `/api/v1/workspaces/${slug}/webhooks/${endpoint.id}`, { events: ["*", "key.created"] });
    expect((await patched.json()).endpoint.events).toEqual(["*"]);
    const refused = await api(owner, "PATCH", `/api/v1/workspaces/${slug}/webhooks/${endpoint.id}`, { url: "http://127.0.0.1/" });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ code: "invalid_request", detail: expect.stringMatching(/not a public address/) });
    const unknown = await api(owner, "POST", `/api/v1/workspaces/${slug}/webhooks`, { ...NEW, events: ["key.exploded"] });
    expect(unknown.status).toBe(400);

    const audited = await db.auditEvent.findMany({ where: { workspaceId: owner.workspaceId, action: { startsWith: "webhook." } } });
    expect(audited.map((a) => [a.action, a.channel])).toEqual([
      ["webhook.create", "API"],
      ["webhook.rotate_secret", "API"],
      ["webhook.update", "API"],
    ]);
    expect(JSON.stringify(audited)).not.toMatch(/whsec_/);
  });

  it("answers any body with a typed problem or a success, never a 5xx", async () => {
    const owner = await makeUser();
    const slug = (await db.workspace.findUniqueOrThrow({ where: { id: owner.workspaceId } })).slug;
    const { endpoint } = await created(owner, slug);
    const base = `/api/v1/workspaces/${slug}/webhooks`;
    const targets = [
      ["POST", base],
      ["PATCH", `${base}/${endpoint.id}`],
      ["POST", `${base}/${endpoint.id}/rotate-secret`],
      ["POST", `${base}/${endpoint.id}/redeliver`],
      ["POST", `${base}/${endpoint.id}/test`],
    ] as const;
    const text = fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: "binary", maxLength: 300 }), controlText, anyInput);
    const shaped = fc.record(
      {
        url: fc.oneof(
          text,
          fc.webUrl(),
          fc.constantFrom("http://[::1]/", "https://169.254.169.254/", "javascript:alert(1)", "https://é.example/"),
        ),
        events: fc.oneof(fc.array(fc.oneof(text, fc.constantFrom("*", "key.created", "webhook.test")), { maxLength: 30 }), text),
        description: fc.oneof(text, fc.constant(null)),
        enabled: fc.oneof(fc.boolean(), text),
        overlap: fc.oneof(text, fc.constantFrom("none", "1h", "24h", "7d")),
        deliveryId: fc.oneof(text, fc.constant(endpoint.id)),
      },
      { requiredKeys: [] },
    );
    const asText = (input: unknown) => {
      if (typeof input === "string") return input;
      try {
        return JSON.stringify(input) ?? "null";
      } catch {
        return "[".repeat(50_000);
      }
    };
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...targets), fc.oneof(anyInput, nestedJson, shaped), async ([method, path], input) => {
        const body = asText(input).slice(0, 20_000);
        const res = await api(owner, method, path, body);
        expect(res.status, `${method} ${path} ${body.slice(0, 200)}`).toBeLessThan(500);
        if (res.status >= 400) expect(res.headers.get("content-type")).toBe("application/problem+json");
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 300), seed: 20261207 },
    );
  }, 120_000);
});
