// The "Manage keys from code" scripts shown on /docs: only a Stellar secret key and this
// deployment's URL. Pure: the origin and network are parameters. An integration test runs the
// Stellar SDK one, unchanged, against a live server (lib/plane/routes/manage-script.int.test.ts).
const SCRIPT = [
  "// npm install @stellar/stellar-sdk  (Node.js 20+; save as manage-keys.mjs)",
  "// STELLAR_SECRET=S... node manage-keys.mjs",
  'import { Keypair, TransactionBuilder, WebAuth } from "@stellar/stellar-sdk";',
  "",
  'const BASE = "__ORIGIN__";',
  "const account = Keypair.fromSecret(process.env.STELLAR_SECRET);",
  "",
  "// 1. Discover the web auth endpoint, this server's signing key and network (SEP-1).",
  'const toml = await (await fetch(BASE + "/.well-known/stellar.toml")).text();',
  'const field = (name) => toml.match(new RegExp("^" + name + \' = "(.*)"$\', "m"))[1];',
  'const endpoint = field("WEB_AUTH_ENDPOINT");',
  "const url = new URL(endpoint);",
  "",
  "// 2. Get a challenge, check the server signed it, sign it, exchange it for a token (SEP-10).",
  'const challenge = await (await fetch(endpoint + "?account=" + account.publicKey())).json();',
  'const passphrase = field("NETWORK_PASSPHRASE");',
  'WebAuth.readChallengeTx(challenge.transaction, field("SIGNING_KEY"), passphrase, url.host, url.hostname);',
  "const tx = TransactionBuilder.fromXDR(challenge.transaction, passphrase);",
  "tx.sign(account); // a multisig account: sign with enough signers for the threshold you need",
  "const { token } = await (",
  "  await fetch(endpoint, {",
  '    method: "POST",',
  '    headers: { "content-type": "application/json" },',
  "    body: JSON.stringify({ transaction: tx.toXDR() }),",
  "  })",
  ").json();",
  "",
  "// 3. Manage keys with the token (it lasts 15 minutes).",
  "async function api(method, path, body) {",
  '  const res = await fetch(BASE + "/api/v1" + path, {',
  "    method,",
  '    headers: { authorization: "Bearer " + token, ...(body && { "content-type": "application/json" }) },',
  "    body: body && JSON.stringify(body),",
  "  });",
  "  const json = await res.json();",
  '  if (!res.ok) throw new Error(method + " " + path + ": " + json.code + ": " + json.detail);',
  "  return json;",
  "}",
  'const { data: workspaces } = await api("GET", "/workspaces");',
  'const keys = "/workspaces/" + workspaces[0].slug + "/keys";',
  'const created = await api("POST", keys, { network: "testnet", name: "ci-deploy", scopes: ["escrows:read"], expiry: "90" });',
  'console.log("new key", created.key.masked); // created.plaintext: shown once, store it now',
  'const me = await fetch(BASE + "/api/v1/whoami", { headers: { "X-API-KEY": created.plaintext } });',
  'console.log("whoami", me.status);',
  'const rotated = await api("POST", keys + "/" + created.key.id + "/rotate", { overlap: "none" });',
  'await api("DELETE", keys + "/" + rotated.key.id);',
  'console.log("rotated and revoked", rotated.key.masked);',
].join("\n");

export function manageKeysScript(origin: string): string {
  // No template literals: the page that shows it reads as code, never as Markdown backticks.
  return SCRIPT.replace("__ORIGIN__", origin);
}

/** The same token with the SDF wallet SDK. */
export function walletSdkSnippet(origin: string, network: "testnet" | "public"): string {
  const url = new URL(origin);
  return `// npm install @stellar/typescript-wallet-sdk
import { SigningKeypair, StellarConfiguration, Wallet } from "@stellar/typescript-wallet-sdk";

const wallet = new Wallet({ stellarConfiguration: StellarConfiguration.${network === "testnet" ? "TestNet" : "MainNet"}() });
const anchor = wallet.anchor({ homeDomain: "${url.host}"${url.protocol === "http:" ? ", allowHttp: true" : ""} });
const auth = await (await anchor.sep10()).authenticate({ accountKp: SigningKeypair.fromSecret(process.env.STELLAR_SECRET) });
// auth.token: send it as Authorization: Bearer <token>
`;
}
