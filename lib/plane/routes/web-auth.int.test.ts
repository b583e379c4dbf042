// SEP-1 and SEP-10 on the API plane, against the real database and a Horizon stand-in over HTTP.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

const SERVER = vi.hoisted(() => {
  process.env.SEP10_NETWORK = "testnet";
  process.env.HORIZON_URL_TESTNET = "http://127.0.0.1:4401";
  process.env.AUTH_URL = "http://localhost:4402";
  process.env.RATE_LIMIT_SIGNIN_PER_MINUTE = "5";
  // A fixed signing key, so the tests can forge challenges the server would have signed.
  process.env.SEP10_SIGNING_SECRET = "SBYWHVVHKOYQDN2EXBNBMWHEZYEHHEWFUFL5IIQMH6JAIZRKYOV6T6HU";
  // The client domains below are served over http on this machine.
  process.env.SEP10_CLIENT_DOMAIN_INSECURE = "true";
  return { secret: process.env.SEP10_SIGNING_SECRET };
});

import { createServer } from "node:http";
import { Account, Asset, Keypair, Networks, Operation, TransactionBuilder, WebAuth } from "@stellar/stellar-sdk";
import { db } from "@/lib/database/client";
import { DomainSigner, SigningKeypair, StellarConfiguration, Wallet } from "@stellar/typescript-wallet-sdk";
import { CLIENT_IP_HEADER } from "@/lib/http/client-ip";
import { frontDoor } from "@/lib/plane/front-door";
import { planeFetch, testPlane } from "@/test/plane";
import { clientSigningKey } from "@/lib/sep10/client-domain";
import { claimsOf, freshIp, getChallenge, horizonStandIn, postChallenge, sign } from "@/test/sep10";

const horizon = horizonStandIn(4401);
const server = Keypair.fromSecret(SERVER.secret);
const HOME = "localhost:4402";
const PASS = Networks.TESTNET;

beforeAll(async () => {
  await horizon.listen();
  await db.$queryRaw`SELECT 1`; // the first connection opens (and migrates) the database
}, 120_000);
afterAll(() => horizon.close());

async function refusal(res: Response) {
  expect(res.headers.get("content-type")).toBe("application/problem+json");
  const body = await res.json();
  return { status: res.status, code: body.code, reason: body.reason, error: body.error };
}

/** A challenge our server key signs, built by hand (not issued through GET, so never stored). */
function forged(client: Keypair, opts: { home?: string; webAuth?: string; passphrase?: string; signer?: Keypair } = {}) {
  const xdr = WebAuth.buildChallengeTx(
    opts.signer ?? server,
    client.publicKey(),
    opts.home ?? HOME,
    300,
    opts.passphrase ?? PASS,
    opts.webAuth ?? "localhost",
  );
  return sign(xdr, opts.passphrase ?? PASS, client);
}

describe("GET /.well-known/stellar.toml", () => {
  it("names the network, the signing key and the web auth endpoint, readable from any origin and cacheable", async () => {
    const res = await planeFetch(new Request("http://keyport.test/.well-known/stellar.toml"));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("cache-control")).toMatch(/^public, max-age=\d+$/);
    const text = await res.text();
    expect(text).toContain(`NETWORK_PASSPHRASE = "${PASS}"`);
    expect(text).toContain(`SIGNING_KEY = "${server.publicKey()}"`);
    expect(text).toContain(`WEB_AUTH_ENDPOINT = "http://localhost:4402/api/v1/auth"`);
    expect(text).toMatch(/\[DOCUMENTATION\]\nORG_NAME = "Keyport"\nORG_URL = "http:\/\/localhost:4402"/);
  });

  it("answers other methods 405", async () => {
    const res = await planeFetch(new Request("http://keyport.test/.well-known/stellar.toml", { method: "DELETE" }));
    expect(res.status).toBe(405);
  });
});

