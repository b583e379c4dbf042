// Rules of the key forms, checked by the server actions; the dialogs show the field errors they return.
import { z } from "zod";
import { NETWORKS } from "@/lib/networks/key";
import { OVERLAPS } from "@/lib/keys/lifecycle";
import { offeredScopes, SCOPE_IDS, type Scope } from "@/lib/keys/scopes";
import { expiryDateRange } from "@/lib/keys/expiry";
import { MAX_ALLOWLIST_ENTRIES, parseAllowlistEntry, splitAllowlist } from "@/lib/keys/ip-allowlist";
import { orEmpty, plainText, recordId, repeatable } from "./text";
import { workspaceIdField } from "./workspace";

const DAY = 24 * 60 * 60 * 1000;

export const keyName = plainText("The name")
  .trim()
  .min(1, "Give the key a name, e.g. crm-sync-prod.")
  .max(64, "The name must be at most 64 characters.");

const description = plainText("The description", { multiline: true })
  .trim()
  .max(256, "The description must be at most 256 characters.")
  .transform((v) => v || null);

const scopeList = (ids: string[]) =>
  repeatable(
    z
      .array(z.enum(ids as [string, ...string[]], { error: "Choose scopes from the list." }))
      .min(1, "Choose at least one scope.")
      .transform((s) => [...new Set(s)].sort()),
  );
/** An edit may keep a key's older scopes; lib/keys/scopes.ts#addedScopeRefusal refuses adding them. */
const editScopes = scopeList(SCOPE_IDS);

/**
 * The IP allowlist as typed (a textarea: commas, spaces or new lines) or as a list; every bad
 * entry is named in one message, so the user fixes them all at once. Empty: anywhere.
 */
export const allowedIps = z
  .union([z.string().max(4000, "The allowlist is too long."), z.array(z.string().max(100, "An entry is too long.")).max(200)], {
    error: "List IP addresses or CIDR ranges, one per line.",
  })
  .optional()
  .transform((v, ctx) => {
    const entries = typeof v === "string" ? splitAllowlist(v) : (v ?? []).map((e) => e.trim()).filter(Boolean);
    const parsed = entries.map(parseAllowlistEntry);
    const errors = parsed.flatMap((p) => (p.ok ? [] : [p.message]));
    if (errors.length) {
      ctx.addIssue({ code: "custom", message: errors.slice(0, 3).join(" ") + (errors.length > 3 ? ` (${errors.length - 3} more)` : "") });
      return z.NEVER;
    }
    const unique = [...new Set(parsed.flatMap((p) => (p.ok ? [p.value] : [])))];
    if (unique.length > MAX_ALLOWLIST_ENTRIES) {
      ctx.addIssue({ code: "custom", message: `At most ${MAX_ALLOWLIST_ENTRIES} entries: use CIDR ranges to cover more addresses.` });
      return z.NEVER;
    }
    return unique;
  });

