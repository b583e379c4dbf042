// The production server as operators run it, checked from outside (run by CI after the build):
//  1. an invalid variable stops `server.ts` with exit code 1 and one line, before the port opens;
//  2. with no proxy in front, the client IP is the socket's: X-Forwarded-For written by the
//     client changes nothing (per-IP limits, last used);
//  3. the embedded data directory is private (0700, files 0600);
//  4. two instances on PostgreSQL + Redis behind nginx (from Debian's packages, installed here
//     when missing) behave as one: a session made on one works on the other, a key disabled
//     through one is refused by the other within the cache bound, the per-key limit is shared,
//     and `kill -9` of one under load leaves the proxy serving from the other with no
//     acknowledged write lost.
// The nginx configuration is the one README's "Running several instances" shows.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Keypair } from "@stellar/stellar-sdk";
import { callAction as action, signInOverHttp as signIn } from "./fixtures/http-sign-in";
import { harnessPhase, reportCheck } from "./harness/report";

const pgBase = process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const redisUrl = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const SECRETS = {
  AUTH_SECRET: "several-instances-auth-secret-0123456789",
  KEY_HASH_SECRET: "several-instances-hash-secret-0123456789",
  SEP10_SIGNING_SECRET: "SB6QJGNCEWTXFZX4WAAPFCXVUGHENQNUECOOG7UUJF7F4JQ7FDFIXAEY",
};
// E2E_INSTANCES_PORT: where this script's servers listen (base + 1, 2, 6, 7, 8), so runs on one machine do not collide.
const PORT = Number(process.env.E2E_INSTANCES_PORT ?? 3600);
// E2E_START_SECONDS: how long a server may take to open its port (30 s; more on a loaded machine).
const START_SECONDS = Number(process.env.E2E_START_SECONDS ?? 30);
const [BAD, EMBEDDED, PROXY, A, B] = [1, 2, 6, 7, 8].map((n) => PORT + n) as [number, number, number, number, number];
const work = fs.mkdtempSync(path.join(os.tmpdir(), "keyport-instances-"));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const children: ChildProcess[] = [];
const failures: string[] = [];

function check(ok: boolean, what: string) {
  reportCheck(ok, what);
  if (!ok) failures.push(what);
}

type Server = { child: ChildProcess; port: number; base: string; log: () => string };

function startServer(port: number, env: Record<string, string>): Server {
  let log = "";
  const child = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
    env: { ...process.env, NODE_ENV: "production", HOST: "127.0.0.1", PORT: String(port), ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (d) => (log += d));
  child.stderr!.on("data", (d) => (log += d));
  children.push(child);
  return { child, port, base: `http://127.0.0.1:${port}`, log: () => log };
}

