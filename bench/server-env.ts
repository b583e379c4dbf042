/**
 * The environment of the production server a key-check benchmark starts (and of the child that
 * seeds its keys: the key hashes depend on KEY_HASH_SECRET). The per-key rate limit is raised so
 * a run measures the key check, not the limiter's refusals.
 */
export const benchServerEnv = (): NodeJS.ProcessEnv => ({
  ...process.env,
  NODE_ENV: "production",
  AUTH_SECRET: "bench-secret-bench-secret-bench-secret-00",
  KEY_HASH_SECRET: "bench-hash-secret-bench-hash-secret-0000",
  SEP10_SIGNING_SECRET: "SCDXIZSYCLD5QOMQWNVWZECMNM35QTSBAWOOGXRVOX2RSTRPZRS4HWCI",
  RATE_LIMIT_API_PER_MINUTE: "1000000000",
});
