// The management API's bodies as documented (OpenAPI) and first checked by the route. The
// rules themselves are the screens' own schemas (./api-key.ts), which the handlers run next:
// one set of rules for a key, whichever way it is asked for.
import { z } from "zod";
import { OVERLAPS } from "@/lib/keys/lifecycle";
import { NETWORKS } from "@/lib/networks/key";
import { WORKSPACE_ROLES } from "@/lib/workspaces/permissions";
import { USAGE_RANGES } from "./api-key";

const text = (max: number) => z.string().max(max);

export const workspaceParams = z.object({ slug: text(100).meta({ description: "The workspace's slug, from GET /api/v1/workspaces." }) });
export const keyParams = workspaceParams.extend({ id: text(100).meta({ description: "The key's id." }) });

export const workspacesResponseSchema = z
  .object({
    data: z.array(z.object({ id: z.string(), slug: z.string(), name: z.string(), personal: z.boolean(), role: z.enum(WORKSPACE_ROLES) })),
  })
  .meta({ id: "Workspaces", title: "Workspaces" });

const allowedIps = z
  .array(text(100))
  .max(200)
  .meta({ description: "IP addresses or CIDR ranges the key may be used from; empty: anywhere. Changing it needs the high threshold." });

export const createKeyBody = z
  .object({
    network: z.enum(NETWORKS).meta({ description: "`mainnet` needs the workspace's Mainnet approval and a high-threshold token." }),
    name: text(200),
    description: text(1000).optional(),
    scopes: z.array(text(100)).max(20),
    expiry: z
      .enum(["never", "30", "90", "365", "date"])
      .meta({ description: "Days until the key expires, `never`, or `date` with `expiresOn`." }),
    expiresOn: text(20).optional().meta({ description: 'yyyy-mm-dd, with `expiry: "date"`.' }),
    allowedIps: allowedIps.optional(),
  })
  .meta({ id: "CreateKeyRequest", title: "CreateKeyRequest" });

export const updateKeyBody = z
  .object({
    name: text(200).optional(),
    description: text(1000).nullable().optional(),
    scopes: z.array(text(100)).max(20).optional(),
    allowedIps: allowedIps.optional(),
    rateLimit: z
      .number()
      .int()
      .nullable()
      .optional()
      .meta({ description: "Requests per minute, at most the key's ceiling; null: the ceiling." }),
    enabled: z.boolean().optional().meta({ description: "Turn the key on or off (an admin's disable wins)." }),
    expiry: z
      .enum(["never", "30", "90", "365", "date"])
      .optional()
      .meta({ description: "A new expiry: days from now, `never`, or `date` with `expiresOn`. Not for a key being rotated out." }),
    expiresOn: text(20).optional().meta({ description: 'yyyy-mm-dd, with `expiry: "date"`.' }),
  })
  .meta({ id: "UpdateKeyRequest", title: "UpdateKeyRequest" });

export const rotateKeyBody = z
  .object({
    overlap: z
      .enum(Object.keys(OVERLAPS) as [keyof typeof OVERLAPS, ...(keyof typeof OVERLAPS)[]])
      .meta({ description: "How long the old key keeps working: none, 1h, 24h or 7d (never past its own expiry)." }),
  })
  .meta({ id: "RotateKeyRequest", title: "RotateKeyRequest" });

export const usageQuery = z.object({ range: z.enum(USAGE_RANGES).default("24h") });

/** A key as its workspace's screens show it; never its secret or hash. */
export const keyViewSchema = z
  .looseObject({
    id: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    network: z.enum(NETWORKS),
    masked: z.string().meta({ examples: ["kp_test_4fQ0…a1B2"] }),
    scopes: z.array(z.string()),
    status: z.string(),
    enabled: z.boolean(),
    createdAt: z.string(),
    expiresAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
    allowedIps: z.array(z.string()),
  })
  .meta({ title: "Key" });

export const keyListSchema = z.object({ data: z.array(keyViewSchema) }).meta({ id: "Keys", title: "Keys" });
export const keyResponseSchema = z.object({ key: keyViewSchema }).meta({ id: "KeyResponse", title: "KeyResponse" });
const keyLink = z
  .object({ id: z.string(), name: z.string(), masked: z.string() })
  .nullable()
  .meta({ description: "The key it replaced, or that replaced it, by rotation; null: none." });
export const keyDetailResponseSchema = z
  .object({ key: keyViewSchema, predecessor: keyLink, successor: keyLink })
  .meta({ id: "KeyDetail", title: "KeyDetail" });
export const newKeyResponseSchema = z
  .object({
    key: keyViewSchema,
    plaintext: z.string().meta({ description: "The key itself: shown in this response once, and never again. Store it now." }),
  })
  .meta({ id: "NewKey", title: "NewKey" });
export const rotatedKeyResponseSchema = newKeyResponseSchema
  .extend({ oldKey: keyViewSchema })
  .meta({ id: "RotatedKey", title: "RotatedKey" });
export const usageResponseSchema = z
  .object({ range: z.enum(USAGE_RANGES), series: z.array(z.looseObject({ at: z.string() })), recent: z.array(z.looseObject({})) })
  .meta({ id: "KeyUsage", title: "KeyUsage" });
