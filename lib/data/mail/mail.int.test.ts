// @module-tag postgres
// E-mail as people receive it: a real SMTP server on this machine (test/smtp-server.ts, with a
// login) takes every mail the worker sends, and each is read back parsed: recipient, subject,
// the link to its page in both the text and the HTML part. Mails are queued with the change that
// causes them (none for a rollback), follow each person's switches and address, are retried after
// a temporary refusal, and go once however many workers or sweeps run at the same time.
// Tagged: the claims and the sweep's lock are between connections, which only a server has.
import { createServer, type AddressInfo } from "node:net";
import { Keypair } from "@stellar/stellar-sdk";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

const smtp = await vi.hoisted(async () => (await import("@/test/smtp-server")).startMailTestServer());

import { db } from "@/lib/database/client";
import { keyHashSecret } from "@/lib/core/env";
import { audit } from "@/lib/data/audit/write";
import { quarantineLeakedKeys } from "@/lib/data/keys/leaked";
import { setKeyEnabled } from "@/lib/data/keys/lifecycle";
import { decideMainnetRequest, requestMainnet } from "@/lib/data/mainnet/requests";
import { createEndpoint } from "@/lib/data/webhooks/endpoints";
import { sweepExpiries } from "@/lib/data/webhooks/once";
import { runWebhookDeliveries } from "@/lib/data/webhooks/worker";
import { invite } from "@/lib/data/workspaces/invitations";
import { hashKey } from "@/lib/keys/hash";
import { MAIL_RETRY_DELAYS_MS } from "@/lib/mail/retry";
import { makeKey, makeUser, type TestUser } from "@/test/factories";
import { makeTeam } from "@/test/teams";
import { signed } from "@/test/step-up";
import { setMailPreference } from "./preferences";
import { enqueueMail } from "./outbox";
import { claimDueMail, runMailDeliveries } from "./worker";

beforeAll(() => db.$queryRaw`SELECT 1`);
afterAll(() => smtp.close());

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ORIGIN = "https://keys.example.com";

let n = 0;
/** A user with an e-mail address of their own (unless `email: null`). */
async function person(email: string | null = `person${++n}.${Date.now()}@example.com`, opts = {}): Promise<TestUser & { email: string }> {
  const user = await makeUser(opts);
  await db.user.update({ where: { id: user.id }, data: { email } });
  return { ...user, email: email ?? "" };
}

/** Worker rounds at `now` until nothing more is due then. */
async function drain(now = new Date()) {
  let claimed = 0;
  for (let c; (c = await runMailDeliveries({ now })) > 0;) claimed += c;
  return claimed;
}

/** The one mail `address` received, with its link checked in both parts. */
function onlyMailTo(address: string, link: string) {
  const got = smtp.to(address);
  expect(got).toHaveLength(1);
  const { mail, from } = got[0]!;
  expect(from).toBe("keyport@example.com");
  expect(mail.from?.text).toContain("Keyport");
  expect(mail.text).toContain(link);
  expect(mail.html).toEqual(expect.any(String));
  expect(mail.html as string).toContain(`href="${link}"`);
  expect(mail.html as string).toContain("Keyport");
  return mail;
}

const hold = (admin: TestUser, keyId: string, reason: string) => setKeyEnabled({ actor: admin, as: "admin" }, keyId, false, reason);