/** The end of the day picked, in UTC, or null when it is not a real yyyy-mm-dd date. */
function expiryDate(on: string | undefined): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(on ?? "")) return null;
  const date = new Date(`${on}T23:59:59.999Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== on ? null : date;
}

const expiryFields = z.object({ expiry: z.string(), expiresOn: z.string().optional() });
const EXPIRIES = ["never", "30", "90", "365", "date"] as const;
type ExpiryChoice = { expiry?: (typeof EXPIRIES)[number]; expiresOn?: string };

/** A date was picked and it is a real day. */
const pickedDateValid = (v: ExpiryChoice) => v.expiry !== "date" || expiryDate(v.expiresOn) !== null;
/** Exactly the days the picker offers (compared as yyyy-mm-dd): today is refused at any hour. */
function pickedDateInRange(v: ExpiryChoice) {
  if (v.expiry !== "date" || expiryDate(v.expiresOn) === null) return true;
  const { min, max } = expiryDateRange();
  return v.expiresOn! >= min && v.expiresOn! <= max;
}
/** When the key stops: the end of the picked day, so many days from now, or never (null). */
const expiresAtOf = (v: Required<Pick<ExpiryChoice, "expiry">> & ExpiryChoice) =>
  v.expiry === "date" ? expiryDate(v.expiresOn) : v.expiry === "never" ? null : new Date(Date.now() + Number(v.expiry) * DAY);
const DATE_MISSING = "Pick the date the key expires.";
const DATE_OUT_OF_RANGE = "Pick a date from tomorrow up to three years ahead.";

/**
 * A new key, offered `offered` scopes: only scopes some operation checks (Keyport's own, and in
 * gateway mode the route table's: lib/gateway/config.ts offeredKeyScopes, which callers pass).
 */
export const requestKeySchemaFor = (offered: readonly Scope[]) =>
  z
    .object({
      workspaceId: workspaceIdField,
      network: z.enum(NETWORKS, { error: "Choose Testnet or Mainnet." }),
      name: orEmpty(keyName),
      description: orEmpty(description),
      scopes: scopeList([...offered]),
      expiry: z.enum(EXPIRIES, { error: "Choose when the key expires." }),
      expiresOn: z.string().optional(),
      allowedIps,
    })
    // `when`: the date is checked even while other fields fail, so every error shows at once.
    .refine(pickedDateValid, { path: ["expiresOn"], message: DATE_MISSING, when: (p) => expiryFields.safeParse(p.value).success })
    .refine(pickedDateInRange, { path: ["expiresOn"], message: DATE_OUT_OF_RANGE, when: (p) => expiryFields.safeParse(p.value).success })
    .transform((v) => {
      const expiresAt = expiresAtOf(v);
      return {
        workspaceId: v.workspaceId,
        network: v.network,
        name: v.name,
        description: v.description,
        scopes: v.scopes,
        expiresAt,
        allowedIps: v.allowedIps,
      };
    });

/** A new key with Keyport's own scopes (no gateway): what tests and scripts without a route table use. */
export const requestKeySchema = requestKeySchemaFor(offeredScopes());

/** Requests per minute, as typed in a number field; empty means "no limit of my own" (null). */
export const perMinute = z
  .union([z.string().max(20), z.number(), z.null()], { error: "Enter a whole number of requests per minute." })
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v === null || (typeof v === "string" && v.trim() === "")) return null;
    const n = typeof v === "number" ? v : Number(v.trim());
    if (!Number.isInteger(n) || n < 1 || n > 10_000_000) {
      ctx.addIssue({ code: "custom", message: "Enter a whole number of requests per minute, from 1 to 10,000,000." });
      return z.NEVER;
    }
    return n;
  });

/** An edit; `expiry` (with `expiresOn` for a date) is optional: left out, the expiry stays as it is. */
export const editKeySchema = z
  .object({
    workspaceId: workspaceIdField,
    keyId: recordId,
    name: orEmpty(keyName),
    description: orEmpty(description),
    scopes: editScopes,
    allowedIps,
    rateLimit: perMinute,
    // The edit form's "keep" (and an empty value) leaves the expiry as it is.
    expiry: z.preprocess(
      (v) => (v === "keep" || v === "" ? undefined : v),
      z.enum(EXPIRIES, { error: "Choose when the key expires." }).optional(),
    ),
    expiresOn: z.string().optional(),
  })
  .refine(pickedDateValid, { path: ["expiresOn"], message: DATE_MISSING })
  .refine(pickedDateInRange, { path: ["expiresOn"], message: DATE_OUT_OF_RANGE })
  .transform(({ expiry, expiresOn, ...v }) => (expiry === undefined ? v : { ...v, expiresAt: expiresAtOf({ expiry, expiresOn }) }));

export const keyCeilingSchema = z.object({ keyId: recordId, ceiling: perMinute });

export const keyIdSchema = z.object({ workspaceId: workspaceIdField, keyId: recordId });
export const toggleKeySchema = keyIdSchema.extend({ enabled: z.boolean() });
export const rotateKeySchema = keyIdSchema.extend({
  overlap: z.enum(Object.keys(OVERLAPS) as [keyof typeof OVERLAPS, ...(keyof typeof OVERLAPS)[]], {
    error: "Choose how long the old key keeps working.",
  }),
});

export type KeyFormField = "network" | "name" | "description" | "scopes" | "expiry" | "expiresOn";

export const USAGE_RANGES = ["24h", "7d", "30d"] as const;
export const keyUsageSchema = z.object({ keyId: recordId, range: z.enum(USAGE_RANGES, { error: "range must be 24h, 7d or 30d." }) });

/** GET /api/keys: a workspace's keys by its id, or the caller's personal workspace's without one. */
export const keysQuerySchema = z.object({ workspace: workspaceIdField.optional() });
