// Environment, parsed once with zod. A bad value stops server.ts before the port opens
// (instrumentation.ts under `next start`/`next dev`) with a line naming the variable and its rule.
import { hkdfSync, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Keypair, StrKey } from "@stellar/stellar-sdk";
import { z } from "zod";
import { githubPublicKeysSchema } from "./github-public-keys";

/** The Stellar networks sign-in can be offered on; lib/networks/stellar.ts names each (the compiler keeps the two equal). */
export const WALLET_NETWORK_IDS = ["testnet", "public", "futurenet"] as const;
export type WalletNetworkId = (typeof WALLET_NETWORK_IDS)[number];

const csv = (s: string | undefined) =>
  (s ?? "")
    .split(",")
    .map((v) => v.trim())
    .filter(Boolean);

/** A whole number in a range, with a rule a person can read when it is wrong. */
const int = (min: number, max: number, fallback: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === "") return fallback;
      const n = Number(v);
      if (!/^\d+$/.test(v.trim()) || n < min || n > max) {
        ctx.addIssue({ code: "custom", message: `must be a whole number from ${min} to ${max} (got "${v.slice(0, 40)}")` });
        return z.NEVER;
      }
      return n;
    });

/** A URL the drivers will accept: it parses, and its user and password are valid percent-encoding. */
const parsableUrl = (v: string | undefined) => {
  if (!v) return true;
  try {
    const u = new URL(v);
    decodeURIComponent(u.username);
    decodeURIComponent(u.password);
    return !!u.hostname;
  } catch {
    return false;
  }
};