describe("each mail reaches its person", () => {
  it("a key disabled by an admin, with the reason (escaped in the HTML)", async () => {
    const owner = await person();
    const { key } = await makeKey(owner, { name: "crm-sync-prod" });
    const admin = await makeUser();
    expect(await hold(admin, key.id, `abuse <b>report</b> & more`)).toMatchObject({ ok: true });
    await drain();
    const mail = onlyMailTo(owner.email, `${ORIGIN}/w/${owner.address.toLowerCase()}/api-keys/${key.id}`);
    expect(mail.subject).toBe("Keyport: An admin disabled your key crm-sync-prod");
    expect(mail.text).toContain("Reason: abuse <b>report</b> & more");
    expect(mail.html).toContain("abuse &lt;b&gt;report&lt;/b&gt; &amp; more");
    expect(mail.messageId).toMatch(/^<mail_.+@keyport>$/);
    // Nothing is sent twice: the row is done.
    expect(await drain(new Date(Date.now() + DAY))).toBe(0);
    expect(await db.mailMessage.findFirst({ where: { userId: owner.id } })).toMatchObject({ status: "sent", attempts: 1 });
  });

  it("a key quarantined as leaked", async () => {
    const owner = await person();
    const { key, plaintext } = await makeKey(owner, { name: "leaky" });
    const url = "https://github.com/acme/app/blob/main/.env";
    await quarantineLeakedKeys([{ hash: hashKey(plaintext, keyHashSecret()), url, source: "content", type: "kp" }], null);
    await drain();
    const mail = onlyMailTo(owner.email, `${ORIGIN}/w/${owner.address.toLowerCase()}/api-keys/${key.id}`);
    expect(mail.subject).toBe("Keyport: Your key leaky was found in public and is off for good");
    expect(mail.text).toContain(url);
    expect(mail.text).not.toContain(plaintext.slice(8));
    expect(mail.html).not.toContain(plaintext.slice(8));
  });

  it("a Mainnet request approved, and one declined with its reason", async () => {
    const admin = await makeUser();
    const [yes, no] = [await person(), await person()];
    for (const [who, decision] of [
      [yes, "approve"],
      [no, "decline"],
    ] as const) {
      const asked = await requestMainnet(who, who.workspaceId, "We pay out escrows to sellers on Mainnet every day.");
      if (!asked.ok) throw new Error(asked.code);
      const request = await db.mainnetRequest.findFirstOrThrow({ where: { workspaceId: who.workspaceId } });
      // An approval is signed by the admin's wallet (step-up); a decline needs no signature.
      expect(
        await signed(admin, (s) => decideMainnetRequest(admin, request.id, decision, decision === "decline" ? "Tell us more" : null, s)),
      ).toMatchObject({ ok: true });
    }
    await drain();
    expect(onlyMailTo(yes.email, `${ORIGIN}/w/${yes.address.toLowerCase()}/api-keys`).subject).toBe(
      "Keyport: Your Mainnet access is approved",
    );
    const declined = onlyMailTo(no.email, `${ORIGIN}/w/${no.address.toLowerCase()}/api-keys`);
    expect(declined.subject).toBe("Keyport: Your Mainnet request was declined");
    expect(declined.text).toContain("Reason: Tell us more");
  });

  it("an invitation, to the invitee's own address", async () => {
    const team = await makeTeam();
    const invitee = await person();
    expect(await invite(team.owner, team.id, invitee.address, "developer")).toMatchObject({ ok: true });
    // An address nobody signed in with yet has no profile, so no address to write to.
    expect(await invite(team.owner, team.id, Keypair.random().publicKey(), "viewer")).toMatchObject({ ok: true });
    await drain();
    const mail = onlyMailTo(invitee.email, `${ORIGIN}/teams`);
    expect(mail.subject).toBe(`Keyport: You are invited to the team Team ${team.slug} on Keyport`);
    expect(mail.text).toContain("as Developer");
  });

  it("a webhook endpoint turned off after failing, to the team's owners and admins who have an address", async () => {
    const team = await makeTeam();
    const emails = new Map<TestUser, string>();
    for (const member of [team.owner, team.admin, team.developer, team.viewer]) {
      const email = `m${++n}.${Date.now()}@example.com`;
      await db.user.update({ where: { id: member.id }, data: { email } });
      emails.set(member, email);
    }
    const closed = await closedPort();
    const made = await createEndpoint(team.owner, team.id, { url: `http://127.0.0.1:${closed}/hooks`, events: ["*"] });
    if (!made.ok) throw new Error(made.code);
    await makeKey(team.developer, {}, team.id);
    const t0 = new Date();
    while ((await runWebhookDeliveries({ now: t0 })) > 0);
    await makeKey(team.developer, { name: "second" }, team.id);
    while ((await runWebhookDeliveries({ now: new Date(t0.getTime() + 5 * DAY + HOUR) })) > 0);
    expect(await db.webhookEndpoint.findUniqueOrThrow({ where: { id: made.data.endpoint.id } })).toMatchObject({ enabled: false });
    await drain();
    const link = `${ORIGIN}/w/${team.slug}/webhooks/${made.data.endpoint.id}`;
    expect(onlyMailTo(emails.get(team.owner)!, link).subject).toBe(`Keyport: A webhook endpoint of Team ${team.slug} was turned off`);
    onlyMailTo(emails.get(team.admin)!, link);
    expect(smtp.to(emails.get(team.developer)!)).toHaveLength(0);
    expect(smtp.to(emails.get(team.viewer)!)).toHaveLength(0);
  });
});