describe("GET /api/v1/auth", () => {
  it("issues a challenge for the account, signed by the server, for this home domain", async () => {
    const client = Keypair.random();
    const { res, body } = await getChallenge(client.publicKey(), freshIp(), `&home_domain=${HOME}`);
    expect(res.status).toBe(200);
    expect(body.network_passphrase).toBe(PASS);
    const read = WebAuth.readChallengeTx(body.transaction, server.publicKey(), PASS, HOME, "localhost");
    expect(read.clientAccountID).toBe(client.publicKey());
  });

  it("refuses a bad account, memo or another home domain with a typed problem", async () => {
    for (const query of ["account=nope", "account=", `account=${Keypair.random().publicKey()}&memo=abc`]) {
      const res = await planeFetch(new Request(`http://keyport.test/api/v1/auth?${query}`, { headers: { [CLIENT_IP_HEADER]: freshIp() } }));
      expect((await refusal(res)).status).toBe(400);
    }
    const other = await getChallenge(Keypair.random().publicKey(), freshIp(), "&home_domain=evil.example");
    expect(other.res.status).toBe(400);
    expect((other.body as unknown as { code: string }).code).toBe("invalid_query");
  });

  it("limits challenges per client IP", async () => {
    const ip = freshIp();
    const statuses = [];
    for (let i = 0; i < 7; i++) statuses.push((await getChallenge(Keypair.random().publicKey(), ip)).res.status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    // Another address is not affected.
    expect((await getChallenge(Keypair.random().publicKey())).res.status).toBe(200);
  });
});

describe("POST /api/v1/auth", () => {
  it("exchanges a challenge signed by an account that does not exist (its master key) for a token with the spec's claims", async () => {
    const client = Keypair.random();
    const { body } = await getChallenge(client.publicKey());
    const before = Math.floor(Date.now() / 1000);
    const res = await postChallenge(sign(body.transaction, PASS, client));
    expect(res.status).toBe(200);
    const { token } = await res.json();
    const claims = claimsOf(token);
    expect(claims).toMatchObject({ iss: "http://localhost:4402/api/v1/auth", sub: client.publicKey(), threshold: "high" });
    expect(claims.iat).toBeGreaterThanOrEqual(before);
    expect(claims.exp - claims.iat).toBe(15 * 60);
    expect(claims.jti).toMatch(/^[0-9a-f]{64}$/);
  });

  it("takes the signed challenge as a form too, and puts a memo in sub", async () => {
    const client = Keypair.random();
    const { body } = await getChallenge(client.publicKey(), freshIp(), "&memo=12345");
    const res = await postChallenge(sign(body.transaction, PASS, client), freshIp(), true);
    expect(res.status).toBe(200);
    expect(claimsOf((await res.json()).token).sub).toBe(`${client.publicKey()}:12345`);
  });

  it("records the threshold a multisig account's signatures met, and refuses weight below its low threshold", async () => {
    const account = Keypair.random();
    const [a, b] = [Keypair.random(), Keypair.random()];
    horizon.accounts.set(account.publicKey(), {
      signers: [
        { key: account.publicKey(), weight: 1 },
        { key: a.publicKey(), weight: 1 },
        { key: b.publicKey(), weight: 2 },
      ],
      thresholds: [2, 3, 4],
    });
    const level = async (...signers: Keypair[]) => {
      const { body } = await getChallenge(account.publicKey());
      const res = await postChallenge(sign(body.transaction, PASS, ...signers));
      return res.status === 200 ? claimsOf((await res.json()).token).threshold : (await refusal(res)).reason;
    };
    expect(await level(account)).toBe("weight_below_threshold");
    expect(await level(b)).toBe("low");
    expect(await level(account, b)).toBe("medium");
    expect(await level(account, a, b)).toBe("high");
    // Someone who is not a signer cannot add weight, nor sign instead.
    expect(await level(account, a, b, Keypair.random())).toBe("unknown_signature");
  });

  it("refuses every failed check with its own typed problem", async () => {
    const client = Keypair.random();
    const issued = async () => (await getChallenge(client.publicKey())).body.transaction;
    const cases: [string, () => Promise<string>][] = [
      ["malformed", async () => "AAAA-not-xdr"],
      ["wrong_server_key", async () => forged(client, { signer: Keypair.random() })],
      ["wrong_network", async () => forged(client, { passphrase: Networks.PUBLIC })],
      ["wrong_home_domain", async () => forged(client, { home: "evil.example" })],
      ["wrong_web_auth_domain", async () => forged(client, { webAuth: "evil.example" })],
      ["not_issued", async () => forged(client)],
      ["missing_client_signature", async () => issued()],
      ["unknown_signature", async () => sign(await issued(), PASS, Keypair.random())],
      ["wrong_network", async () => sign(await issued(), Networks.PUBLIC, client)],
      [
        "extra_operations",
        async () => {
          const tx = new TransactionBuilder(new Account(server.publicKey(), "-1"), { fee: "100", networkPassphrase: PASS })
            .addOperation(Operation.manageData({ name: `${HOME} auth`, value: "x".repeat(64), source: client.publicKey() }))
            .addOperation(Operation.manageData({ name: "web_auth_domain", value: "localhost", source: server.publicKey() }))
            .addOperation(
              Operation.payment({ destination: server.publicKey(), asset: Asset.native(), amount: "1", source: client.publicKey() }),
            )
            .setTimeout(300)
            .build();
          tx.sign(server, client);
          return tx.toEnvelope().toXDR("base64");
        },
      ],
      [
        "expired",
        async () => {
          vi.useFakeTimers({ toFake: ["Date"] });
          vi.setSystemTime(Date.now() - 6 * 60 * 1000);
          try {
            return forged(client);
          } finally {
            vi.useRealTimers();
          }
        },
      ],
    ];
    for (const [reason, make] of cases) {
      const got = await refusal(await postChallenge(await make()));
      expect(got, reason).toEqual({ status: 400, code: "invalid_challenge", reason, error: expect.any(String) });
    }
  });

  it("uses a challenge once: a replay is refused, even after a success", async () => {
    const client = Keypair.random();
    const { body } = await getChallenge(client.publicKey());
    const signed = sign(body.transaction, PASS, client);
    expect((await postChallenge(signed)).status).toBe(200);
    expect((await refusal(await postChallenge(signed))).reason).toBe("replayed");
    // Ten at once: one token.
    const again = await getChallenge(client.publicKey());
    const twice = sign(again.body.transaction, PASS, client);
    const statuses = await Promise.all(Array.from({ length: 10 }, () => postChallenge(twice).then((r) => r.status)));
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
  });

  it("answers 503 and gives no token while Horizon cannot be read", async () => {
    for (const mode of ["cut", "error"] as const) {
      const client = Keypair.random();
      const { body } = await getChallenge(client.publicKey());
      horizon.state.mode = mode;
      try {
        const res = await postChallenge(sign(body.transaction, PASS, client));
        expect(await refusal(res)).toMatchObject({ status: 503, code: "horizon_unavailable" });
        expect(res.headers.get("retry-after")).toBe("5");
      } finally {
        horizon.state.mode = "up";
      }
    }
  });

  it("refuses bodies that are not a challenge with a typed 400, never a 5xx", async () => {
    for (const body of ["{}", '{"transaction": 5}', "not json", JSON.stringify({ transaction: "x".repeat(30_000) })]) {
      const res = await planeFetch(
        new Request("http://keyport.test/api/v1/auth", {
          method: "POST",
          headers: { "content-type": "application/json", [CLIENT_IP_HEADER]: freshIp() },
          body,
        }),
      );
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
    }
  });
});

describe("the SDF wallet SDK", () => {
  it("discovers the endpoint in stellar.toml and gets a token from a server on localhost with a port", async () => {
    const plane = await testPlane();
    const http = createServer((req, res) => {
      const door = frontDoor(req.method ?? "", req.url ?? "", req.headers["x-forwarded-for"], req.socket.remoteAddress);
      if (door.refused) return void res.writeHead(door.refused.status, door.refused.headers).end(door.refused.body);
      req.headers[CLIENT_IP_HEADER] = door.ip ?? "";
      if (door.plane) return void plane.routing(req, res);
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => http.listen(4402, "127.0.0.1", resolve));
    try {
      const secret = Keypair.random().secret();
      const wallet = new Wallet({ stellarConfiguration: StellarConfiguration.TestNet() });
      const anchor = wallet.anchor({ homeDomain: HOME, allowHttp: true });
      const auth = await anchor.sep10();
      const token = await auth.authenticate({ accountKp: SigningKeypair.fromSecret(secret) });
      expect(token.account).toBe(Keypair.fromSecret(secret).publicKey());
      expect(claimsOf(token.token).threshold).toBe("high");
    } finally {
      await new Promise<void>((resolve) => http.close(() => resolve()));
    }
  });
});

describe("client_domain", () => {
  // A wallet's home domain: its stellar.toml names the key that must co-sign (SEP-10's client attribution).
  const walletKey = Keypair.random();
  const tomls: Record<string, string> = {
    "/good/.well-known/stellar.toml": `SIGNING_KEY = "${walletKey.publicKey()}"\n`,
    "/nokey/.well-known/stellar.toml": `ORG_NAME = "No key"\n`,
  };
  let port = 0;
  let current = "/good";
  const files = createServer((req, res) => {
    if (req.method === "POST" && req.url === "/sign") {
      // The wallet's signing server, as the wallet SDK's DomainSigner calls it: co-sign with the key its stellar.toml names.
      let raw = "";
      req.on("data", (d) => (raw += d));
      return void req.on("end", () => {
        const { transactionXDR, networkPassphrase } = JSON.parse(raw) as { transactionXDR: string; networkPassphrase: string };
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ transaction: sign(transactionXDR, networkPassphrase, walletKey), networkPassphrase }));
      });
    }
    if (req.url === "/.well-known/stellar.toml" && current === "/redirect") {
      // A client domain that sends the server elsewhere: never followed.
      return void res.writeHead(302, { location: `http://127.0.0.1:${port}/good/.well-known/stellar.toml` }).end();
    }
    const body = tomls[`${current}${req.url}`];
    if (!body) return void res.writeHead(404).end();
    res.writeHead(200, { "content-type": "text/plain" }).end(body);
  });
  beforeAll(
    () =>
      new Promise<void>((resolve) => files.listen(0, "127.0.0.1", () => ((port = (files.address() as { port: number }).port), resolve()))),
  );
  afterAll(() => new Promise<void>((resolve) => files.close(() => resolve())));
  const domain = () => `127.0.0.1:${port}`;

  it("asks the domain's SIGNING_KEY to co-sign, and the token names the client domain", async () => {
    current = "/good";
    const client = Keypair.random();
    const { res, body } = await getChallenge(client.publicKey(), freshIp(), `&client_domain=${domain()}`);
    expect(res.status).toBe(200);
    const tx = TransactionBuilder.fromXDR(body.transaction, PASS) as import("@stellar/stellar-sdk").Transaction;
    const op = tx.operations.find((o) => o.type === "manageData" && o.name === "client_domain");
    expect(op).toMatchObject({ source: walletKey.publicKey() });

    const withoutWallet = await postChallenge(sign(body.transaction, PASS, client));
    expect(await refusal(withoutWallet)).toMatchObject({
      status: 400,
      code: "invalid_challenge",
      reason: "missing_client_domain_signature",
    });

    const again = await getChallenge(client.publicKey(), freshIp(), `&client_domain=${domain()}`);
    const ok = await postChallenge(sign(again.body.transaction, PASS, client, walletKey));
    expect(ok.status).toBe(200);
    expect(claimsOf((await ok.json()).token)).toMatchObject({ sub: client.publicKey(), client_domain: domain(), threshold: "high" });
  });

  it("still needs the account: the wallet's signature alone is no proof", async () => {
    current = "/good";
    const client = Keypair.random();
    const { body } = await getChallenge(client.publicKey(), freshIp(), `&client_domain=${domain()}`);
    const res = await postChallenge(sign(body.transaction, PASS, walletKey));
    expect(await refusal(res)).toMatchObject({ status: 400, reason: "missing_client_signature" });
  });

  it("refuses a domain that is not a host name, has no stellar.toml, names no SIGNING_KEY or redirects, with a typed problem", async () => {
    const account = Keypair.random().publicKey();
    const cases: [string, string, string][] = [
      ["https://wallet.example/x", "client_domain_invalid", "/nokey"],
      ["wallet.example/.well-known", "client_domain_invalid", "/nokey"],
      [domain(), "client_domain_no_signing_key", "/nokey"],
      ["127.0.0.1:1", "client_domain_unreachable", "/nokey"],
      // A redirect to a file that would do is not followed.
      [domain(), "client_domain_unreachable", "/redirect"],
    ];
    for (const [value, reason, serving] of cases) {
      current = serving;
      const { res, body } = await getChallenge(account, freshIp(), `&client_domain=${encodeURIComponent(value)}`);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
      expect({ status: res.status, ...body }, value).toMatchObject({ status: 400, code: "invalid_client_domain", reason });
    }
  });

  it("is never fetched from this machine or a private network unless the insecure setting allows it", async () => {
    for (const host of [domain(), "localhost", "10.0.0.7", "169.254.169.254", "[::1]:8080"]) {
      expect(await clientSigningKey(host, { insecure: false }), host).toMatchObject({ ok: false });
    }
    expect(await clientSigningKey(domain(), { insecure: false })).toEqual({ ok: false, reason: "client_domain_not_public" });
  });

  it("works with the SDF wallet SDK's client-domain signing", async () => {
    current = "/good";
    const plane = await testPlane();
    const http = createServer((req, res) => {
      const door = frontDoor(req.method ?? "", req.url ?? "", req.headers["x-forwarded-for"], req.socket.remoteAddress);
      if (door.refused) return void res.writeHead(door.refused.status, door.refused.headers).end(door.refused.body);
      req.headers[CLIENT_IP_HEADER] = door.ip ?? "";
      if (door.plane) return void plane.routing(req, res);
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => http.listen(4402, "127.0.0.1", resolve));
    try {
      const account = Keypair.random();
      const wallet = new Wallet({ stellarConfiguration: StellarConfiguration.TestNet() });
      const auth = await wallet.anchor({ homeDomain: HOME, allowHttp: true }).sep10();
      const token = await auth.authenticate({
        accountKp: SigningKeypair.fromSecret(account.secret()),
        clientDomain: domain(),
        walletSigner: new DomainSigner(`http://${domain()}/sign`, {}),
      });
      expect(claimsOf(token.token)).toMatchObject({ sub: account.publicKey(), client_domain: domain() });
    } finally {
      await new Promise<void>((resolve) => http.close(() => resolve()));
    }
  });
});
