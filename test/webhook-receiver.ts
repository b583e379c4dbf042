// A webhook receiver for tests: a real HTTP server (node:http) on this machine that records every
// request and answers with the statuses it is given, in turn (then 204), and a Standard Webhooks
// check with the spec's published library (`standardwebhooks`), as a platform would verify.
import { createServer, type IncomingHttpHeaders } from "node:http";
import { Webhook } from "standardwebhooks";

export type Received = { path: string; headers: IncomingHttpHeaders; body: string; at: number };

export function webhookReceiver(port: number) {
  const received: Received[] = [];
  const answers: number[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ path: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks).toString("utf8"), at: Date.now() });
      const status = req.url === "/always-500" ? 500 : (answers.shift() ?? 204);
      res.writeHead(status, { "content-type": "text/plain" });
      res.end(status >= 300 ? `status ${status}: ${"x".repeat(3000)}` : "");
    });
  });
  return {
    received,
    /** What reached `path` (each test's endpoints have their own). */
    at: (path: string) => received.filter((r) => r.path === path),
    /** The next answers' statuses, in order. */
    answer: (...statuses: number[]) => answers.push(...statuses),
    url: (path = "/hooks") => `http://127.0.0.1:${port}${path}`,
    listen: () => new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve)),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    reset: () => {
      received.length = 0;
      answers.length = 0;
    },
  };
}

/** The payload, verified with the secret as a receiver would (throws when the signature does not match). */
export function verified(secret: string, r: Received): { type: string; data: Record<string, unknown> } & Record<string, unknown> {
  const headers = {
    "webhook-id": String(r.headers["webhook-id"]),
    "webhook-timestamp": String(r.headers["webhook-timestamp"]),
    "webhook-signature": String(r.headers["webhook-signature"]),
  };
  return new Webhook(secret).verify(r.body, headers) as never;
}
