import { Pool, type PoolConfig } from "pg";

/**
 * A pg pool that survives the server going away: an idle connection the server closes
 * (restart, failover, admin command) emits "error" on the pool, and without a listener
 * that event crashes the process. The next query reconnects; requests in between get a 503.
 */
export function createPool(url: string, options: PoolConfig = {}): Pool {
  const pool = new Pool({ connectionString: url, connectionTimeoutMillis: 3000, ...options });
  pool.on("error", (error) => console.warn(`[db] idle connection lost: ${error.message}`));
  return pool;
}