describe("the expiry mails", () => {
  it("go 7 days and 1 day ahead, once each, however many sweeps run at the same time", async () => {
    const owner = await person();
    const now = new Date();
    const { key } = await makeKey(owner, { name: "short-lived", expiresAt: new Date(now.getTime() + 6.5 * DAY) });
    await Promise.all([sweepExpiries(now), sweepExpiries(now), sweepExpiries(now)]);
    await sweepExpiries(new Date(now.getTime() + HOUR));
    await drain();
    const week = onlyMailTo(owner.email, `${ORIGIN}/w/${owner.address.toLowerCase()}/api-keys/${key.id}`);
    expect(week.subject).toBe("Keyport: Your key short-lived expires in 7 days");
    // Six days on: the last day's warning, once.
    const later = new Date(now.getTime() + 6 * DAY);
    await Promise.all([sweepExpiries(later), sweepExpiries(later)]);
    await sweepExpiries(later);
    await drain(later);
    const subjects = smtp.to(owner.email).map((r) => r.mail.subject);
    expect(subjects).toEqual(["Keyport: Your key short-lived expires in 7 days", "Keyport: Your key short-lived expires within a day"]);
  });
});

describe("who gets nothing", () => {
  it("someone who turned the kind off, and someone with no address; the page's switch turns it back on", async () => {
    const admin = await makeUser();
    const off = await person();
    expect(await setMailPreference(off.id, "key_disabled", false)).toEqual({ off: ["key_disabled"] });
    const noAddress = await person(null);
    for (const who of [off, noAddress]) {
      const { key } = await makeKey(who);
      await hold(admin, key.id, "checking");
    }
    expect(await db.mailMessage.count({ where: { userId: { in: [off.id, noAddress.id] } } })).toBe(0);
    // Other kinds still reach them; turned on again, this one does too.
    expect(await setMailPreference(off.id, "key_disabled", true)).toEqual({ off: [] });
    const { key } = await makeKey(off, { name: "after" });
    await hold(admin, key.id, "checking again");
    await drain();
    expect(smtp.to(off.email).map((r) => r.mail.subject)).toEqual(["Keyport: An admin disabled your key after"]);
  });

  it("a change that rolls back", async () => {
    const owner = await person();
    const { key } = await makeKey(owner);
    const admin = await makeUser();
    await expect(
      db.$transaction(async (tx) => {
        await tx.apiKey.update({ where: { id: key.id }, data: { heldAt: new Date(), heldById: admin.id } });
        await audit(tx, admin, "admin.key.disable", { type: "api_key", id: key.id, workspaceId: owner.workspaceId }, { reason: "x" });
        // Queued inside the transaction…
        expect(await tx.mailMessage.count({ where: { userId: owner.id } })).toBe(1);
        throw new Error("the change fails after its audit event");
      }),
    ).rejects.toThrow("the change fails");
    // …and gone with it.
    expect(await db.mailMessage.count({ where: { userId: owner.id } })).toBe(0);
    await drain();
    expect(smtp.to(owner.email)).toHaveLength(0);
  });

  it("a team member who left: the key's mails go to the team's owners instead", async () => {
    const team = await makeTeam();
    const ownerEmail = `owner${++n}@example.com`;
    await db.user.update({ where: { id: team.owner.id }, data: { email: ownerEmail } });
    await db.user.update({ where: { id: team.developer.id }, data: { email: `dev${n}@example.com` } });
    const { key } = await makeKey(team.developer, { name: "team-key" }, team.id);
    await db.membership.delete({ where: { workspaceId_userId: { workspaceId: team.id, userId: team.developer.id } } });
    await hold(await makeUser(), key.id, "abuse");
    await drain();
    expect(smtp.to(`dev${n}@example.com`)).toHaveLength(0);
    onlyMailTo(ownerEmail, `${ORIGIN}/w/${team.slug}/api-keys/${key.id}`);
  });
});

