// Knowing quickly that PostgreSQL cannot answer, and answering 503 at once while it cannot.
//
// A hung server (stopped process, partitioned network) accepts connections and reads queries
// but never answers; without this, each request waited for its query's timeout (15 s) and then
// for connect timeouts (3 s each). A short query timeout would also cut slow but healthy
// queries. Instead: when operations are in flight and the server has answered none of them
// (nor anything else) for STALL_MS, a probe asks on a connection of its own whether it answers
// at all (`SELECT 1`, PROBE_TIMEOUT_MS):
//  - it answers, or any other operation gets an answer meanwhile: the slow query is just slow
//    and goes on (its own bounds are in pg-pool.ts);
//  - nothing answers: the circuit opens. Every connection to that database is severed (waiting
//    queries fail now, as "unavailable"), new connections fail at once without touching the
//    network, and a probe runs every RETRY_MS until the server answers; then it closes by itself.
// A refused connection (server stopped) opens it at once. One circuit per database, shared by
// every pool and bundle of the process (the Prisma pool, the rate-limit counters' pool).
import pg from "pg";
import { processState } from "@/lib/core/process-state";

/** In flight this long with no answer from the server (to anything) makes us ask whether it is alive. */
export const STALL_MS = 150;
/**
 * The probe's `SELECT 1` must answer within this, unless another operation gets an answer
 * meanwhile. On its kept connection a millisecond or so; the first probe also opens it, which
 * takes a few milliseconds locally, and 400 ms leaves room for TLS over a 50 ms round trip.
 * STALL_MS + PROBE_TIMEOUT_MS + TICK_MS (575 ms) is the longest a request waits on a hung
 * server before its 503, leaving the rest of the second to the request.
 */
export const PROBE_TIMEOUT_MS = 400;
/** While open, how often a probe checks whether the server is back (recovery within about this). */
export const RETRY_MS = 1000;
const TICK_MS = 25;

type Tracked = { pending: number; progressAt: number; sever: (why: Error) => void };

export type Circuit = {
  readonly name: string;
  isOpen(): boolean;
  /** A refusal for a new connection while open (null when closed). */
  refusal(): Error | null;
  track(client: Tracked): () => void;
  /** An operation starts on a tracked client; call the result when it settles, with its error if any. */
  begin(client: Tracked): (error?: unknown) => void;
  /** A connection failed in a way only an unreachable server explains (refused, reset). */
  suspect(error: Error, open: boolean): void;
};

/** Every circuit of the process, by database. */
const circuits = processState("dbCircuits", () => new Map<string, Circuit>());

/** True while some database of this process is known to be unreachable (server.ts answers pages 503 then). */
export function databaseKnownDown(): boolean {
  for (const c of circuits.values()) if (c.isOpen()) return true;
  return false;
}

export function circuitFor(config: pg.ClientConfig & { connectionString?: string }): Circuit {
  const params = new URL(config.connectionString ?? "postgresql://localhost");
  const name = `${config.host ?? params.hostname}:${config.port ?? (params.port || 5432)}${params.pathname}`;
  let circuit = circuits.get(name);
  if (!circuit) circuits.set(name, (circuit = createCircuit(name, config)));
  return circuit;
}

