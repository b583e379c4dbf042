import { z } from "zod";
import { AUDIT_ACTION_CODES } from "@/lib/audit/actions";
import { cursorSchema } from "./cursor";
import { plainText, recordId } from "./text";

const search = plainText("Search")
  .trim()
  .max(100, "Search at most 100 characters.")
  .optional()
  .transform((v) => v || undefined);
const page = z.coerce.number().int().min(1).max(100_000).default(1);
const pageSize = z.coerce
  .number()
  .int()
  .refine((n) => [10, 25, 50, 100].includes(n), "pageSize must be 10, 25, 50 or 100.")
  .default(25);
/** An optional filter; an empty select ("All") means no filter. */
const optionalEnum = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((v) => (v === "" ? undefined : v), z.enum(values).optional());

export const adminKeyQuerySchema = z.object({
  q: search,
  network: optionalEnum(["testnet", "mainnet"]),
  status: optionalEnum(["active", "disabled", "revoked", "expired"]),
  sort: z.enum(["createdAt", "lastUsedAt"]).default("createdAt"),
  dir: z.enum(["asc", "desc"]).default("desc"),
  // Keyset pages: the page after `after`, or before `before`; neither is the first page.
  after: cursorSchema,
  before: cursorSchema,
  pageSize,
});

/** `mainnet=pending`: only users whose Mainnet request waits for a decision (the admins' queue). */
export const adminUserQuerySchema = z.object({ q: search, mainnet: optionalEnum(["pending"]), page, pageSize });

/**
 * A UTC calendar day from a date input (YYYY-MM-DD); "" means no bound. From 1970 on:
 * PostgreSQL has no year 0000, which would otherwise reach it and fail as a 500.
 */
const day = (name: string) =>
  z.preprocess(
    (v) => (v === "" ? undefined : v),
    z.iso
      .date({ error: `${name} must be a date like 2026-01-31.` })
      .refine((d) => d >= "1970-01-01", `${name} must be 1970-01-01 or later.`)
      .optional(),
  );
/**
 * The audit log's filters, shared by the table and the CSV export. Days are UTC days and
 * both ends are inclusive: from=2026-01-31&to=2026-01-31 is that whole day, from its first
 * to its last millisecond (the column's precision), so 9999-12-31 needs no year 10000.
 */
export const auditFilterSchema = z
  .object({
    actor: search,
    target: search,
    action: z.preprocess(
      (v) => (v === "" ? undefined : v),
      z.enum(AUDIT_ACTION_CODES, { error: "action is not one the audit log records." }).optional(),
    ),
    from: day("from"),
    to: day("to"),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { message: "The start date is after the end date.", path: ["to"] })
  .transform(({ from, to, ...rest }) => ({
    ...rest,
    since: from ? new Date(`${from}T00:00:00.000Z`) : undefined,
    until: to ? new Date(`${to}T23:59:59.999Z`) : undefined,
  }));
export const auditQuerySchema = z.object({ page, pageSize }).and(auditFilterSchema);

const id = recordId;
/** An admin's reason, shown to the user concerned and kept in the audit log. */
const reason = plainText("The reason", { multiline: true })
  .trim()
  .max(300, "Keep the reason under 300 characters.")
  .optional()
  .transform((v) => v || null);
export const adminKeyToggleSchema = z.object({ keyId: id, enabled: z.boolean(), reason });
export const adminKeyIdSchema = z.object({ keyId: id, reason });
export const mainnetApprovalSchema = z.object({ userId: id, approved: z.boolean() });
export const workspaceApprovalSchema = z.object({ workspaceId: id, approved: z.boolean() });
export const adminWorkspaceQuerySchema = z.object({ q: search, page });
export const suspendSchema = z.discriminatedUnion("suspended", [
  z.object({
    userId: id,
    suspended: z.literal(true),
    reason: reason.pipe(
      z
        .string({ error: "Say why: the user sees this reason when they try to sign in." })
        .min(3, "Say why: the user sees this reason when they try to sign in."),
    ),
  }),
  z.object({
    userId: id,
    suspended: z.literal(false),
    reason: z
      .unknown()
      .optional()
      .transform(() => null),
  }),
]);
/** Approving may carry a note for the user; declining must say why (the user reads it). */
export const mainnetDecisionSchema = z.discriminatedUnion("decision", [
  z.object({ requestId: id, decision: z.literal("approve"), reason }),
  z.object({
    requestId: id,
    decision: z.literal("decline"),
    reason: reason.pipe(
      z
        .string({ error: "Say why: the user sees this reason and can ask again." })
        .min(3, "Say why: the user sees this reason and can ask again."),
    ),
  }),
]);
export const adminRoleSchema = z.object({ userId: id, admin: z.boolean() });
export const leakedKeySchema = z.object({
  key: plainText("The key").trim().min(1, "Paste the key you found.").max(200, "That is too long to be a Keyport key."),
});

/** URLSearchParams → plain object for the schemas above. */
export const fromSearchParams = (params: URLSearchParams) => Object.fromEntries(params.entries());
