// Server actions fuzzed over HTTP against a running production server, signed out and signed
// in: React's reference strings in the arguments (every prefix its reply decoder resolves),
// arguments that are not a list, malformed and unexpected multipart parts, forms posted without
// JavaScript, ids that are unknown or posted to a page that does not offer them, and odd
// Origins. Every answer must be below 500, every refusal a problem document, and the server must
// log no uncaught exception while it runs. Seeded: FUZZ_SEED replays a run.
//
// After `npx next build`, it starts server.ts itself on the embedded database and, when
// TEST_DATABASE_URL's server answers, on a fresh PostgreSQL database (CI runs it so):
//   TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres node --import tsx e2e/action-fuzz.ts
// or against a server already running (SERVER_LOG: the file its output goes to):
//   BASE_URL=http://127.0.0.1:3310 SERVER_LOG=server.log FUZZ_RUNS=3000 npx tsx e2e/action-fuzz.ts
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Keypair } from "@stellar/stellar-sdk";
import fc from "fast-check";
import { actionRoutesFrom } from "../lib/server/action-routes";
import { actionId, signInOverHttp, TESTNET } from "./fixtures/http-sign-in";
import { harnessPhase, reportCheck } from "./harness/report";

const runs = Number(process.env.FUZZ_RUNS ?? 3000);
const seed = Number(process.env.FUZZ_SEED ?? 20261207);

const read = <T>(file: string) => JSON.parse(fs.readFileSync(`.next/${file}`, "utf8")) as T;
const manifest = read<{ node: Record<string, { exportedName: string; workers: Record<string, unknown> }> }>(
  "server/server-reference-manifest.json",
);
const NAMES = Object.values(manifest.node).map((a) => a.exportedName);
const routes = actionRoutesFrom(manifest, read<Record<string, string>>("app-path-routes-manifest.json"));
/** A page that offers each action, with its dynamic segments filled in. */
const HOME = new Map(NAMES.map((n) => [n, (routes.actions.get(actionId(n))?.[0] ?? "/").replace("[slug]", "acme").replace("[id]", "x1")]));
const PAGES = ["/sign-in", "/", "/settings/profile", "/settings/api-keys", "/settings/api-keys/x1", "/w/acme/api-keys", "/w/acme/members"];
const PAGES_TOO = [
  ...PAGES,
  "/teams",
  "/admin/keys",
  "/admin/users",
  "/docs",
  "/nope",
  "/settings/preferences",
  "/w/acme/settings",
  "/sign-in/",
];

/** Every prefix React's parseModelString resolves after `$`, and letters it does not (`$F`, `$Y`: an outlined model id). */
const PREFIXES = [..."$@hHTQWKiIN-uDnAOoUSsLlGgMmVBRrXxFYZ0123456789a"];
export const referenceString = fc
  .tuple(
    fc.constantFrom(...PREFIXES),
    fc.oneof(
      fc.constant(""),
      fc.constantFrom("0", "1", "2", "a", "ff", "1:a", "0:0", "0:__proto__", "1x", "-1", "99999999"),
      fc.string({ maxLength: 6 }),
    ),
  )
  .map(([p, rest]) => `$${p}${rest}`);
const REFERENCES = fc.constantFrom(
  "$F1",
  "$h",
  "$Q1",
  "$W1",
  "$i1",
  "$l1",
  "$Y",
  "$K1",
  "$B1",
  "$T",
  "$@1",
  "$n1x",
  "$D",
  "$0:a",
  "$1",
  "$R1",
  "$X1",
  "$A1",
  "$undefined",
  "$$x",
  "$Infinity",
  "$-0",
);

const leaf = fc.oneof(
  fc.string({ maxLength: 20 }),
  referenceString,
  REFERENCES,
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom(Keypair.random().publicKey(), TESTNET, "testnet", "escrows:read", "x1"),
);
const value = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leaf,
    fc.array(tie("v"), { maxLength: 4 }),
    fc.dictionary(
      fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom("address", "networkPassphrase", "keyId", "__proto__", "then")),
      tie("v"),
      {
        maxKeys: 4,
      },
    ),
  ),
})).v;

/** A text body: the arguments list, something that is not a list, or not JSON at all. */
const textBody = fc.oneof(
  fc.array(value, { maxLength: 3 }).map((args) => JSON.stringify(args)),
  fc.tuple(REFERENCES, fc.constantFrom("[%s]", '[{"a":%s}]', "[null,%s]", "%s")).map(([r, t]) => t.replace("%s", JSON.stringify(r))),
  value.map((v) => JSON.stringify(v)), // often not a list
  fc.constantFrom('{"a":1}', '"x"', "5", "null", "true", "[", "", "[1,2,3]", '[{"address":"G"}]', "[]"),
  fc.string({ maxLength: 40 }),
);

