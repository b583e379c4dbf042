// Fault test, run after the build: the server is killed (SIGKILL, no shutdown hook) between the
// commit of changes and their delivery, and a new server on the same PostgreSQL database delivers
// every webhook and e-mail they queued, each exactly once. The changes are written with the data
// layer from this process (as a second instance would), so their transactions commit here and the
// server only ever sees the outbox. At the kill:
//  - some deliveries are in flight: the receiver holds their requests open and never answers, so
//    the worker dies mid-attempt with them leased (they must be sent again, with the same webhook-id);
//  - some are committed and never claimed: the last changes commit a few milliseconds before the kill;
//  - the mails are queued while the SMTP server is down (refused, so retried later, or not yet tried).
// The receiver verifies every request with the Standard Webhooks library and counts what it
// acknowledged (2xx) per webhook-id; the SMTP server counts each mail by its Message-ID.
// Takes about 1.5 minutes (the 60 s lease of the held deliveries runs out first). The server listens
// on KILL_PORT (3842); its log is kept in $TMPDIR.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { harnessPhase, reportCheck } from "./harness/report";
import { startSmtpServer } from "../test/smtp-server";
import { verified } from "../test/webhook-receiver";

// This process writes with the data layer: it must seal, hash and queue as the server does.
process.env.AUTH_SECRET = "kill-secret-kill-secret-kill-secret-000000";
process.env.KEY_HASH_SECRET = "kill-hash-secret-kill-hash-secret-000000";
process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS = "true";
process.env.MAIL_FROM = "Keyport <keyport@example.com>";

const PORT = Number(process.env.KILL_PORT ?? 3842);
const BASE = `http://127.0.0.1:${PORT}`;
const pgBase = process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A receiver that holds every request unanswered while `holding`, then answers 204 and counts it. */
function holdingReceiver() {
  const held: string[] = [];
  const acknowledged: { id: string; headers: IncomingHttpHeaders; body: string }[] = [];
  let holding = true;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const id = String(req.headers["webhook-id"]);
      // Never answered: the server dies waiting for it, and the socket with it.
      if (holding) return void held.push(id);
      acknowledged.push({ id, headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      res.writeHead(204).end();
    });
  });
  return {
    held,
    acknowledged,
    answer: () => (holding = false),
    listen: () => new Promise<number>((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port))),
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

let serverLog = "";
function startServer(env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "server.ts"], {
    env: {
      ...env,
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: String(PORT),
      AUTH_URL: BASE,
      REDIS_URL: "",
      SEP10_SIGNING_SECRET: "SB5U6PI4NVSPQT2WYC6QTJM6QMA75FGWFC26GUAQOLYR3XLI23WALQWW",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (d) => (serverLog += d));
  child.stderr!.on("data", (d) => (serverLog += d));
  return child;
}

async function until(what: () => boolean | Promise<boolean>, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(200)) if (await what()) return true;
  return what();
}

const failures: string[] = [];
function check(phase: string, ok: boolean, what: string) {
  harnessPhase(phase);
  reportCheck(ok, what);
  if (!ok) failures.push(what);
}

