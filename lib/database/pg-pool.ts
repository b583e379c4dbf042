import { Pool, type PoolConfig } from "pg";

/**
 * A pg pool that survives the server going away: an idle connection the server closes
 * (restart, failover, admin command) emits "error" on the pool, and without a listener
 * that event crashes the process. The next query reconnects; requests in between get a 503.
 */
export function createPool(url: string, options: PoolConfig = {}): Pool {
  // A query that gets no answer for 15 s (a partitioned network, a stuck server) fails as
  // "Query read timeout", a 503 (lib/database/errors.ts), instead of holding its request and
  // every request waiting on it (a key's lease refill) until TCP gives up. Transactions time out
  // at 15 s as a whole already (lib/db.ts).
  const pool = new Pool({ connectionString: url, connectionTimeoutMillis: 3000, query_timeout: 15_000, ...options });
  pool.on("error", (error) => console.warn(`[db] idle connection lost: ${error.message}`));
  return pool;
}