/** One mailbox: `a@b.c` or `Name <a@b.c>`, on one line (a header value must not carry a line break). */
const mailbox = (v: string) => {
  if (/[\r\n]/.test(v)) return false;
  const address = /^[^<>]*<([^<>]+)>$/.exec(v)?.[1] ?? v;
  return z.email().safeParse(address.trim()).success;
};

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// connection string")
      .refine(parsableUrl, "must be a valid postgresql://user:password@host:port/database URL")
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
    SEP10_SIGNING_SECRET: z
      .string()
      .optional()
      .transform((v) => v?.trim() || undefined)
      .refine(
        (v) => v === undefined || StrKey.isValidEd25519SecretSeed(v),
        "must be a Stellar secret seed (S…, 56 characters), e.g. `Keypair.random().secret()` from @stellar/stellar-sdk",
      ),
    /** SEP-10 web authentication (lib/sep10/): the network its challenges are for, and the Horizon servers that give signers. */
    SEP10_NETWORK: z.enum(["testnet", "public"], { error: "must be testnet or public" }).default("public"),
    HORIZON_URL_TESTNET: z
      .string()
      .optional()
      .transform((v) => v?.trim() || "https://horizon-testnet.stellar.org")
      .pipe(z.url({ protocol: /^https?$/, error: "must be an http(s) URL, e.g. https://horizon-testnet.stellar.org" })),
    HORIZON_URL_PUBLIC: z
      .string()
      .optional()
      .transform((v) => v?.trim() || "https://horizon.stellar.org")
      .pipe(z.url({ protocol: /^https?$/, error: "must be an http(s) URL, e.g. https://horizon.stellar.org" })),
    SEP10_TOKEN_TTL_SECONDS: int(60, 24 * 60 * 60, 15 * 60),
    /**
     * Tests and local development only: a SEP-10 `client_domain` may be read over plain http and
     * may resolve to this machine or a private network. Refused unless AUTH_URL is a loopback address.
     */
    SEP10_CLIENT_DOMAIN_INSECURE: z
      .enum(["true", "false"], { error: "must be true or false" })
      .default("false")
      .transform((v) => v === "true"),
    /** stellar.toml's [DOCUMENTATION]: ORG_NAME and ORG_URL (default: Keyport and AUTH_URL), ORG_DESCRIPTION when set. */
    STELLAR_TOML_ORG_NAME: z
      .string()
      .optional()
      .transform((v) => v?.trim() || "Keyport")
      .pipe(z.string().max(100, "must be at most 100 characters")),
    STELLAR_TOML_ORG_URL: z
      .string()
      .optional()
      .transform((v) => v?.trim() || undefined)
      .pipe(z.url({ protocol: /^https?$/, error: "must be an http(s) URL, e.g. https://example.com" }).optional()),
    STELLAR_TOML_ORG_DESCRIPTION: z
      .string()
      .optional()
      .transform((v) => v?.trim() || undefined)
      .pipe(z.string().max(500, "must be at most 500 characters").optional()),
    KEY_PREFIX: z
      .string()
      .regex(/^[a-z][a-z0-9]{1,9}$/, "must be 2–10 lowercase letters or digits, starting with a letter")
      .default("kp"),
    MAX_ACTIVE_KEYS: int(1, 1000, 10),
    OPERATOR_TOKEN: z.string().min(32, "must be at least 32 characters").optional(),
    /** GitHub's secret-scanning public keys, as GitHub serves them; unset: the endpoint answers 503. */
    GITHUB_SECRET_SCANNING_KEYS: z
      .string()
      .optional()
      .transform((v, ctx) => {
        if (!v?.trim()) return undefined;
        try {
          return JSON.parse(v) as unknown;
        } catch {
          ctx.addIssue({
            code: "custom",
            message: 'must be JSON: {"public_keys":[{"key_identifier":"…","key":"-----BEGIN PUBLIC KEY-----…"}]}',
          });
          return z.NEVER;
        }
      })
      .pipe(githubPublicKeysSchema.optional()),
    RATE_LIMIT_API_PER_MINUTE: int(1, 10_000_000_000, 600),
    RATE_LIMIT_SIGNIN_PER_MINUTE: int(1, 10_000_000, 20),
    RATE_LIMIT_KEYS_PER_HOUR: int(1, 10_000_000, 30),
    RATE_LIMIT_BAD_KEYS_PER_MINUTE: int(1, 10_000_000, 60),
    TRUSTED_PROXY_HOPS: int(0, 10, 0),
    PORT: int(1, 65535, 3000),
    /** The interface server.ts listens on (all of them when unset). */
    HOST: z
      .string()
      .optional()
      .transform((v) => v || undefined),
    AUTH_URL: z
      .string()
      .optional()
      .transform((v) => v || undefined)
      .pipe(
        z
          .url({ protocol: /^https?$/, error: "must be the app's public URL, e.g. https://keys.example.com" })
          .transform((u) => new URL(u).origin)
          .optional(),
      ),
    RATE_LIMIT_STORE: z.enum(["database", "memory"], { error: "must be database or memory" }).optional(),
    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\//, "must be a redis:// or rediss:// URL")
      .refine(parsableUrl, "must be a valid redis://[user:password@]host:port URL")
      .optional()
      .or(z.literal("").transform(() => undefined)),
    MIGRATE_ON_START: z
      .enum(["true", "false"], { error: "must be true or false" })
      .default("true")
      .transform((v) => v === "true"),
    /** Gateway mode: the platform API's base URL; requests matching GATEWAY_ROUTES are forwarded there after the key check. */
    GATEWAY_UPSTREAM: z
      .string()
      .optional()
      .transform((v) => v?.trim() || undefined)
      .pipe(
        z
          .url({ protocol: /^https?$/, error: "must be the platform API's base URL, e.g. http://127.0.0.1:4000 or https://api.internal" })
          .transform((u) => u.replace(/\/+$/, ""))
          .optional(),
      ),
    /** The JSON file of gateway routes (lib/gateway/routes.ts); read and checked at start-up. */
    GATEWAY_ROUTES: z
      .string()
      .optional()
      .transform((v) => v?.trim() || undefined),
    GATEWAY_TIMEOUT_MS: int(100, 3_600_000, 30_000),
    GATEWAY_PREFIX: z
      .string()
      .regex(/^(\/[a-z0-9._-]+)+$/, "must be a path like /api/v1 (lowercase segments, no trailing slash)")
      .refine(
        (p) => !NEXT_PATHS.some((own) => own === p || own.startsWith(`${p}/`) || p.startsWith(`${own}/`)),
        "must not cover Keyport's own pages or session routes (/api/auth, /settings, /docs, …): use /api/v1 or a path of its own",
      )
      .default("/api/v1"),
    USAGE_RECORDING: z
      .enum(["true", "false"], { error: "must be true or false" })
      .default("true")
      .transform((v) => v === "true"),
    USAGE_FLUSH_MS: int(100, 600_000, 5_000),
    USAGE_RETENTION_DAYS: int(31, 3650, 400),
    /**
     * Tests and local development only: webhooks may be sent to loopback, private and link-local
     * addresses. Off, every delivery's connected address must be public (lib/webhooks/targets.ts).
     */
    WEBHOOK_ALLOW_PRIVATE_TARGETS: z
      .enum(["true", "false"], { error: "must be true or false" })
      .default("false")
      .transform((v) => v === "true"),
    /**
     * E-mail (lib/data/mail/): the SMTP server, as smtp://user:password@host:587 (STARTTLS when
     * the server offers it) or smtps://…:465. Unset: Keyport sends no e-mail and queues none.
     */
    SMTP_URL: z
      .string()
      .optional()
      .transform((v) => v?.trim() || undefined)
      .refine(
        (v) => v === undefined || (/^smtps?:\/\//i.test(v) && parsableUrl(v)),
        "must be an smtp:// or smtps:// URL, e.g. smtps://user:password@smtp.example.com:465",
      ),
    /** The sender of every e-mail: an address, or a name and an address. Required with SMTP_URL. */
    MAIL_FROM: z
      .string()
      .optional()
      .transform((v) => v?.trim() || undefined)
      .refine(
        (v) => v === undefined || mailbox(v),
        'must be an address or a name and an address, e.g. keyport@example.com or "Keyport <keyport@example.com>"',
      ),
    /** A Reown (WalletConnect) project id: with it, sign-in offers WalletConnect for mobile wallets. */
    WALLETCONNECT_PROJECT_ID: z
      .string()
      .regex(/^[0-9a-f]{32}$/i, "must be the 32-character project id from the Reown dashboard")
      .optional()
      .or(z.literal("").transform(() => undefined)),
    /** Where users reach a person: shown wherever the app says "contact support". Both unset: that sentence is left out. */
    SUPPORT_URL: z
      .string()
      .optional()
      .transform((v) => v?.trim() || undefined)
      .pipe(z.url({ protocol: /^https?$/, error: "must be an http(s) URL, e.g. https://example.com/support" }).optional()),
    SUPPORT_EMAIL: z
      .string()
      .optional()
      .transform((v) => v?.trim() || undefined)
      .pipe(z.email({ error: "must be an email address, e.g. support@example.com" }).optional()),
    SIGNIN_NETWORKS: z
      .string()
      .optional()
      .transform((s) => (s ? csv(s) : ["testnet", "public"]))
      .pipe(z.array(z.enum(WALLET_NETWORK_IDS)).min(1)),
    /**
     * Development and QA only: sign-in offers a throwaway wallet whose key the browser makes and
     * keeps. Refused unless AUTH_URL is a loopback address: it must never reach real users.
     */
    TEST_WALLET: z
      .enum(["true", "false"], { error: "must be true or false" })
      .default("false")
      .transform((v) => v === "true"),
  })
  .superRefine((e, ctx) => {
    if (e.TEST_WALLET && e.AUTH_URL && !LOOPBACK_HOSTS.has(new URL(e.AUTH_URL).hostname)) {
      ctx.addIssue({
        code: "custom",
        path: ["TEST_WALLET"],
        message: `is for local development and QA only, and AUTH_URL (${e.AUTH_URL}) is not this machine: unset it`,
      });
    }
    if (e.SEP10_CLIENT_DOMAIN_INSECURE && e.AUTH_URL && !LOOPBACK_HOSTS.has(new URL(e.AUTH_URL).hostname)) {
      ctx.addIssue({
        code: "custom",
        path: ["SEP10_CLIENT_DOMAIN_INSECURE"],
        message: `is for tests and local development only, and AUTH_URL (${e.AUTH_URL}) is not this machine: unset it`,
      });
    }
    if (e.SMTP_URL && !e.MAIL_FROM) {
      ctx.addIssue({
        code: "custom",
        path: ["MAIL_FROM"],
        message: 'is required with SMTP_URL: the sender of Keyport\'s e-mail, e.g. "Keyport <keyport@example.com>"',
      });
    }
    if (Boolean(e.GATEWAY_UPSTREAM) !== Boolean(e.GATEWAY_ROUTES)) {
      ctx.addIssue({
        code: "custom",
        path: [e.GATEWAY_UPSTREAM ? "GATEWAY_ROUTES" : "GATEWAY_UPSTREAM"],
        message: "gateway mode needs both GATEWAY_UPSTREAM (where to forward) and GATEWAY_ROUTES (which requests, with which scope)",
      });
    }
  });

