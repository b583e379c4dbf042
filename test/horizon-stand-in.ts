// A Horizon stand-in over real HTTP (node:http): GET /accounts/{id} answers the signers and
// thresholds a test sets, 404 for others; `mode` makes it fail. No test-runner imports, so the
// integration tests (through test/sep10.ts) and the Playwright specs both serve it.
import { createServer, type Server } from "node:http";

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