async function main() {
  let server: ChildProcess | undefined;
  setTimeout(() => {
    console.error(`FAILED: did not finish within 4 minutes\n${serverLog.split("\n").slice(-30).join("\n")}`);
    server?.kill("SIGKILL");
    process.exit(1);
  }, 240_000).unref();
  const dbName = `keyport_kill_${Date.now().toString(36)}`;
  spawnSync("psql", [pgBase, "-qc", `CREATE DATABASE ${dbName}`], { stdio: "inherit" });
  const url = Object.assign(new URL(pgBase), { pathname: `/${dbName}` }).toString();
  process.env.DATABASE_URL = url;
  const receiver = holdingReceiver();
  // The SMTP server's port is taken now and the server let go: mail is refused until it comes back there.
  const probe = await startSmtpServer();
  const smtpPort = probe.port;
  await probe.close();
  process.env.SMTP_URL = probe.url;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>> | undefined;
  try {
    const { migratePostgres } = await import("../lib/database/schema-engine");
    await migratePostgres(url);
    const { db } = await import("../lib/database/client");
    const { makeKey, makeUser } = await import("../test/factories");
    const { asMember, revokeKey, setKeyEnabled } = await import("../lib/data/keys/lifecycle");
    const { createEndpoint } = await import("../lib/data/webhooks/endpoints");
    const receiverPort = await receiver.listen();

    const owner = await makeUser();
    const admin = await makeUser();
    await db.user.update({ where: { id: owner.id }, data: { email: "owner@example.com" } });
    const made = await createEndpoint(owner, owner.workspaceId, { url: `http://127.0.0.1:${receiverPort}/hooks`, events: ["*"] });
    if (!made.ok) throw new Error(`endpoint: ${made.code}`);
    const { secret } = made.data;
    /**
     * A batch of changes: a key created and held by an admin (key.created, key.disabled and an
     * e-mail to its owner), and `pairs` keys created and revoked (key.created, key.revoked; revoked,
     * they leave room under the cap of live keys). 2 + 2 × pairs events.
     */
    const changes = async (pairs: number, tag: string) => {
      const kept = await makeKey(owner, { name: `${tag}-held` });
      const held = await setKeyEnabled({ actor: admin, as: "admin" }, kept.key.id, false, `held in ${tag}`);
      if (!held.ok) throw new Error(`hold: ${held.code}`);
      for (let i = 0; i < pairs; i++) {
        const { key } = await makeKey(owner, { name: `${tag}-${i}` });
        const revoked = await revokeKey(asMember(owner, owner.workspaceId), key.id);
        if (!revoked.ok) throw new Error(`revoke: ${revoked.code}`);
      }
    };

    harnessPhase("killed between commit and delivery");
    server = startServer(process.env);
    const up = await until(
      () =>
        fetch(`${BASE}/api/ping`).then(
          (r) => r.ok,
          () => false,
        ),
      60_000,
    );
    if (!up) throw new Error(`server did not start:\n${serverLog}`);
    await changes(9, "in-flight");
    // The worker has taken deliveries and waits on the receiver's answer; the mail worker has met a closed port.
    const inFlight = await until(() => receiver.held.length > 0, 20_000);
    await sleep(1500);
    await changes(3, "unclaimed");
    server.kill("SIGKILL");
    await new Promise((r) => server!.once("exit", r));
    const queued = await db.webhookDelivery.groupBy({ by: ["status"], _count: true });
    const mails = await db.mailMessage.findMany({ select: { id: true, status: true, attempts: true } });
    const messages = await db.webhookMessage.findMany({ select: { id: true, type: true } });
    console.log(
      `at the kill: ${receiver.held.length} requests held open, deliveries ${JSON.stringify(queued)}, ` +
        `mails ${JSON.stringify(mails.map((m) => `${m.status}/${m.attempts}`))}`,
    );
    check("killed between commit and delivery", inFlight, `the worker had requests in flight when killed (${receiver.held.length})`);
    check(
      "killed between commit and delivery",
      messages.length === 2 + 2 * 9 + 2 + 2 * 3,
      `every committed change is in the outbox: ${messages.length} of 28 events (14 key.created, 12 key.revoked, 2 key.disabled)`,
    );
    check("killed between commit and delivery", mails.length === 2, `both e-mails queued (${mails.length})`);
    check(
      "killed between commit and delivery",
      queued.every((q) => q.status === "pending") && mails.every((m) => m.status === "pending"),
      "nothing was delivered before the kill",
    );

    harnessPhase("a new server delivers each once");
    smtp = await startSmtpServer(smtpPort);
    receiver.answer();
    server = startServer(process.env);
    const ids = new Set(messages.map((m) => m.id));
    const mailIds = new Set(mails.map((m) => `<${m.id}@keyport>`));
    const done = await until(
      () => new Set(receiver.acknowledged.map((r) => r.id)).size >= ids.size && smtp!.received.length >= mailIds.size,
      150_000,
    );
    // Long enough for a second copy to show, if one were coming.
    await sleep(3000);
    const phase = "a new server delivers each once";
    const acked = receiver.acknowledged.map((r) => r.id);
    const dupes = acked.filter((id, i) => acked.indexOf(id) !== i);
    check(phase, done, `every event and e-mail arrived (${new Set(acked).size} of ${ids.size} events, ${smtp.received.length} of 2 mails)`);
    check(
      phase,
      acked.length === ids.size && dupes.length === 0 && acked.every((id) => ids.has(id)),
      `each event acknowledged once (duplicates: ${dupes.length})`,
    );
    const wrong = receiver.acknowledged.filter((r) => {
      try {
        const payload = verified(secret, { path: "/hooks", headers: r.headers, body: r.body, at: 0 });
        return payload.type !== messages.find((m) => m.id === r.id)?.type;
      } catch {
        return true;
      }
    });
    check(phase, wrong.length === 0, `every request verifies with the Standard Webhooks library as its event (${wrong.length} did not)`);
    check(
      phase,
      receiver.held.every((id) => acked.includes(id)),
      `the requests held when the server died were sent again with the same webhook-id (${receiver.held.length})`,
    );
    const got = smtp.received.map((r) => r.mail.messageId ?? "");
    check(
      phase,
      got.length === mailIds.size && new Set(got).size === got.length && got.every((id) => mailIds.has(id)),
      `each e-mail arrived once (${JSON.stringify(got)})`,
    );
    check(
      phase,
      smtp.received.every((r) => r.to.includes("owner@example.com") && /An admin disabled your key/.test(r.mail.subject ?? "")),
      "to the key's owner, saying an admin disabled it",
    );
    const states = await db.webhookDelivery.groupBy({ by: ["status"], _count: true });
    const sent = await db.mailMessage.count({ where: { status: "sent" } });
    check(
      phase,
      states.length === 1 && states[0]!.status === "succeeded" && sent === 2,
      `recorded as delivered: ${JSON.stringify(states)}, ${sent} mails sent`,
    );
    server.kill("SIGTERM");
    await new Promise((r) => server!.once("exit", r));
    await db.$disconnect();
  } finally {
    if (server && server.exitCode === null) server.kill("SIGKILL");
    await receiver.close();
    await smtp?.close();
    spawnSync("psql", [pgBase, "-qc", `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`]);
  }
  const logFile = path.join(os.tmpdir(), "keyport-kill-server.log");
  fs.writeFileSync(logFile, serverLog);
  if (failures.length) {
    console.error(`server log (whole: ${logFile}; last 30 lines):\n${serverLog.split("\n").slice(-30).join("\n")}`);
    console.error(`FAILED: ${failures.join("; ")}`);
    process.exit(1);
  }
  console.log("OK: killed between commit and delivery, every webhook and e-mail arrived once from the next server.");
  process.exit(0);
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