function createCircuit(name: string, config: pg.ClientConfig): Circuit {
  const clients = new Set<Tracked>();
  let openedAt = 0;
  let reason = "";
  let probing = false;
  let answeredAt = 0; // the last time the server answered anything (a result, its own error, a probe)
  let ticker: NodeJS.Timeout | null = null;
  let retry: NodeJS.Timeout | null = null;
  const probeServer = prober(config);

  const isOpen = () => openedAt > 0;

  const open = (why: string) => {
    if (isOpen()) return;
    openedAt = Date.now();
    reason = why;
    console.warn(`[db] PostgreSQL (${name}) is unreachable: ${why}. Requests answer 503 until it answers again.`);
    // Their queries fail now instead of when TCP gives up; the pools replace them once it answers.
    const error = Object.assign(new Error(`Connection terminated: PostgreSQL is unreachable (${why})`), {
      code: "ECONNRESET",
      errno: -104,
      syscall: "read",
    });
    for (const client of clients) client.sever(error);
    scheduleRetry();
  };

  const close = () => {
    if (!isOpen()) return;
    console.info(`[db] PostgreSQL (${name}) answers again after ${((Date.now() - openedAt) / 1000).toFixed(1)} s.`);
    openedAt = 0;
    reason = "";
  };

  const scheduleRetry = () => {
    retry ??= setTimeout(() => {
      retry = null;
      void probe().then(() => isOpen() && scheduleRetry());
    }, RETRY_MS);
    retry.unref();
  };

  const probe = async () => {
    if (probing) return;
    probing = true;
    const startedAt = Date.now();
    const result = await probeServer();
    probing = false;
    if (result === "alive" || answeredAt >= startedAt) {
      answeredAt = Math.max(answeredAt, startedAt);
      close();
    } else open(result);
  };

  const stalled = () => {
    const now = Date.now();
    if (now - answeredAt <= STALL_MS) return false;
    for (const c of clients) if (c.pending > 0 && now - c.progressAt > STALL_MS) return true;
    return false;
  };

  // Runs only while some operation is in flight; unref'd, so it never holds the process open.
  const watch = () => {
    if (ticker) return;
    ticker = setInterval(() => {
      if (![...clients].some((c) => c.pending > 0)) {
        clearInterval(ticker!);
        ticker = null;
      } else if (!isOpen() && stalled()) void probe();
    }, TICK_MS);
    ticker.unref();
  };

  return {
    name,
    isOpen,
    refusal: () =>
      isOpen()
        ? unreachable(
            `PostgreSQL marked unreachable ${((Date.now() - openedAt) / 1000).toFixed(1)} s ago (${reason}); checked again every second`,
          )
        : null,
    track: (client) => {
      clients.add(client);
      return () => clients.delete(client);
    },
    begin: (client) => {
      if (client.pending++ === 0) client.progressAt = Date.now();
      watch();
      let settled = false;
      return (error) => {
        if (settled) return;
        settled = true;
        client.pending--;
        client.progressAt = Date.now();
        if (!error || serverSent(error)) answeredAt = client.progressAt;
      };
    },
    suspect: (error, openNow) => {
      if (isOpen()) return;
      if (openNow) open(error.message);
      else void probe();
    },
  };
}

/** A refused connection, as the driver adapters and lib/database/errors.ts read "cannot reach the database". */
function unreachable(message: string): Error {
  return Object.assign(new Error(`connect ECONNREFUSED: ${message}`), { code: "ECONNREFUSED", errno: -111, syscall: "connect" });
}

/**
 * Asks the server for `SELECT 1` on the circuit's own connection, kept open between probes
 * (opened on the first probe): an established connection answers in a millisecond even on a
 * loaded server, where opening one (a new backend) can take longer than the probe may wait.
 * "alive" when it answers within PROBE_TIMEOUT_MS, even with an error of its own (too many
 * connections, a bad password): the server is up, and that error is for the request to report.
 * Otherwise why not (for the log), and the connection is dropped: the next probe opens a new one.
 */
function prober(config: pg.ClientConfig): () => Promise<"alive" | string> {
  let kept: pg.Client | null = null;
  return async () => {
    const client = kept ?? new pg.Client({ ...config, connectionTimeoutMillis: 0, query_timeout: 0, statement_timeout: 0 });
    const fresh = client !== kept;
    kept = null;
    if (fresh) {
      client.on("error", () => {}); // the outcome is read from connect/query below
      client.once("end", () => kept === client && (kept = null));
    }
    const timer = setTimeout(() => destroyStream(client, new Error(`timeout after ${PROBE_TIMEOUT_MS} ms`)), PROBE_TIMEOUT_MS);
    try {
      if (fresh) await client.connect();
      await client.query("SELECT 1");
      clearTimeout(timer);
      (client as unknown as { unref(): void }).unref(); // never what keeps the process alive (pg has it; its types do not)
      kept = client;
      return "alive";
    } catch (error) {
      clearTimeout(timer);
      destroyStream(client);
      const cannotConnectNow = (error as { code?: unknown }).code === "57P03"; // starting up or shutting down
      return serverSent(error) && !cannotConnectNow ? "alive" : ((error as Error).message ?? String(error));
    }
  };
}

/** An error the server itself sent (an SQLSTATE), as opposed to one of the network or of this process. */
function serverSent(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && /^[0-9A-Z]{5}$/.test(code);
}

/** Closes a pg client's socket at once (end() would wait for the server's goodbye, which a hung server never sends). */
export function destroyStream(client: pg.Client, error?: Error): void {
  // pg-pool does the same on a connect timeout: there is no public way to drop a socket.
  (client as unknown as { connection: { stream: { destroy(error?: Error): void } } }).connection.stream.destroy(error);
}