describe("sending", () => {
  it("retries after a temporary refusal, and gives up at once on a permanent one", async () => {
    const [later, never] = [await person(), await person()];
    const admin = await makeUser();
    smtp.refuse(451);
    await hold(admin, (await makeKey(later)).key.id, "one");
    const t0 = new Date();
    await drain(t0);
    expect(smtp.to(later.email)).toHaveLength(0);
    const waiting = await db.mailMessage.findFirstOrThrow({ where: { userId: later.id } });
    expect(waiting).toMatchObject({ status: "pending", attempts: 1, lastError: expect.stringMatching(/451/) });
    expect(waiting.nextAttemptAt!.getTime()).toBeGreaterThanOrEqual(t0.getTime() + MAIL_RETRY_DELAYS_MS[0]);
    await drain(new Date(t0.getTime() + 2 * MAIL_RETRY_DELAYS_MS[0]));
    expect(smtp.to(later.email)).toHaveLength(1);

    smtp.refuse(550);
    await hold(admin, (await makeKey(never)).key.id, "two");
    await drain();
    await drain(new Date(Date.now() + 2 * DAY));
    expect(smtp.to(never.email)).toHaveLength(0);
    expect(await db.mailMessage.findFirstOrThrow({ where: { userId: never.id } })).toMatchObject({
      status: "failed",
      attempts: 1,
      lastError: expect.stringMatching(/550/),
    });
  });

  it("a mail whose worker died after claiming it is sent by another once the lease runs out, and only then", async () => {
    const owner = await person();
    await hold(await makeUser(), (await makeKey(owner)).key.id, "lease");
    // Committed: the mail waits in the outbox whatever happens to this process next.
    const t0 = new Date();
    const [claimed] = (await claimDueMail(t0, 50)).filter((m) => m.to === owner.email);
    expect(claimed).toBeDefined(); // …and this worker dies before sending it.
    await drain(new Date(t0.getTime() + 60_000));
    expect(smtp.to(owner.email)).toHaveLength(0);
    await drain(new Date(t0.getTime() + 5 * 60_000 + 1_000));
    expect(smtp.to(owner.email)).toHaveLength(1);
    expect(await db.mailMessage.findFirstOrThrow({ where: { userId: owner.id } })).toMatchObject({ status: "sent", attempts: 2 });
  });

  it("two workers at once send each mail exactly once", async () => {
    const MAILS = 30;
    const people = await Promise.all(Array.from({ length: MAILS }, () => person()));
    const workspace = { slug: "w", name: "W", personal: true };
    for (const p of people) {
      await db.$transaction((tx) => enqueueMail(tx, "mainnet_decided", [p.id], { workspace, decision: "approved", reason: null }));
    }
    const worker = async () => {
      let claimed = 0;
      for (let c; (c = await runMailDeliveries({ limit: 4 })) > 0;) claimed += c;
      return claimed;
    };
    const [one, two] = await Promise.all([worker(), worker()]);
    expect(one + two).toBe(MAILS);
    if (process.env.DATABASE_URL) expect(Math.min(one, two)).toBeGreaterThan(0);
    for (const p of people) expect(smtp.to(p.email)).toHaveLength(1);
    const ids = smtp.received.filter((r) => people.some((p) => r.to.includes(p.email))).map((r) => r.mail.messageId);
    expect(new Set(ids).size).toBe(MAILS);
  });
});

/** A port on this machine nobody listens on (taken from the system, then let go). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