/** Arguments as encodeReply writes them for plain values: most reach the action itself. */
const plain = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof(
    { depthSize: "small" },
    fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.constantFrom("$undefined", "$$x", "$D2026-12-07T10:00:00.000Z"),
    ),
    fc.array(tie("v"), { maxLength: 3 }),
    fc.dictionary(
      fc.constantFrom("address", "networkPassphrase", "keyId", "range", "enabled", "workspaceId", "userId", "role", "theme", "x"),
      tie("v"),
      {
        maxKeys: 4,
      },
    ),
  ),
})).v;
const plainArgs = fc.array(plain, { maxLength: 2 }).map((args) => JSON.stringify(args));
/** A form action's body as encodeReply writes it: [previous state, FormData] with fields and files. */
const encodedForm = fc
  .tuple(
    fc.oneof(
      fc.constant("null"),
      plain.map((v) => JSON.stringify(v)),
    ),
    fc.array(
      fc.tuple(
        fc.constantFrom("name", "email", "image", "network", "scopes", "expiry", "slug", "x"),
        fc.string({ maxLength: 20 }),
        fc.boolean(),
      ),
      {
        maxLength: 6,
      },
    ),
  )
  .map(([previous, fields]) => {
    let body = `--fb\r\nContent-Disposition: form-data; name="0"\r\n\r\n[${previous},"$K1"]\r\n`;
    for (const [name, value, file] of fields)
      body += `--fb\r\nContent-Disposition: form-data; name="_1_${name}"${file ? '; filename="a.png"\r\nContent-Type: image/png' : ""}\r\n\r\n${value}\r\n`;
    return { body: `${body}--fb--\r\n`, type: "multipart/form-data; boundary=fb" };
  });

type Part = { name: string | null; value: string; filename?: string; headers?: string };
const partName = fc.oneof(
  fc.constantFrom(
    "0",
    "1",
    "2",
    "_1_name",
    "_1_image",
    "_2_x",
    "_a_x",
    "S1",
    "$ACTION_KEY",
    "$ACTION_REF_1",
    "$ACTION_1:0",
    "$ACTION_1:1",
    "$ACTION_2:0",
  ),
  fc.constantFrom(...NAMES).map((n) => `$ACTION_ID_${actionId(n)}`),
  fc.string({ maxLength: 10 }),
);
const partValue = fc.oneof(
  textBody,
  fc.constantFrom('["$K1"]', '[null,"$K1"]', '["$B1"]', '{"id":"x","bound":null}', '{"id":"x","bound":"$@1"}', "[null]", "C", ""),
  fc.constantFrom(...NAMES).map((n) => JSON.stringify({ id: actionId(n), bound: fc.sample(fc.constantFrom(null, "$@1"), 1)[0] })),
);
const part: fc.Arbitrary<Part> = fc.record(
  {
    name: fc.oneof(partName, fc.constant(null)),
    value: partValue,
    filename: fc.constantFrom("", "a.png", "x"),
    headers: fc.constantFrom(
      "Content-Transfer-Encoding: base64\r\n",
      "Content-Type: image/png\r\n",
      "Content-Type: text/plain; charset=utf-16\r\n",
      "X: y\r\n",
    ),
  },
  { requiredKeys: ["name", "value"] },
);
/** A multipart body, with its end boundary or without, and sometimes no boundary in the header at all. */
const multipart = fc
  .tuple(fc.array(part, { maxLength: 6 }), fc.constantFrom("end", "end", "end", "none", "garbage"), fc.constantFrom("b0undary", "x"))
  .map(([parts, ending, boundary]) => {
    let body = "";
    for (const p of parts) {
      const disposition = `form-data${p.name === null ? "" : `; name="${p.name.replace(/"/g, "%22")}"`}${p.filename === undefined ? "" : `; filename="${p.filename}"`}`;
      body += `--${boundary}\r\nContent-Disposition: ${disposition}\r\n${p.headers ?? ""}\r\n${p.value}\r\n`;
    }
    body += ending === "end" ? `--${boundary}--\r\n` : ending === "garbage" ? "--nope" : "";
    return { body, type: `multipart/form-data; boundary=${boundary}` };
  });

