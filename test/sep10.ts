// SEP-10 for tests: a Horizon stand-in served over real HTTP (node:http), and a client that
// gets a challenge from the plane, signs it and exchanges it for a token, as a program would.
import { createServer, type Server } from "node:http";
import { Keypair, TransactionBuilder, type Transaction } from "@stellar/stellar-sdk";
import { CLIENT_IP_HEADER } from "@/lib/api/request-ip";
import { planeFetch } from "./plane";

export type StandInAccount = { signers: { key: string; weight: number }[]; thresholds: [low: number, medium: number, high: number] };

/** Horizon's GET /accounts/{id}: 200 for the accounts given, 404 for others; `mode` makes it fail. */
export function horizonStandIn(port: number) {
  const accounts = new Map<string, StandInAccount>();
  const state = { mode: "up" as "up" | "error" | "cut", requests: 0 };
  const server: Server = createServer((req, res) => {
    state.requests++;
    if (state.mode === "cut") return void req.socket.destroy();
    if (state.mode === "error") return void res.writeHead(502).end("bad gateway");
    const id = /^\/accounts\/([A-Z0-9]+)$/.exec(req.url ?? "")?.[1];
    const account = id && accounts.get(id);
    if (!account) {
      res.writeHead(404, { "content-type": "application/problem+json" });
      return void res.end(JSON.stringify({ type: "https://stellar.org/horizon-errors/not_found", status: 404, title: "Resource Missing" }));
    }
    const [low, med, high] = account.thresholds;
    res.writeHead(200, { "content-type": "application/json" });
    res.end(
      JSON.stringify({
        id,
        account_id: id,
        thresholds: { low_threshold: low, med_threshold: med, high_threshold: high },
        signers: account.signers.map((s) => ({ ...s, type: "ed25519_public_key" })),
      }),
    );
  });
  return {
    accounts,
    state,
    listen: () => new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve)),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let ipCount = 0;
/** A client address of its own, so per-IP limits of one test do not reach another. */
export const freshIp = () => `198.18.${Math.floor(++ipCount / 250)}.${(ipCount % 250) + 1}`;

export async function getChallenge(account: string, ip = freshIp(), extra = "") {
  const res = await planeFetch(
    new Request(`http://keyport.test/api/v1/auth?account=${account}${extra}`, { headers: { [CLIENT_IP_HEADER]: ip } }),
  );
  return { res, body: (await res.json()) as { transaction: string; network_passphrase: string } };
}

export function sign(xdr: string, passphrase: string, ...signers: Keypair[]): string {
  const tx = TransactionBuilder.fromXDR(xdr, passphrase) as Transaction;
  tx.sign(...signers);
  return tx.toEnvelope().toXDR("base64");
}

export const postChallenge = (transaction: string, ip = freshIp(), form = false) =>
  planeFetch(
    new Request("http://keyport.test/api/v1/auth", {
      method: "POST",
      headers: { "content-type": form ? "application/x-www-form-urlencoded" : "application/json", [CLIENT_IP_HEADER]: ip },
      body: form ? new URLSearchParams({ transaction }).toString() : JSON.stringify({ transaction }),
    }),
  );

/** GET a challenge, sign it with `signers` (the account's own key when none), POST it: the token. */
export async function tokenFor(account: Keypair, ...signers: Keypair[]): Promise<string> {
  const { body } = await getChallenge(account.publicKey());
  const res = await postChallenge(sign(body.transaction, body.network_passphrase, ...(signers.length ? signers : [account])));
  const json = (await res.json()) as { token?: string };
  if (!json.token) throw new Error(`tokenFor: ${res.status} ${JSON.stringify(json)}`);
  return json.token;
}

export const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString("utf8"));