async function ready(base: string) {
  for (let i = 0; i < START_SECONDS * 5; i++) {
    if (
      await fetch(`${base}/api/ping`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await sleep(200);
  }
  throw new Error(`${base} did not start`);
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) =>
    child.exitCode !== null ? resolve(child.exitCode) : child.once("exit", (code) => resolve(code)),
  );

/** Databases this run created: dropped when it ends, whatever happened. */
const databases: string[] = [];

async function newDatabase(name: string) {
  databases.push(name);
  spawnSync("psql", [pgBase, "-qc", `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`]);
  spawnSync("psql", [pgBase, "-qc", `CREATE DATABASE ${name}`], { stdio: "inherit" });
  return Object.assign(new URL(pgBase), { pathname: `/${name}` }).toString();
}

function ensureNginx(): string {
  const found = ["/usr/sbin/nginx", "/usr/bin/nginx"].find((p) => fs.existsSync(p));
  if (found) return found;
  console.log("Installing nginx from Debian's packages…");
  const root = process.getuid?.() === 0;
  const run = (...args: string[]) => spawnSync(root ? args[0]! : "sudo", root ? args.slice(1) : args, { stdio: "inherit" });
  run("apt-get", "update", "-qq");
  run("apt-get", "install", "-y", "-qq", "nginx");
  return "/usr/sbin/nginx";
}

/** The README's configuration: round robin over the instances, each appending to X-Forwarded-For. */
export function nginxConfig(listen: number, upstreams: number[], prefix: string) {
  return `
worker_processes 1;
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${prefix}/body;
  proxy_temp_path ${prefix}/proxy;
  upstream keyport {
${upstreams.map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=10s;`).join("\n")}
    keepalive 16;
    # Under Node's 5 s keep-alive: reusing a connection the instance is just closing is an error
    # that marks a live instance down (with the other one dead, every request then gets 502).
    keepalive_timeout 4s;
  }
  server {
    listen 127.0.0.1:${listen};
    location / {
      proxy_pass http://keyport;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      # A dead instance is skipped; a request it had already taken is not replayed (not idempotent).
      proxy_next_upstream error timeout;
      proxy_connect_timeout 2s;
    }
  }
}`;
}

async function failFast() {
  const bad = startServer(BAD, { MAX_ACTIVE_KEYS: "abc", KEYPORT_DATA_DIR: path.join(work, "bad") });
  const code = await exited(bad.child);
  const lines = bad.log().trim().split("\n");
  check(code === 1, `MAX_ACTIVE_KEYS=abc: exit code ${code}`);
  check(
    lines.length === 1 && /MAX_ACTIVE_KEYS: must be a whole number from 1 to 1000/.test(lines[0]!),
    `one line naming the variable and the rule: "${lines[0]}"`,
  );
  check(
    !(await fetch(`http://127.0.0.1:${BAD}/api/ping`).then(
      () => true,
      () => false,
    )),
    "the port never opened",
  );
}

async function socketAddress() {
  const dataDir = path.join(work, "embedded");
  fs.mkdirSync(dataDir, { mode: 0o755 });
  fs.chmodSync(dataDir, 0o755);
  const server = startServer(EMBEDDED, {
    KEYPORT_DATA_DIR: dataDir,
    DATABASE_URL: "",
    RATE_LIMIT_SIGNIN_PER_MINUTE: "5",
    RATE_LIMIT_BAD_KEYS_PER_MINUTE: "5",
    ...SECRETS,
  });
  await ready(server.base);
  const loose = spawnSync("find", [dataDir, "-perm", "/077"], { encoding: "utf8" }).stdout.trim();
  check(
    (fs.statSync(dataDir).mode & 0o777) === 0o700 && loose === "",
    `embedded data directory 0700 with nothing group/world accessible (${loose.split("\n").filter(Boolean).length} loose entries)`,
  );

  // Made-up keys with valid checksums, each with a different forged X-Forwarded-For.
  const { generateKey } = await import("../lib/keys/format");
  const statuses: number[] = [];
  for (let i = 0; i < 8; i++) {
    const res = await fetch(`${server.base}/api/v1/whoami`, {
      headers: { "X-API-KEY": generateKey("testnet", "kp").key, "X-Forwarded-For": `6.6.6.${i}` },
    });
    statuses.push(res.status);
  }
  check(
    statuses.filter((s) => s === 429).length === 3,
    `bad-key budget per socket address despite 8 different X-Forwarded-For values: ${statuses.join(" ")}`,
  );

  const signins: (string | null)[] = [];
  for (let i = 0; i < 7; i++)
    signins.push(await signIn(server.base, Keypair.random(), { "X-Forwarded-For": `7.7.7.${i}` }).catch(() => null));
  check(
    signins.slice(0, 5).every(Boolean) && signins.slice(5).every((s) => s === null),
    `sign-in limit (5 a minute) holds per socket address despite forged X-Forwarded-For: ${signins.map((s) => (s ? "in" : "refused")).join(" ")}`,
  );
  server.child.kill("SIGTERM");
  await exited(server.child);
}