type Case = {
  page: string;
  action: string | null;
  body: string;
  type: string;
  origin: "same" | "none" | "null" | "evil" | "port" | "junk";
  signedIn: boolean;
  forwarded: boolean;
};
/** Mostly an action posted to a page that offers it, so most cases reach React's decoder. */
const target = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...NAMES).map((n) => ({ action: actionId(n) as string | null, page: HOME.get(n)! })) },
  {
    weight: 1,
    arbitrary: fc.tuple(fc.constantFrom(...NAMES), fc.constantFrom(...PAGES_TOO)).map(([n, page]) => ({ action: actionId(n), page })),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom("7f" + "0".repeat(40), "zz", "", `${actionId(NAMES[0]!)}, ${actionId(NAMES[1]!)}`), fc.constantFrom(...PAGES))
      .map(([action, page]) => ({ action, page })),
  },
  { weight: 2, arbitrary: fc.constantFrom(...PAGES_TOO).map((page) => ({ action: null, page })) },
);
const cases: fc.Arbitrary<Case> = fc
  .record({
    target,
    payload: fc.oneof(
      { weight: 3, arbitrary: textBody.map((body) => ({ body, type: "text/plain;charset=UTF-8" })) },
      { weight: 2, arbitrary: plainArgs.map((body) => ({ body, type: "text/plain;charset=UTF-8" })) },
      { weight: 2, arbitrary: multipart },
      { weight: 1, arbitrary: encodedForm },
      {
        weight: 1,
        arbitrary: fc
          .constantFrom("application/json", "application/x-www-form-urlencoded", "text/html")
          .map((type) => ({ body: "a=1", type })),
      },
    ),
    origin: fc.oneof(
      { weight: 12, arbitrary: fc.constant("same" as const) },
      { weight: 1, arbitrary: fc.constantFrom("none" as const, "null" as const, "evil" as const, "port" as const, "junk" as const) },
    ),
    signedIn: fc.boolean(),
    forwarded: fc.boolean().map((b) => b && Math.random() < 0.1),
  })
  .map(({ payload, target, ...c }) => ({ ...c, ...target, ...payload }));

/** Legitimate posts in between, so the checks are seen to let the real thing through. */
const legitimate = (address: string): Case => ({
  page: "/sign-in",
  action: actionId("requestChallenge"),
  body: JSON.stringify([{ address, networkPassphrase: TESTNET }]),
  type: "text/plain;charset=UTF-8",
  origin: "same",
  signedIn: false,
  forwarded: false,
});

async function send(base: string, c: Case, cookie: string): Promise<{ status: number; type: string; body: string }> {
  const origins = {
    same: base,
    none: null,
    null: "null",
    evil: "https://evil.example",
    port: base.replace(/:\d+$/, ":1"),
    junk: "not a url",
  };
  const headers: Record<string, string> = { "Content-Type": c.type, Accept: "text/x-component" };
  if (c.action !== null) headers["Next-Action"] = c.action;
  const origin = origins[c.origin];
  if (origin !== null) headers.Origin = origin;
  if (c.signedIn) headers.cookie = cookie;
  if (c.forwarded) headers["x-action-forwarded"] = "1";
  const res = await fetch(`${base}${c.page}`, { method: "POST", headers, body: c.body, redirect: "manual" });
  return { status: res.status, type: res.headers.get("content-type") ?? "", body: await res.text() };
}

