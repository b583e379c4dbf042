// An SMTP server for tests: a real one (smtp-server, from the nodemailer project) on an ephemeral
// port of this machine, with a login, that parses every message it accepts (mailparser) and can
// refuse the next ones with the SMTP answers it is given (a 451 to retry later, a 550 for good).
import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

export type Received = { to: string[]; from: string; mail: ParsedMail };

export const SMTP_USER = "keyport";
export const SMTP_PASSWORD = "s3cret pass";

/** On `port` (a test that restarts it on the same address), or an ephemeral one. */
export async function startSmtpServer(port = 0) {
  const received: Received[] = [];
  const refusals: number[] = [];
  const server = new SMTPServer({
    // Plain text on loopback: nodemailer would refuse the server's self-signed certificate.
    disabledCommands: ["STARTTLS"],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === SMTP_USER && auth.password === SMTP_PASSWORD) return callback(null, { user: auth.username });
      callback(new Error("Invalid username or password"));
    },
    onData(stream, session, callback) {
      const refusal = refusals.shift();
      simpleParser(stream)
        .then((mail) => {
          if (refusal) {
            const error = Object.assign(new Error(refusal >= 500 ? "Mailbox unavailable" : "Try again later"), { responseCode: refusal });
            return callback(error);
          }
          received.push({
            to: session.envelope.rcptTo.map((r) => r.address),
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
            mail,
          });
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const bound = (server.server.address() as AddressInfo).port;
  return {
    received,
    port: bound,
    url: `smtp://${SMTP_USER}:${encodeURIComponent(SMTP_PASSWORD)}@127.0.0.1:${bound}`,
    /** What reached `address`. */
    to: (address: string) => received.filter((r) => r.to.includes(address)),
    /** Refuse the next messages with these SMTP codes, in order. */
    refuse: (...codes: number[]) => refusals.push(...codes),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * For a test file's `vi.hoisted`, before the environment is first read: an SMTP server, and the
 * mail settings pointing at it (with the public URL the mails link to, and private webhook
 * targets allowed for the receivers beside it).
 */
export async function startMailTestServer() {
  const server = await startSmtpServer();
  process.env.SMTP_URL = server.url;
  process.env.MAIL_FROM = "Keyport <keyport@example.com>";
  process.env.AUTH_URL = "https://keys.example.com";
  process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS = "true";
  return server;
}