/** Paths Next.js serves (pages, session routes, assets): the gateway's prefix may not take them over. */
const NEXT_PATHS = [
  "/api/auth",
  "/api/keys",
  "/api/admin",
  "/api/ping",
  "/api/secret-scanning",
  "/_next",
  "/settings",
  "/admin",
  "/docs",
  "/sign-in",
  "/teams",
  "/w",
];

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

export type SupportContact = { href: string; label: string };

/** The support page when there is one (it can say more than an address), else a mailto: link. */
function supportContact(url: string | undefined, email: string | undefined): SupportContact | null {
  if (url) return { href: url, label: "contact support" };
  if (email) return { href: `mailto:${email}`, label: `contact support at ${email}` };
  return null;
}

/** Thrown at start-up; its message is one line per invalid variable, naming it and its rule. */
export class InvalidEnvironmentError extends Error {}

function parse() {
  const result = schema.safeParse(process.env);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `Invalid environment variable ${i.path.join(".")}: ${i.message}`);
    throw new InvalidEnvironmentError(lines.join("\n"));
  }
  const e = result.data;
  return {
    ...e,
    dataDir: path.resolve(e.KEYPORT_DATA_DIR),
    /** An embedded deployment keeps its data, and so its generated secret, on this machine. */
    embedded: !e.DATABASE_URL,
    /**
     * Where users reach the app: the sign-in challenge's domain, the curl snippets and every
     * absolute URL come from here, never from a request's Host header.
     */
    publicOrigin: e.AUTH_URL ?? `http://localhost:${e.PORT}`,
    /** Whether e-mail is sent (and so queued at all): SMTP_URL is set. */
    mailEnabled: Boolean(e.SMTP_URL),
    /** How users reach support, a link for "contact support"; null when neither variable is set. */
    support: supportContact(e.SUPPORT_URL, e.SUPPORT_EMAIL),
  };
}

