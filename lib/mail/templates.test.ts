// Every kind renders a subject, a text and an HTML part with the product's name and a link to
// its page on the app's origin; whatever people wrote is escaped in the HTML.
import { describe, expect, it } from "vitest";
import { MAIL_KINDS, type MailData, type MailKind } from "./kinds";
import { mailRetryDelay } from "./retry";
import { renderMail } from "./templates";

const evil = `<img src=x onerror="alert(1)">&'`;
const workspace = { slug: "acme-team", name: evil, personal: false };
const key = { id: "key_1", name: evil, network: "mainnet" as const };
const samples: { [K in MailKind]: MailData[K] } = {
  key_expiring: { workspace, key, expiresAt: "2026-12-14T10:00:00.000Z", daysLeft: 7 },
  key_disabled: { workspace, key, reason: evil },
  key_leaked: { workspace, key, url: `https://github.com/x/y/${evil}`, source: "content" },
  mainnet_decided: { workspace, decision: "declined", reason: evil },
  invitation: { workspace, role: "Developer", invitedBy: { address: "GABC", name: evil }, expiresAt: "2026-12-14T10:00:00.000Z" },
  webhook_failing: {
    workspace,
    endpoint: { id: "ep_1", url: `https://hooks.example.com/${evil}` },
    reason: "Every delivery failed for 5 days.",
    disabledAt: "2026-12-07T10:00:00.000Z",
  },
};
const links: Record<MailKind, string> = {
  key_expiring: "https://keys.example.com/w/acme-team/api-keys/key_1",
  key_disabled: "https://keys.example.com/w/acme-team/api-keys/key_1",
  key_leaked: "https://keys.example.com/w/acme-team/api-keys/key_1",
  mainnet_decided: "https://keys.example.com/w/acme-team/api-keys",
  invitation: "https://keys.example.com/teams",
  webhook_failing: "https://keys.example.com/w/acme-team/webhooks/ep_1",
};

describe("renderMail", () => {
  it.each(MAIL_KINDS)("%s: names Keyport, links its page in both parts, escapes what people wrote", (kind) => {
    const mail = renderMail(kind, samples[kind] as never, "https://keys.example.com");
    expect(mail.subject).toMatch(/^Keyport: /);
    expect(mail.subject).not.toMatch(/[\r\n]/);
    expect(mail.text).toContain(links[kind]);
    expect(mail.html).toContain(`href="${links[kind]}"`);
    expect(mail.html).toContain("Keyport");
    expect(mail.text).toContain("https://keys.example.com/settings/profile#notifications");
    // Never the raw markup: the text part may carry it as text, the HTML only escaped.
    expect(mail.html).not.toContain("<img");
    expect(mail.html).not.toContain(`"alert(1)"`);
    if (kind !== "mainnet_decided" || samples.mainnet_decided.reason)
      expect(mail.html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&amp;&#39;");
  });

  it("says how long is left and what was decided", () => {
    expect(renderMail("key_expiring", { ...samples.key_expiring, daysLeft: 1 }, "https://k.example").subject).toContain("within a day");
    expect(renderMail("key_expiring", samples.key_expiring, "https://k.example").subject).toContain("in 7 days");
    expect(
      renderMail("mainnet_decided", { ...samples.mainnet_decided, decision: "approved", reason: null }, "https://k.example").subject,
    ).toBe("Keyport: Your Mainnet access is approved");
    expect(renderMail("key_disabled", samples.key_disabled, "https://k.example").text).toContain(`Reason: ${evil}`);
  });

  it("keeps a subject on one line whatever a name holds", () => {
    const mail = renderMail(
      "key_disabled",
      { ...samples.key_disabled, key: { ...key, name: "a\r\nBcc: x@example.com" } },
      "https://k.example",
    );
    expect(mail.subject).toBe("Keyport: An admin disabled your key a Bcc: x@example.com");
  });
});

describe("mailRetryDelay", () => {
  it("backs off, stops after the last wait, and never retries a permanent refusal", () => {
    expect(mailRetryDelay(1, false, () => 0)).toBe(30_000);
    expect(mailRetryDelay(2, false, () => 1)).toBe(330_000);
    expect(mailRetryDelay(7, false)).toBeNull();
    expect(mailRetryDelay(1, true)).toBeNull();
  });
});
