// A pending approval's change, as stored (JSON) and replayed when the member who asked completes
// it: the change's input after its own schema validated it, with dates as ISO strings. Parsed
// again on the way out, so a row is never replayed as something else.
import { z } from "zod";
import { OVERLAPS } from "@/lib/keys/lifecycle";
import { NETWORKS } from "@/lib/networks/key";
import { WORKSPACE_ROLES } from "@/lib/workspaces/permissions";
import { stellarAddress } from "@/lib/validation/auth";

const date = z.iso.datetime().transform((s) => new Date(s));
const text = z.string().max(2000);
const list = z.array(z.string().max(200)).max(100);

export const approvalInputSchema = z.discriminatedUnion("action", [
  z.object({
    action: z.literal("key.create"),
    key: z.object({
      network: z.enum(NETWORKS),
      name: text,
      description: text.nullable(),
      scopes: list,
      expiresAt: date.nullable(),
      allowedIps: list.optional(),
    }),
  }),
  z.object({
    action: z.literal("key.rotate"),
    keyId: z.string().max(64),
    overlap: z.enum(Object.keys(OVERLAPS) as [keyof typeof OVERLAPS]),
  }),
  z.object({
    action: z.literal("key.update"),
    keyId: z.string().max(64),
    edit: z.object({
      name: text,
      description: text.nullable(),
      scopes: list,
      allowedIps: list.optional(),
      rateLimit: z.number().int().nullable().optional(),
      expiresAt: date.nullable().optional(),
    }),
  }),
  z.object({ action: z.literal("member.role_change"), userId: z.string().max(64), role: z.enum(WORKSPACE_ROLES) }),
  z.object({ action: z.enum(["workspace.link", "workspace.unlink"]), account: stellarAddress }),
]);

export type ApprovalInput = z.infer<typeof approvalInputSchema>;
/** What a change hands the gate to keep for a replay: its input as it passed its schema (Dates included). */
export type ApprovalReplay = { workspaceId: string; input: { action: ApprovalInput["action"] } & Record<string, unknown> };

/** The stored form: dates as ISO strings, undefined fields dropped (JSON). */
export const storedInput = (input: ApprovalReplay["input"]) => JSON.parse(JSON.stringify(input)) as ApprovalInput;