export const env = parse();

type SecretName = "AUTH_SECRET" | "KEY_HASH_SECRET" | "SEP10_SIGNING_SECRET";
type SecretKind = { file: string; generate: () => string; valid: (v: string) => boolean; rule: string };

const RANDOM_SECRET = {
  generate: () => randomBytes(32).toString("base64url"),
  valid: (v: string) => v.length >= 32,
  rule: "a random value of at least 32 characters (e.g. `openssl rand -base64 32`)",
};

const SECRETS: Record<SecretName, SecretKind> = {
  AUTH_SECRET: { file: "auth-secret", ...RANDOM_SECRET },
  KEY_HASH_SECRET: { file: "key-hash-secret", ...RANDOM_SECRET },
  SEP10_SIGNING_SECRET: {
    file: "sep10-signing-secret",
    generate: () => Keypair.random().secret(),
    valid: (v) => StrKey.isValidEd25519SecretSeed(v),
    rule: "a Stellar secret seed (S…, 56 characters), e.g. `Keypair.random().secret()` from @stellar/stellar-sdk",
  },
};

const secrets = new Map<string, string>();
/**
 * A secret that must not live in the database. A production deployment on a database
 * server must set it (instances must share it). An embedded deployment is one machine
 * with its data in KEYPORT_DATA_DIR: the first start generates the secret there (mode
 * 0600), so the README's first command just works, and later starts reuse it.
 */
function secret(name: SecretName): string {
  const kind = SECRETS[name];
  const known = secrets.get(name) ?? env[name];
  if (known) return known;
  if (env.NODE_ENV === "production" && !env.embedded) {
    throw new Error(
      `${name} is not set. It is required in production with DATABASE_URL: set it to ${kind.rule}, the same on every instance.`,
    );
  }
  // The data directory is the operator's (KEYPORT_DATA_DIR), not a project file: the build's
  // file tracer must not follow these paths (it would copy the whole project into the output).
  const filePath = path.join(/*turbopackIgnore: true*/ env.dataDir, kind.file);
  let value: string;
  try {
    value = fs.readFileSync(/*turbopackIgnore: true*/ filePath, "utf8").trim();
  } catch {
    fs.mkdirSync(/*turbopackIgnore: true*/ env.dataDir, { recursive: true, mode: 0o700 });
    try {
      fs.writeFileSync(/*turbopackIgnore: true*/ filePath, kind.generate(), { mode: 0o600, flag: "wx" });
    } catch {
      // another process wrote it first: use theirs
    }
    value = fs.readFileSync(/*turbopackIgnore: true*/ filePath, "utf8").trim();
  }
  if (!kind.valid(value)) throw new Error(`${filePath} (the generated ${name}) must hold ${kind.rule}; set ${name} or remove the file.`);
  secrets.set(name, value);
  return value;
}

/** Signs session tokens. */
export const authSecret = () => secret("AUTH_SECRET");
/**
 * The AES-256 key that webhook signing secrets are stored under, derived from AUTH_SECRET (the
 * secrets must be read back to sign, so they cannot be hashed). Changing AUTH_SECRET means
 * rotating every endpoint's secret.
 */
export const webhookSecretKey = () => Buffer.from(hkdfSync("sha256", authSecret(), "keyport", "webhook-signing-secrets", 32));
/** Keys the HMAC under which API keys are stored. Changing it invalidates every key. */
export const keyHashSecret = () => secret("KEY_HASH_SECRET");
/**
 * Signs SEP-10 challenge transactions (sign-in for wallets that can only sign transactions).
 * Changing it only invalidates challenges issued in the last five minutes.
 */
export const sep10SigningKey = () => Keypair.fromSecret(secret("SEP10_SIGNING_SECRET"));

export function isAdminAddress(address: string): boolean {
  return env.ADMIN_ADDRESSES.includes(address);
}
