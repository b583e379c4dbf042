// The webhook screens' server actions: owners and admins only, another workspace's endpoint or
// delivery refused with nothing changed and no audit row, the secret from create and rotate
// only, and any input (FormData or not) a typed result, never a throw.
import fc from "fast-check";
import { beforeAll, describe, expect, it, vi } from "vitest";

const ctx = vi.hoisted(() => ({ session: null as null | { user: { id: string; address: string } } }));
vi.mock("@/lib/auth/config", () => ({ auth: async () => ctx.session, signIn: vi.fn(), signOut: vi.fn() }));
vi.mock("next-auth", () => ({ CredentialsSignin: class extends Error {} }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ host: "keyport.test", "x-forwarded-for": "192.0.2.1" }) }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

import { db } from "@/lib/database/client";
import { createEndpoint } from "@/lib/data/webhooks/endpoints";
import { makeKey, type TestUser } from "@/test/factories";
import { anyInput, controlText, FUZZ, reactReference } from "@/test/fuzz";
import { makeTeam, type TestTeam } from "@/test/teams";
import * as hooks from "./actions";

const form = (fields: Record<string, string | string[]>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) f.append(k, one);
  return f;
};
const as = (user: TestUser) => (ctx.session = { user: { id: user.id, address: user.address } });

let mine: TestTeam;
let theirs: TestTeam;
let their: { endpoint: string; delivery: string };

beforeAll(async () => {
  [mine, theirs] = await Promise.all([makeTeam(), makeTeam()]);
  const made = await createEndpoint(theirs.owner, theirs.id, { url: "https://example.com/theirs", events: ["*"] });
  if (!made.ok) throw new Error("setup");
  await makeKey(theirs.owner, {}, theirs.id);
  const delivery = await db.webhookDelivery.findFirstOrThrow({ where: { endpointId: made.data.endpoint.id } });
  their = { endpoint: made.data.endpoint.id, delivery: delivery.id };
}, 120_000);

/** Every action on one endpoint of `workspaceId`. */
const everyAction = (workspaceId: string, endpointId: string, deliveryId: string) => ({
  edit: () => hooks.editWebhookAction(null, form({ workspaceId, endpointId, url: "https://evil.example/", events: "*" })),
  toggle: () => hooks.toggleWebhookAction({ workspaceId, endpointId, enabled: false }),
  rotate: () => hooks.rotateWebhookSecretAction({ workspaceId, endpointId, overlap: "none" }),
  test: () => hooks.sendWebhookTestAction({ workspaceId, endpointId }),
  redeliver: () => hooks.redeliverWebhookAction({ workspaceId, endpointId, deliveryId }),
  delete: () => hooks.deleteWebhookAction({ workspaceId, endpointId }),
});

const snapshot = async () => ({
  endpoints: await db.webhookEndpoint.findMany({ where: { workspaceId: theirs.id }, orderBy: { id: "asc" } }),
  deliveries: await db.webhookDelivery.findMany({ where: { endpoint: { workspaceId: theirs.id } }, orderBy: { id: "asc" } }),
});

describe("webhook actions", () => {
  it("an owner adds an endpoint from the form and gets its secret once; developers and viewers are refused", async () => {
    as(mine.owner);
    const created = await hooks.createWebhookAction(
      null,
      form({ workspaceId: mine.id, url: "https://example.com/mine", description: "CRM", events: ["key.created", "key.revoked"] }),
    );
    expect(created).toMatchObject({
      ok: true,
      data: { endpoint: { events: ["key.created", "key.revoked"] }, secret: expect.stringMatching(/^whsec_/) },
    });
    const id = created.ok ? created.data.endpoint.id : "";
    const edited = await hooks.editWebhookAction(
      null,
      form({ workspaceId: mine.id, endpointId: id, url: "https://example.com/mine", events: "*" }),
    );
    expect(edited).toMatchObject({ ok: true, data: { events: ["*"], description: null } });
    expect(JSON.stringify(edited)).not.toContain("whsec_");
    expect(await hooks.createWebhookAction(null, form({ workspaceId: mine.id, url: "http://10.1.2.3/", events: "*" }))).toMatchObject({
      ok: false,
      code: "private_target",
    });
    for (const user of [mine.developer, mine.viewer]) {
      as(user);
      expect(
        await hooks.createWebhookAction(null, form({ workspaceId: mine.id, url: "https://example.com/x", events: "*" })),
      ).toMatchObject({
        ok: false,
        code: "forbidden",
      });
      for (const [name, attempt] of Object.entries(everyAction(mine.id, id, "x"))) {
        expect(await attempt(), name).toMatchObject({ ok: false, code: "forbidden" });
      }
    }
  });

  it("refuse another workspace's endpoint and delivery, change nothing there, and write no audit row", async () => {
    as(mine.owner);
    const before = await snapshot();
    const audits = await db.auditEvent.count();
    const own = await createEndpoint(mine.owner, mine.id, { url: "https://example.com/own", events: ["*"] });
    if (!own.ok) throw new Error("setup");
    const attempts = {
      ...Object.fromEntries(Object.entries(everyAction(theirs.id, their.endpoint, their.delivery)).map(([k, v]) => [`${k} in theirs`, v])),
      ...Object.fromEntries(Object.entries(everyAction(mine.id, their.endpoint, their.delivery)).map(([k, v]) => [`${k} in mine`, v])),
      "their delivery on my endpoint": () =>
        hooks.redeliverWebhookAction({ workspaceId: mine.id, endpointId: own.data.endpoint.id, deliveryId: their.delivery }),
      "add to theirs": () => hooks.createWebhookAction(null, form({ workspaceId: theirs.id, url: "https://evil.example/", events: "*" })),
    };
    for (const [name, attempt] of Object.entries(attempts)) {
      expect(await attempt(), name).toMatchObject({ ok: false, code: "not_found" });
    }
    expect(await snapshot()).toEqual(before);
    // Only the setup's own endpoint was audited.
    expect(await db.auditEvent.count()).toBe(audits + 1);
  });

  it("answer any input with a typed result", async () => {
    as(mine.owner);
    const forms = [hooks.createWebhookAction, hooks.editWebhookAction] as ((p: unknown, f: FormData) => Promise<unknown>)[];
    const inputs = [
      hooks.toggleWebhookAction,
      hooks.rotateWebhookSecretAction,
      hooks.sendWebhookTestAction,
      hooks.redeliverWebhookAction,
      hooks.deleteWebhookAction,
    ] as ((i: unknown) => Promise<unknown>)[];
    const field = fc.oneof(
      fc.string({ maxLength: 300 }),
      controlText,
      reactReference,
      fc.constantFrom(mine.id, their.endpoint, "*", "key.created", "https://example.com/h"),
    );
    const formData = fc
      .array(fc.tuple(fc.constantFrom("workspaceId", "endpointId", "url", "events", "description", "deliveryId", "overlap"), field), {
        maxLength: 10,
      })
      .map((entries) => {
        const f = new FormData();
        for (const [k, v] of entries) f.append(k, v);
        return f;
      });
    await fc.assert(
      fc.asyncProperty(fc.nat(), anyInput, fc.oneof(anyInput, formData), async (pick, input, data) => {
        const r = (pick % 2 ? await forms[pick % forms.length]!(input, data as FormData) : await inputs[pick % inputs.length]!(input)) as {
          ok: unknown;
          message?: unknown;
        };
        expect(typeof r.ok).toBe("boolean");
        if (!r.ok) expect(typeof r.message).toBe("string");
      }),
      { ...FUZZ, numRuns: Number(process.env.FUZZ_RUNS ?? 400) },
    );
  }, 120_000);
});
