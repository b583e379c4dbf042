import pg, { type PoolConfig } from "pg";
import { circuitFor, destroyStream, type Circuit } from "./circuit";

/**
 * The bounds on every PostgreSQL connection of the app (ms). A hung server is not what they are
 * for: the circuit (lib/database/circuit.ts) finds that out within a second. They stop one
 * statement or one connection that goes wrong on a server that otherwise answers, and are
 * generous so that a slow but healthy query is never cut: 15 s is the bound the app's
 * transactions already have (lib/database/client.ts), and its statements are index lookups and paged reads.
 */
export const POOL_BOUNDS = {
  /** Waiting for a pooled connection (all busy) or for a new one to open. */
  connectionTimeoutMillis: 3_000,
  /** The server cancels a statement running this long (it would otherwise run on after we gave up). */
  statement_timeout: 15_000,
  /** We stop waiting for an answer a little later: the server's own cancel comes first when it can. */
  query_timeout: 20_000,
  /** A transaction whose client vanished (severed, crashed) releases its locks after this; Prisma's own bound is 15 s. */
  idle_in_transaction_session_timeout: 20_000,
} as const;

type Tracked = { pending: number; progressAt: number; sever: (why: Error) => void };
type Callback = (error: Error | null, result?: unknown) => void;

/**
 * pg's Client, watched by the circuit of its database: each connect and query is reported, so a
 * hung server is noticed within a second; while the circuit is open a connect fails at once.
 */
class WatchedClient extends pg.Client {
  private readonly circuit: Circuit;
  private readonly tracked: Tracked;
  private readonly untrack: () => void;

  constructor(config: pg.ClientConfig) {
    super(config);
    this.circuit = circuitFor(config);
    this.tracked = { pending: 0, progressAt: 0, sever: (why) => destroyStream(this, why) };
    this.untrack = this.circuit.track(this.tracked);
    this.once("end", this.untrack);
    // A connection error reaches the query or the pool waiting on it; this listener keeps one
    // that nobody waits for from crashing the process, and asks the circuit to check the server.
    this.on("error", (error: Error) => this.circuit.suspect(error, false));
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- pg's connect(): a promise, or a callback
  override connect(callback?: any): any {
    const refusal = this.circuit.refusal();
    if (refusal) {
      this.untrack();
      if (callback) return void process.nextTick(callback, refusal);
      return Promise.reject(refusal);
    }
    const done = this.circuit.begin(this.tracked);
    const settle = (error?: Error | null) => {
      done(error);
      if (!error) return;
      this.untrack();
      const code = (error as { code?: unknown }).code;
      this.circuit.suspect(error, typeof code === "string" && REFUSED.has(code));
    };
    if (typeof callback === "function")
      return super.connect((error: Error | null) => {
        settle(error);
        (callback as (error: Error | null) => void)(error);
      });
    return super.connect().then(
      (client) => (settle(), client),
      (error: Error) => {
        settle(error);
        throw error;
      },
    );
  }

  // pg's query() has a dozen overloads (text, config, Submittable; callback or promise): the
  // arguments pass through untouched, only its settling is observed.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(config: any, values?: any, callback?: any): any {
    const done = this.circuit.begin(this.tracked);
    const watched =
      (cb: Callback): Callback =>
      (error, result) => {
        done(error);
        cb(error, result);
      };
    if (typeof values === "function") return super.query(config, watched(values));
    if (typeof callback === "function") return super.query(config, values, watched(callback));
    const result = super.query(config, values);
    if (result && typeof result.then === "function") result.then(() => done(), done);
    else done(); // a Submittable without a callback reports to its own listeners; not watched
    return result;
  }
}

/** Connect errors that only an unreachable server explains (not one the server sent). */
const REFUSED = new Set(["ECONNREFUSED", "ENOTFOUND", "EHOSTUNREACH", "ENETUNREACH", "57P03"]);

/**
 * A pg pool that survives the server going away: an idle connection the server closes
 * (restart, failover, admin command) emits "error" on the pool, and without a listener
 * that event crashes the process. The next query reconnects; requests in between get a 503.
 */
export function createPool(url: string, options: PoolConfig = {}): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    ...POOL_BOUNDS,
    ...options,
    Client: WatchedClient as unknown as new () => pg.ClientBase,
  });
  const circuit = circuitFor({ ...options, connectionString: url });
  let loggedAt = 0;
  pool.on("error", (error) => {
    // One line per pool and 10 s: a server that goes away drops every idle connection at once,
    // and while the circuit is open it has said so already.
    if (circuit.isOpen() || Date.now() - loggedAt < 10_000) return;
    loggedAt = Date.now();
    console.warn(`[db] idle connection lost: ${error.message}`);
  });
  return pool;
}
