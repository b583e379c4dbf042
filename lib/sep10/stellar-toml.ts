// SEP-1: what a client reads first, at /.well-known/stellar.toml. Pure: the values are parameters.

/** A TOML basic string: quotes, backslashes and control characters escaped. */
const str = (v: string) =>
  `"${v.replace(/[\\"\u0000-\u001f\u007f]/g, (c) => (c === "\\" || c === '"' ? `\\${c}` : `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`))}"`;

export type StellarTomlInput = {
  networkPassphrase: string;
  signingKey: string;
  webAuthEndpoint: string;
  org: { name: string; url: string; description?: string; supportEmail?: string };
};

export function stellarToml({ networkPassphrase, signingKey, webAuthEndpoint, org }: StellarTomlInput): string {
  const doc = [
    `ORG_NAME = ${str(org.name)}`,
    `ORG_URL = ${str(org.url)}`,
    ...(org.description ? [`ORG_DESCRIPTION = ${str(org.description)}`] : []),
    ...(org.supportEmail ? [`ORG_SUPPORT_EMAIL = ${str(org.supportEmail)}`] : []),
  ];
  return [
    `VERSION = "2.7.0"`,
    `NETWORK_PASSPHRASE = ${str(networkPassphrase)}`,
    `SIGNING_KEY = ${str(signingKey)}`,
    `WEB_AUTH_ENDPOINT = ${str(webAuthEndpoint)}`,
    "",
    "[DOCUMENTATION]",
    ...doc,
    "",
  ].join("\n");
}
