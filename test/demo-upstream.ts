// A small escrow API to put behind Keyport's gateway mode, for development (`npm run
// demo:upstream`, then GATEWAY_UPSTREAM=http://127.0.0.1:4010 GATEWAY_ROUTES=test/demo-routes.json)
// and the gateway's tests. It echoes the identity the gateway asserts, and has endpoints that
// misbehave on purpose: slow, hung, reset, any status, large uploads and downloads.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type DemoUpstream = {
  server: Server;
  url: string;
  requests: { method: string; url: string; headers: IncomingMessage["headers"] }[];
  close: () => Promise<void>;
};

const json = (res: ServerResponse, status: number, body: unknown) => {
  const text = JSON.stringify(body);
  res.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text) });
  res.end(text);
};

const identity = (req: IncomingMessage) => ({
  keyId: req.headers["x-keyport-key-id"] ?? null,
  workspace: req.headers["x-keyport-workspace"] ?? null,
  network: req.headers["x-keyport-network"] ?? null,
  scopes: String(req.headers["x-keyport-scopes"] ?? "")
    .split(" ")
    .filter(Boolean),
  requestId: req.headers["x-request-id"] ?? null,
});

const escrows: { id: string; amount: string; workspace: unknown }[] = [];

function handle(req: IncomingMessage, res: ServerResponse) {
  const url = new URL(req.url ?? "/", "http://upstream");
  const path = url.pathname;
  if (req.method === "GET" && path === "/escrows")
    return json(res, 200, { data: escrows.filter((e) => e.workspace === identity(req).workspace), caller: identity(req) });
  if (req.method === "POST" && path === "/escrows") {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (c: string) => (body = (body + c).slice(0, 10_000)));
    req.on("end", () => {
      const escrow = {
        id: `esc_${escrows.length + 1}`,
        amount: String((JSON.parse(body || "{}") as { amount?: unknown }).amount ?? "0"),
        workspace: identity(req).workspace,
      };
      escrows.push(escrow);
      json(res, 201, { escrow, caller: identity(req) });
    });
    return;
  }
  if (path === "/echo") return json(res, 200, { method: req.method, url: req.url, headers: req.headers });
  if (path === "/upload") {
    let bytes = 0;
    req.on("data", (c: Buffer) => (bytes += c.length));
    req.on("end", () => json(res, 200, { bytes }));
    return;
  }
  if (path === "/download") {
    const total = Math.min(Number(url.searchParams.get("mb") ?? 1), 100) * 1024 * 1024;
    const chunk = Buffer.alloc(64 * 1024, 120);
    res.writeHead(200, { "Content-Type": "application/octet-stream", "Content-Length": total });
    let sent = 0;
    const pump = () => {
      while (sent < total) {
        const part = chunk.subarray(0, Math.min(chunk.length, total - sent));
        sent += part.length;
        if (!res.write(part)) return void res.once("drain", pump);
      }
      res.end();
    };
    return pump();
  }
  if (path === "/slow") return void setTimeout(() => json(res, 200, { slow: true }), Number(url.searchParams.get("ms") ?? 1000));
  if (path === "/hang") return; // never answers
  if (path === "/hang-body") {
    res.writeHead(200, { "Content-Type": "text/plain" });
    res.write("started");
    return; // the body never ends
  }
  if (path === "/reset") return void req.socket.destroy();
  const status = /^\/status\/(\d{3})$/.exec(path);
  if (status) return json(res, Number(status[1]), { status: Number(status[1]) });
  json(res, 404, { error: "not found upstream" });
}

export async function startDemoUpstream(port = 0, host = "127.0.0.1"): Promise<DemoUpstream> {
  const requests: DemoUpstream["requests"] = [];
  const server = createServer((req, res) => {
    requests.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers });
    handle(req, res);
  });
  // As an API behind a proxy should be: kept-alive connections outlive the gateway's idle ones,
  // so the gateway never sends a request on a connection this server is closing (an upload on it
  // fails with EPIPE, and a POST is not retried). Node's default is 5 s.
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const { port: bound } = server.address() as AddressInfo;
  return {
    server,
    url: `http://${host}:${bound}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

if (process.argv[1]?.endsWith("demo-upstream.ts")) {
  const port = Number(process.env.DEMO_UPSTREAM_PORT ?? 4010);
  void startDemoUpstream(port).then((u) =>
    console.info(`[demo-upstream] an escrow API on ${u.url} (GET/POST /escrows, /echo, /upload, /download?mb=)`),
  );
}
