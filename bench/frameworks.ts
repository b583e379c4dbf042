// Which HTTP framework the API plane is built on, chosen by measuring (issue #23, step 1):
// a plain node:http server, fastify 5 (zod type provider, schemas on the routes, as the plane
// would use them) and Hono on @hono/node-server (@hono/zod-openapi routes), each in its own
// process, each answering
//   GET /hello   → {"ok":true}
//   GET /whoami  → an X-API-KEY header read, an HMAC, a Map lookup, four headers and a
//                  seven-field JSON body: the shape of the real whoami without a database.
// Runs alternate (node, fastify, hono, node, …) and medians are compared, as in bench/api.ts.
//   npx tsx bench/frameworks.ts [-- --seconds 5 --rounds 3]
import { spawn, type ChildProcess } from "node:child_process";
import { createHmac } from "node:crypto";
import { createServer } from "node:http";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { z } from "zod";

const { values } = parseArgs({
  options: { seconds: { type: "string", default: "5" }, rounds: { type: "string", default: "3" }, child: { type: "string" } },
});
const PORT = Number(process.env.BENCH_PORT ?? 4330);
const KEY = "kp_test_0123456789abcdefghijklmnopqrst012345";
const SECRET = "bench-hash-secret-bench-hash-secret-0000";
const hash = (raw: string) => createHmac("sha256", SECRET).update(raw).digest("base64url");
const record = { keyId: "key_1", name: "bench", network: "testnet", scopes: ["escrows:read"], owner: "GABC", expiresAt: null };
const keys = new Map([[hash(KEY), record]]);
const headers = { "Cache-Control": "no-store", "X-RateLimit-Limit": "600", "X-RateLimit-Remaining": "599", "X-RateLimit-Reset": "60" };
const whoamiBody = z.object({
  keyId: z.string(),
  name: z.string(),
  network: z.enum(["testnet", "mainnet"]),
  scopes: z.array(z.string()),
  owner: z.string(),
  expiresAt: z.string().nullable(),
});
const problem = { type: "about:blank", title: "Missing or invalid credentials", status: 401, code: "unauthorized" };

async function nodeServer(port: number) {
  createServer((req, res) => {
    if (req.url === "/hello") {
      res.writeHead(200, { "Content-Type": "application/json" });
      return res.end('{"ok":true}');
    }
    const raw = req.headers["x-api-key"];
    const key = typeof raw === "string" ? keys.get(hash(raw)) : undefined;
    if (!key) {
      res.writeHead(401, { "Content-Type": "application/problem+json" });
      return res.end(JSON.stringify(problem));
    }
    res.writeHead(200, { "Content-Type": "application/json", ...headers });
    res.end(JSON.stringify(key));
  }).listen(port, "127.0.0.1");
}

async function fastifyServer(port: number) {
  const { default: Fastify } = await import("fastify");
  const { serializerCompiler, validatorCompiler } = await import("fastify-type-provider-zod");
  const app = Fastify({ logger: false });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.get("/hello", async () => ({ ok: true }));
  app.get(
    "/whoami",
    { schema: { headers: z.object({ "x-api-key": z.string().optional() }), response: { 200: whoamiBody, 401: z.string() } } },
    async (req, reply) => {
      const raw = req.headers["x-api-key"];
      const key = typeof raw === "string" ? keys.get(hash(raw)) : undefined;
      if (!key) return reply.code(401).type("application/problem+json").send(JSON.stringify(problem));
      reply.headers(headers);
      return key;
    },
  );
  await app.listen({ port, host: "127.0.0.1" });
}

async function honoServer(port: number) {
  const { OpenAPIHono, createRoute } = await import("@hono/zod-openapi");
  const { serve } = await import("@hono/node-server");
  const app = new OpenAPIHono();
  app.get("/hello", (c) => c.json({ ok: true }));
  app.openapi(
    createRoute({
      method: "get",
      path: "/whoami",
      request: { headers: z.object({ "x-api-key": z.string().optional() }) },
      responses: { 200: { description: "ok", content: { "application/json": { schema: whoamiBody } } } },
    }),
    ((c: import("hono").Context) => {
      const raw = c.req.header("x-api-key");
      const key = raw ? keys.get(hash(raw)) : undefined;
      if (!key) return c.body(JSON.stringify(problem), 401, { "Content-Type": "application/problem+json" });
      return c.json(key as z.infer<typeof whoamiBody>, 200, headers);
    }) as never, // the 401 is not declared on this throwaway route
  );
  serve({ fetch: app.fetch, port, hostname: "127.0.0.1" });
}

const SERVERS = { node: nodeServer, fastify: fastifyServer, hono: honoServer } as const;
type Name = keyof typeof SERVERS;

async function start(name: Name, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", __filename, "--child", name], {
    env: { ...process.env, BENCH_PORT: String(port), NODE_ENV: "production" },
    stdio: "inherit",
  });
  for (let i = 0; i < 100; i++) {
    await new Promise((r) => setTimeout(r, 100));
    if (
      await fetch(`http://127.0.0.1:${port}/hello`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return child;
  }
  throw new Error(`${name} did not start`);
}

const run = (url: string, seconds: number) =>
  new Promise<{ rps: number; p99: number }>((resolve, reject) =>
    autocannon({ url, connections: 50, duration: seconds, headers: { "x-api-key": KEY } }, (error, r) =>
      error ? reject(error) : resolve({ rps: r.requests.average, p99: r.latency.p99 }),
    ),
  );
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  if (values.child) return SERVERS[values.child as Name](PORT);
  const names = Object.keys(SERVERS) as Name[];
  const children = await Promise.all(names.map((n, i) => start(n, PORT + i)));
  const results: Record<string, { rps: number[]; p99: number[] }> = {};
  for (let round = 0; round < Number(values.rounds); round++)
    for (const route of ["hello", "whoami"])
      for (const [i, name] of names.entries()) {
        const r = await run(`http://127.0.0.1:${PORT + i}/${route}`, Number(values.seconds));
        const slot = (results[`${name} ${route}`] ??= { rps: [], p99: [] });
        slot.rps.push(r.rps);
        slot.p99.push(r.p99);
      }
  for (const c of children) c.kill();
  console.log("| server | route | req/s (median) | ÷ node:http | p99 ms |\n|---|---|---:|---:|---:|");
  for (const route of ["hello", "whoami"])
    for (const name of names) {
      const r = results[`${name} ${route}`]!;
      const ratio = median(r.rps) / median(results[`node ${route}`]!.rps);
      console.log(`| ${name} | ${route} | ${Math.round(median(r.rps))} | ${ratio.toFixed(2)}× | ${median(r.p99)} |`);
    }
}

void main();
