// Environment, parsed once with zod. A bad value fails at start-up (instrumentation.ts)
// with a message that names the variable, not deep inside a request.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { StrKey } from "@stellar/stellar-sdk";
import { z } from "zod";

const NETWORKS = ["testnet", "public", "futurenet"] as const;
export type WalletNetwork = (typeof NETWORKS)[number];

const csv = (s: string | undefined) =>
  (s ?? "")
    .split(",")
    .map((v) => v.trim())
    .filter(Boolean);

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// connection string")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  KEYPORT_DATA_DIR: z.string().min(1).default(".keyport"),
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters (e.g. `openssl rand -base64 32`)").optional(),
  ADMIN_ADDRESSES: z
    .string()
    .optional()
    .transform(csv)
    .pipe(z.array(z.string().refine((a) => StrKey.isValidEd25519PublicKey(a), "each entry must be a Stellar G… address"))),
  KEY_HASH_SECRET: z.string().min(32, "must be at least 32 characters (e.g. `openssl rand -base64 32`)").optional(),
  KEY_PREFIX: z
    .string()
    .regex(/^[a-z][a-z0-9]{1,9}$/, "must be 2–10 lowercase letters or digits, starting with a letter")
    .default("kp"),
  MAX_ACTIVE_KEYS: z.coerce.number().int().min(1).max(1000).default(10),
  OPERATOR_TOKEN: z.string().min(32, "must be at least 32 characters").optional(),
  RATE_LIMIT_API_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  RATE_LIMIT_SIGNIN_PER_MINUTE: z.coerce.number().int().min(1).default(20),
  RATE_LIMIT_KEYS_PER_HOUR: z.coerce.number().int().min(1).default(30),
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(1).max(10).default(1),
  RATE_LIMIT_STORE: z.enum(["database", "memory"], { error: "must be database or memory" }).optional(),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, "must be a redis:// or rediss:// URL")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  MIGRATE_ON_START: z
    .enum(["true", "false"], { error: "must be true or false" })
    .default("true")
    .transform((v) => v === "true"),
  SIGNIN_NETWORKS: z
    .string()
    .optional()
    .transform((s) => (s ? csv(s) : ["testnet", "public"]))
    .pipe(z.array(z.enum(NETWORKS)).min(1)),
});

function parse() {
  const result = schema.safeParse(process.env);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  const e = result.data;
  return {
    ...e,
    dataDir: path.resolve(e.KEYPORT_DATA_DIR),
    /** An embedded deployment keeps its data, and so its generated secret, on this machine. */
    embedded: !e.DATABASE_URL,
  };
}

export const env = parse();

export class MissingSecretError extends Error {}

const secrets = new Map<string, string>();
/**
 * A secret that must not live in the database. A production deployment on a database
 * server must set it (instances must share it). An embedded deployment is one machine
 * with its data in KEYPORT_DATA_DIR: the first start generates the secret there (mode
 * 0600), so the README's first command just works, and later starts reuse it.
 */
function secret(name: "AUTH_SECRET" | "KEY_HASH_SECRET", file: string): string {
  const known = secrets.get(name) ?? env[name];
  if (known) return known;
  if (env.NODE_ENV === "production" && !env.embedded) {
    throw new MissingSecretError(
      `${name} is not set. It is required in production with DATABASE_URL: set it to a random value of ` +
        "at least 32 characters (e.g. `openssl rand -base64 32`), the same on every instance.",
    );
  }
  const filePath = path.join(env.dataDir, file);
  let value: string;
  try {
    value = fs.readFileSync(filePath, "utf8").trim();
  } catch {
    fs.mkdirSync(env.dataDir, { recursive: true });
    try {
      fs.writeFileSync(filePath, randomBytes(32).toString("base64url"), { mode: 0o600, flag: "wx" });
    } catch {
      // another process wrote it first: use theirs
    }
    value = fs.readFileSync(filePath, "utf8").trim();
  }
  secrets.set(name, value);
  return value;
}

/** Signs session tokens. */
export const authSecret = () => secret("AUTH_SECRET", "auth-secret");
/** Keys the HMAC under which API keys are stored. Changing it invalidates every key. */
export const keyHashSecret = () => secret("KEY_HASH_SECRET", "key-hash-secret");

export function isAdminAddress(address: string): boolean {
  return env.ADMIN_ADDRESSES.includes(address);
}