/** Runs every case against one server; `log` reads what the server has written so far. Answers whether all held. */
async function fuzz(base: string, log: () => string): Promise<boolean> {
  const wallet = Keypair.random();
  const cookie = await signInOverHttp(base, wallet);
  if (!cookie) throw new Error("could not sign in: is the server up, and its sign-in limit raised?");
  const logBefore = log().length;
  const all = fc.sample(cases, { numRuns: runs, seed });
  const statuses = new Map<number, number>();
  const failures: string[] = [];
  let legitimateOk = 0;
  const started = Date.now();
  let next = 0;
  async function worker() {
    while (next < all.length) {
      const i = next++;
      const c = i % 50 === 0 ? legitimate(wallet.publicKey()) : all[i]!;
      const r = await send(base, c, cookie!);
      statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
      if (i % 50 === 0 && r.status === 200 && r.body.includes('"ok":true')) legitimateOk++;
      const refusal = r.status >= 400 && r.status < 500 && !(r.status === 404 && r.type.startsWith("text/html"));
      if (r.status >= 500 || (refusal && r.type !== "application/problem+json"))
        failures.push(`${r.status} ${r.type} ${JSON.stringify(c).slice(0, 400)} → ${r.body.slice(0, 160)}`);
    }
  }
  await Promise.all(Array.from({ length: 6 }, worker));
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  await new Promise((r) => setTimeout(r, 500));
  const logged = log().slice(logBefore);
  const uncaught = (logged.match(/uncaughtException|unhandledRejection/g) ?? []).length;
  const errors = (logged.match(/^⨯ /gm) ?? []).length;
  console.log(`${all.length} cases in ${seconds} s (seed ${seed}) against ${base}`);
  console.log(
    `statuses: ${[...statuses]
      .sort(([a], [b]) => a - b)
      .map(([s, n]) => `${s}×${n}`)
      .join(" ")}`,
  );
  console.log(`legitimate challenges answered ok: ${legitimateOk} of ${Math.ceil(all.length / 50)}`);
  console.log(`server log: ${logged.split("\n").filter(Boolean).length} new lines, ${errors} errors, ${uncaught} uncaught exceptions`);
  for (const f of failures.slice(0, 20)) console.log(`FAIL ${f}`);
  const checks = [
    [failures.length === 0, `${all.length} cases: no 5xx, every refusal a problem document (${failures.length} bad answers)`],
    [uncaught === 0 && errors === 0, `nothing logged: ${errors} errors, ${uncaught} uncaught exceptions`],
    [legitimateOk === Math.ceil(all.length / 50), `legitimate challenges answered ok: ${legitimateOk} of ${Math.ceil(all.length / 50)}`],
  ] as const;
  for (const [ok, what] of checks) reportCheck(ok, what);
  return checks.every(([ok]) => ok);
}

/** Starts server.ts on `port` with `env`; resolves once it answers, with a reader of its output. */
async function startServer(port: number, env: Record<string, string>) {
  let log = "";
  const child = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
    env: { ...process.env, NODE_ENV: "production", HOST: "127.0.0.1", PORT: String(port), AUTH_URL: `http://127.0.0.1:${port}`, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout.on("data", (d) => (log += d));
  child.stderr.on("data", (d) => (log += d));
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300 && child.exitCode === null; i++) {
    if (
      await fetch(`${base}/api/ping`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { base, log: () => log, stop: () => child.kill("SIGTERM") };
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill("SIGKILL");
  throw new Error(`server.ts did not start on ${port}:\n${log}`);
}

async function main() {
  if (process.env.BASE_URL) {
    const serverLog = process.env.SERVER_LOG;
    process.exit((await fuzz(process.env.BASE_URL, () => (serverLog ? fs.readFileSync(serverLog, "utf8") : ""))) ? 0 : 1);
  }
  const port = Number(process.env.PORT ?? 3290);
  const common = {
    RATE_LIMIT_SIGNIN_PER_MINUTE: "1000000",
    AUTH_SECRET: "action-fuzz-auth-secret-0123456789abcdef",
    KEY_HASH_SECRET: "action-fuzz-hash-secret-0123456789abcdef",
    SEP10_SIGNING_SECRET: "SB6QJGNCEWTXFZX4WAAPFCXVUGHENQNUECOOG7UUJF7F4JQ7FDFIXAEY",
  };
  let ok = true;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "keyport-action-fuzz-"));
  console.log("── embedded database");
  harnessPhase("embedded database");
  const embedded = await startServer(port, { ...common, DATABASE_URL: "", KEYPORT_DATA_DIR: dataDir });
  ok = (await fuzz(embedded.base, embedded.log)) && ok;
  embedded.stop();
  const pgBase = process.env.TEST_DATABASE_URL;
  if (pgBase && spawnSync("psql", [pgBase, "-qc", "SELECT 1"]).status === 0) {
    console.log("── PostgreSQL");
    harnessPhase("PostgreSQL");
    const name = `keyport_action_fuzz_${process.pid}`;
    spawnSync("psql", [pgBase, "-qc", `CREATE DATABASE ${name}`], { stdio: "inherit" });
    try {
      const url = Object.assign(new URL(pgBase), { pathname: `/${name}` }).toString();
      const pg = await startServer(port + 1, { ...common, DATABASE_URL: url });
      ok = (await fuzz(pg.base, pg.log)) && ok;
      pg.stop();
      await new Promise((r) => setTimeout(r, 1000));
    } finally {
      spawnSync("psql", [pgBase, "-qc", `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`]);
    }
  } else console.log("── PostgreSQL: skipped (set TEST_DATABASE_URL to a server this run may create a database on)");
  fs.rmSync(dataDir, { recursive: true, force: true });
  process.exit(ok ? 0 : 1);
}

void main();