async function behindNginx() {
  const url = await newDatabase(`keyport_instances_${Date.now().toString(36)}`);
  const shared = {
    DATABASE_URL: url,
    REDIS_URL: redisUrl,
    TRUSTED_PROXY_HOPS: "1",
    RATE_LIMIT_API_PER_MINUTE: "10",
    RATE_LIMIT_SIGNIN_PER_MINUTE: "100000",
    AUTH_URL: `http://127.0.0.1:${PROXY}`,
    ...SECRETS,
  };
  const a = startServer(A, shared);
  await ready(a.base); // the first applies the migrations
  const b = startServer(B, { ...shared, MIGRATE_ON_START: "false" });
  await ready(b.base);
  const prefix = path.join(work, "nginx");
  fs.mkdirSync(prefix, { recursive: true });
  fs.writeFileSync(path.join(prefix, "nginx.conf"), nginxConfig(PROXY, [a.port, b.port], prefix));
  const nginx = spawn(ensureNginx(), ["-c", path.join(prefix, "nginx.conf"), "-p", prefix, "-g", "daemon off;"], { stdio: "inherit" });
  children.push(nginx);
  await sleep(500);
  if (nginx.exitCode !== null) throw new Error(`nginx exited (${nginx.exitCode}): is port ${PROXY} taken?`);
  await ready(`http://127.0.0.1:${PROXY}`);
  const proxy = `http://127.0.0.1:${PROXY}`;

  // A session made through one instance works through the other.
  const owner = Keypair.random();
  const cookie = await signIn(a.base, owner);
  check(!!cookie, "signed in on instance A");
  const onB = await fetch(`${b.base}/api/keys`, { headers: { cookie: cookie! } });
  check(onB.status === 200, `A's session cookie on instance B: ${onB.status}`);
  const viaProxy = await Promise.all(
    Array.from({ length: 4 }, () => fetch(`${proxy}/api/keys`, { headers: { cookie: cookie! } }).then((r) => r.status)),
  );
  check(
    viaProxy.every((s) => s === 200),
    `through nginx (both instances): ${viaProxy.join(" ")}`,
  );

  // Set up a use case and a key with the data layer, on the same database.
  process.env.DATABASE_URL = url;
  Object.assign(process.env, SECRETS);
  const { db } = await import("../lib/database/client");
  const { createKey } = await import("../lib/data/keys/lifecycle");
  const user = await db.user.update({
    where: { address: owner.publicKey() },
    data: { useCase: "Instances test" },
    select: { id: true, address: true, personalWorkspace: { select: { id: true, slug: true } } },
  });
  const actor = { id: user.id, address: user.address, ip: null };
  const workspaceId = user.personalWorkspace!.id;
  const made = await createKey(actor, workspaceId, {
    network: "testnet",
    name: "instances",
    description: null,
    scopes: ["escrows:read"],
    expiresAt: null,
  });
  const limitKey = await createKey(actor, workspaceId, {
    network: "testnet",
    name: "limit",
    description: null,
    scopes: ["escrows:read"],
    expiresAt: null,
  });
  if (!made.ok || !limitKey.ok) throw new Error("could not create keys");
  const whoami = (base: string, key: string, headers: Record<string, string> = {}) =>
    fetch(`${base}/api/v1/whoami`, { headers: { "X-API-KEY": key, ...headers } }).then((r) => r.status);

  // Disabled through A (the owner's own switch, over HTTP), refused by B within the bound.
  check((await whoami(b.base, made.data.plaintext)) === 200, "B answers the key (and caches it)");
  const disabled = await action(
    a.base,
    `/w/${user.personalWorkspace!.slug}/api-keys`, // the page that hosts the action: /settings/api-keys only redirects
    "setEnabled",
    [{ workspaceId, keyId: made.data.key.id, enabled: false }],
    cookie!,
  );
  const t0 = performance.now();
  check(
    disabled.result?.ok === true,
    `owner disabled the key through A: ${disabled.status} ${JSON.stringify(disabled.result)?.slice(0, 80)}`,
  );
  check((await whoami(a.base, made.data.plaintext)) === 401, "A refuses it at once");
  let refusedAfter = Infinity;
  while (performance.now() - t0 < 5000) {
    if ((await whoami(b.base, made.data.plaintext)) === 401) {
      refusedAfter = performance.now() - t0;
      break;
    }
    await sleep(50);
  }
  check(refusedAfter <= 2000 + 250, `B refuses it within the 2 s cache bound: after ${Math.round(refusedAfter)} ms`);

  // The per-key limit is shared: limit + 1 requests across both instances → exactly one 429.
  const statuses: number[] = [];
  for (let i = 0; i < 11; i++) statuses.push(await whoami(i % 2 ? a.base : b.base, limitKey.data.plaintext));
  check(
    statuses.filter((s) => s === 429).length === 1 && statuses.at(-1) === 429,
    `11 requests for a limit of 10, alternating A and B: ${statuses.join(" ")}`,
  );

  // The client IP behind one proxy is the one nginx appended, whatever the client wrote.
  await sleep(1100); // last use is written in batches within a second (KEY_USE_FLUSH_MS)
  const lastUsed = await db.apiKey.findUniqueOrThrow({ where: { id: limitKey.data.key.id }, select: { lastUsedIp: true } });
  await db.apiKey.update({ where: { id: made.data.key.id }, data: { enabled: true } });
  await sleep(2100);
  await fetch(`${proxy}/api/v1/whoami`, { headers: { "X-API-KEY": made.data.plaintext, "X-Forwarded-For": "6.6.6.6" } });
  await sleep(1100);
  const seen = await db.apiKey.findUniqueOrThrow({ where: { id: made.data.key.id }, select: { lastUsedIp: true } });
  check(
    seen.lastUsedIp === "127.0.0.1" && lastUsed.lastUsedIp === "127.0.0.1",
    `last used IP through nginx with a forged X-Forwarded-For: ${seen.lastUsedIp}`,
  );

  // kill -9 one instance under load: nginx serves from the other; every acknowledged sign-in is stored.
  const acknowledged: string[] = [];
  let errors = 0;
  let after = 0;
  let killedAt = 0;
  let running = true;
  const workers = Array.from({ length: 4 }, async () => {
    while (running) {
      const kp = Keypair.random();
      const ok = await signIn(proxy, kp).catch(() => null);
      if (ok) {
        acknowledged.push(kp.publicKey());
        if (killedAt) after++;
      } else errors++;
    }
  });
  await sleep(2500);
  a.child.kill("SIGKILL");
  killedAt = performance.now();
  await sleep(4000);
  running = false;
  await Promise.all(workers);
  const stored = await db.user.count({ where: { address: { in: acknowledged } } });
  const sessions = await db.session.count({ where: { user: { address: { in: acknowledged } } } });
  check(after > 10, `sign-ins acknowledged after kill -9 of A, served by B: ${after} (errors during the switch: ${errors})`);
  check(
    stored === acknowledged.length && sessions >= acknowledged.length,
    `acknowledged sign-ins stored: ${stored} of ${acknowledged.length} users, ${sessions} sessions`,
  );
  await db.$disconnect();
  // Wait for both: a master killed (below) before its worker exits leaves the worker on the proxy's port.
  nginx.kill("SIGTERM");
  b.child.kill("SIGTERM");
  await Promise.all([exited(nginx), exited(b.child)]);
}

async function main() {
  try {
    harnessPhase("fail-fast configuration");
    await failFast();
    harnessPhase("socket client IPs and a private data directory");
    await socketAddress();
    harnessPhase("two instances behind nginx");
    await behindNginx();
  } catch (error) {
    failures.push(error instanceof Error ? (error.stack ?? error.message) : String(error));
  } finally {
    for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
    for (const name of databases) spawnSync("psql", [pgBase, "-qc", `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`]);
  }
  if (failures.length) {
    console.error(`\n${failures.length} check(s) failed:\n${failures.join("\n")}`);
    process.exit(1);
  }
  console.log("\nOK: fail-fast configuration, socket client IPs, a private data directory, and two instances behind nginx behave as one.");
  process.exit(0);
}

void main();
