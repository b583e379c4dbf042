// The e-mails Keyport sends: one list, each kind with the switch people see in their profile
// and the data its template needs. Pure: the outbox stores `MailData[kind]` as JSON and the
// worker renders it (./templates.ts) when it sends. Data never holds a key's secret.

export const MAIL_KINDS = ["key_expiring", "key_disabled", "key_leaked", "mainnet_decided", "invitation", "webhook_failing"] as const;
export type MailKind = (typeof MAIL_KINDS)[number];

export const isMailKind = (v: unknown): v is MailKind => (MAIL_KINDS as readonly unknown[]).includes(v);

/** What the preference switch for each kind says. */
export const MAIL_KIND_LABELS: Record<MailKind, { label: string; description: string }> = {
  key_expiring: { label: "A key is about to expire", description: "7 days and 1 day before a key you made stops working." },
  key_disabled: { label: "An admin disabled a key", description: "When a site admin turns off one of your keys, with their reason." },
  key_leaked: {
    label: "A key was found in public",
    description: "When secret scanning reports one of your keys and Keyport quarantines it.",
  },
  mainnet_decided: {
    label: "Mainnet access decided",
    description: "When an admin decides a Mainnet request you made, or turns Mainnet access on or off.",
  },
  invitation: { label: "Invitations to a team", description: "When someone invites your address to a team." },
  webhook_failing: {
    label: "A webhook endpoint was turned off",
    description: "Owners and admins: when an endpoint is turned off after failing for days.",
  },
};

export type MailWorkspace = { slug: string; name: string; personal: boolean };
export type MailKey = { id: string; name: string; network: "testnet" | "mainnet" };

export type MailData = {
  key_expiring: { workspace: MailWorkspace; key: MailKey; expiresAt: string; daysLeft: number };
  key_disabled: { workspace: MailWorkspace; key: MailKey; reason: string | null };
  key_leaked: { workspace: MailWorkspace; key: MailKey; url: string | null; source: string | null };
  /** `bySwitch`: an admin switched access on or off without a request (off holds the Mainnet keys). */
  mainnet_decided: { workspace: MailWorkspace; decision: "approved" | "declined"; reason: string | null; bySwitch?: boolean };
  invitation: { workspace: MailWorkspace; role: string; invitedBy: { address: string; name: string | null }; expiresAt: string };
  webhook_failing: { workspace: MailWorkspace; endpoint: { id: string; url: string }; reason: string | null; disabledAt: string };
};
