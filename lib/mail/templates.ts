// Each kind's subject, plain text and HTML, from the data the outbox stored. Pure: `origin` is
// the app's public URL (AUTH_URL), the only source of the links. The HTML escapes every value
// (./html.ts); the subject is one line whatever a name holds.
import { keyPath, keysPath, webhooksPath } from "@/lib/workspaces/paths";
import { html, layout, type Raw } from "./html";
import { MAIL_KIND_LABELS, type MailData, type MailKind, type MailKey, type MailWorkspace } from "./kinds";

export type RenderedMail = { subject: string; text: string; html: string };

type Parts = { subject: string; title: string; lines: (string | Raw)[]; texts: string[]; path: string; action: string };

const network = (k: MailKey) => (k.network === "mainnet" ? "Mainnet" : "Testnet");
const where = (w: MailWorkspace) => (w.personal ? "your personal workspace" : `the team ${w.name}`);
const whereHtml = (w: MailWorkspace) => (w.personal ? html`your personal workspace` : html`the team <strong>${w.name}</strong>`);
const date = (iso: string) => `${iso.slice(0, 16).replace("T", " ")} UTC`;
const oneLine = (s: string) => s.replace(/[\u0000-\u001f\u007f]+/g, " ").trim();

const PARTS: { [K in MailKind]: (d: MailData[K]) => Parts } = {
  key_expiring: (d) => {
    const left = d.daysLeft <= 1 ? "within a day" : `in ${d.daysLeft} days`;
    return {
      subject: `Your key ${d.key.name} expires ${left}`,
      title: `A key expires ${left}`,
      texts: [
        `Your ${network(d.key)} key ${d.key.name} in ${where(d.workspace)} stops working on ${date(d.expiresAt)}.`,
        "Rotate it before then, or change its expiry, so nothing that uses it starts failing.",
      ],
      lines: [
        html`Your ${network(d.key)} key <strong>${d.key.name}</strong> in ${whereHtml(d.workspace)} stops working on ${date(d.expiresAt)}.`,
        "Rotate it before then, or change its expiry, so nothing that uses it starts failing.",
      ],
      path: keyPath(d.workspace, d.key.id),
      action: "Open the key",
    };
  },
  key_disabled: (d) => ({
    subject: `An admin disabled your key ${d.key.name}`,
    title: "An admin disabled your key",
    texts: [
      `A Keyport admin turned off your ${network(d.key)} key ${d.key.name} in ${where(d.workspace)}. Requests with it are refused.`,
      `Reason: ${d.reason ?? "none given"}`,
    ],
    lines: [
      html`A Keyport admin turned off your ${network(d.key)} key <strong>${d.key.name}</strong> in ${whereHtml(d.workspace)}. Requests with
        it are refused.`,
      html`Reason: ${d.reason ?? "none given"}`,
    ],
    path: keyPath(d.workspace, d.key.id),
    action: "Open the key",
  }),
  key_leaked: (d) => {
    const found = d.url ? `It was found at ${d.url}.` : "It was found in public.";
    return {
      subject: `Your key ${d.key.name} was found in public and is off for good`,
      title: "A key was found in public",
      texts: [
        `A secret-scanning report found your ${network(d.key)} key ${d.key.name} (${where(d.workspace)}). ${found}`,
        "Keyport quarantined it: it is refused from now on. Rotate it to get a new key, and remove the old one from where it leaked.",
      ],
      lines: [
        html`A secret-scanning report found your ${network(d.key)} key <strong>${d.key.name}</strong> (${whereHtml(d.workspace)}). ${found}`,
        "Keyport quarantined it: it is refused from now on. Rotate it to get a new key, and remove the old one from where it leaked.",
      ],
      path: keyPath(d.workspace, d.key.id),
      action: "Rotate the key",
    };
  },
  mainnet_decided: (d) => {
    const approved = d.decision === "approved";
    const reason = d.reason ? `${approved ? "Note" : "Reason"}: ${d.reason}` : null;
    const then = approved
      ? "You can request Mainnet keys now."
      : d.bySwitch
        ? "Its Mainnet keys are disabled. You may ask for access again."
        : "You may ask again with more detail.";
    // Without a request (the admins' Mainnet switch), access was granted or withdrawn, not a request decided.
    const what = d.bySwitch
      ? approved
        ? "approved Mainnet access for"
        : "withdrew Mainnet access from"
      : `${d.decision} the Mainnet request for`;
    return {
      subject: approved
        ? "Your Mainnet access is approved"
        : d.bySwitch
          ? "Your Mainnet access was withdrawn"
          : "Your Mainnet request was declined",
      title: approved ? "Mainnet access approved" : d.bySwitch ? "Mainnet access withdrawn" : "Mainnet request declined",
      texts: [`A Keyport admin ${what} ${where(d.workspace)}.`, ...(reason ? [reason] : []), then],
      lines: [html`A Keyport admin ${what} ${whereHtml(d.workspace)}.`, ...(reason ? [reason] : []), then],
      path: keysPath(d.workspace),
      action: approved ? "Request a Mainnet key" : "Open Mainnet access",
    };
  },
  invitation: (d) => {
    const by = d.invitedBy.name ? `${d.invitedBy.name} (${d.invitedBy.address})` : d.invitedBy.address;
    return {
      subject: `You are invited to the team ${d.workspace.name} on Keyport`,
      title: "You are invited to a team",
      texts: [
        `${by} invited you to the team ${d.workspace.name} as ${d.role}.`,
        `Sign in with your wallet to accept or decline. The invitation ends on ${date(d.expiresAt)}.`,
      ],
      lines: [
        html`${by} invited you to the team <strong>${d.workspace.name}</strong> as ${d.role}.`,
        `Sign in with your wallet to accept or decline. The invitation ends on ${date(d.expiresAt)}.`,
      ],
      path: "/teams",
      action: "See the invitation",
    };
  },
  webhook_failing: (d) => ({
    subject: `A webhook endpoint of ${d.workspace.personal ? "your workspace" : d.workspace.name} was turned off`,
    title: "A webhook endpoint was turned off",
    texts: [
      `Keyport turned off the webhook endpoint ${d.endpoint.url} of ${where(d.workspace)} on ${date(d.disabledAt)}. ${d.reason ?? ""}`.trim(),
      "Events are no longer sent to it. Fix the receiver, then turn the endpoint on again and redeliver what it missed.",
    ],
    lines: [
      html`Keyport turned off the webhook endpoint <code>${d.endpoint.url}</code> of ${whereHtml(d.workspace)} on ${date(d.disabledAt)}.
        ${d.reason ?? ""}`,
      "Events are no longer sent to it. Fix the receiver, then turn the endpoint on again and redeliver what it missed.",
    ],
    path: `${webhooksPath(d.workspace)}/${encodeURIComponent(d.endpoint.id)}`,
    action: "Open the endpoint",
  }),
};

/** Where each person turns a kind off. */
export const PREFERENCES_PATH = "/settings/profile#notifications";

export function renderMail<K extends MailKind>(kind: K, data: MailData[K], origin: string): RenderedMail {
  const parts = (PARTS[kind] as (d: MailData[K]) => Parts)(data);
  const href = `${origin}${parts.path}`;
  const footer = `You get this e-mail from Keyport because "${MAIL_KIND_LABELS[kind].label}" is on in your profile. Turn it off at ${origin}${PREFERENCES_PATH}`;
  const text = ["Keyport", "", ...parts.texts.flatMap((t) => [t, ""]), `${parts.action}: ${href}`, "", "--", footer, ""].join("\n");
  return {
    subject: oneLine(`Keyport: ${parts.subject}`).slice(0, 200),
    text,
    html: layout({
      title: parts.title,
      paragraphs: parts.lines.map((l) => (typeof l === "string" ? html`${l}` : l)),
      link: { href, label: parts.action },
      footer,
    }),
  };
}
