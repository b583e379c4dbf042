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

let secret: string | undefined;
/**
 * AUTH_SECRET signs session tokens. A production deployment on a database server must
 * set it (several instances must share it). An embedded deployment is one machine with
 * its data in KEYPORT_DATA_DIR: the first start generates a secret there (mode 0600) so
 * the README's first command just works, and later starts reuse it.
 */
export function authSecret(): string {
  if (secret) return secret;
  if (env.AUTH_SECRET) return (secret = env.AUTH_SECRET);
  if (env.NODE_ENV === "production" && !env.embedded) {
    throw new MissingSecretError(
      "AUTH_SECRET is not set. It is required in production with DATABASE_URL: " +
        "set it to a random value of at least 32 characters (e.g. `openssl rand -base64 32`), the same on every instance.",
    );
  }
  const file = path.join(env.dataDir, "auth-secret");
  try {
    return (secret = fs.readFileSync(file, "utf8").trim());
  } catch {
    fs.mkdirSync(env.dataDir, { recursive: true });
    const fresh = randomBytes(32).toString("base64url");
    try {
      fs.writeFileSync(file, fresh, { mode: 0o600, flag: "wx" });
      return (secret = fresh);
    } catch {
      return (secret = fs.readFileSync(file, "utf8").trim()); // another process wrote it first
    }
  }
}

export function isAdminAddress(address: string): boolean {
  return env.ADMIN_ADDRESSES.includes(address);
}
