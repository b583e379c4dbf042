// The /api/v1 bodies, in and out: the API plane's routes validate and type with these, and the
// OpenAPI document is generated from the same schemas (lib/plane/openapi/document.ts); an `id`
// names a schema in the document's components.
import { z } from "zod";
import { NETWORKS } from "@/lib/keys/networks";
import { SCOPE_IDS, type Scope } from "@/lib/keys/scopes";
import { PROBLEM_CODES } from "@/lib/api/problem";

const scope = z.enum(SCOPE_IDS as [Scope, ...Scope[]], { error: `scope must be one of: ${SCOPE_IDS.join(", ")}.` });
const network = z.enum(NETWORKS).meta({ description: "`testnet` for `kp_test_…` keys, `mainnet` for `kp_live_…` keys." });
const stellarAddress = z
  .string()
  .meta({ description: "The key owner's Stellar account (G…).", examples: ["GDQP2KPQGKIHYJGXNUIYOMHARUARCA7DJT5FO2FFOOKY3B2WSQHG4W37"] });

export const verifyRequestSchema = z
  .object({
    key: z
      .string({ error: "key is required and must be a string." })
      .max(200, "key is too long to be a Keyport key.")
      .meta({ description: "The API key your server received from its caller.", examples: ["kp_test_…"] }),
    scope: scope.optional().meta({ description: "Also check the key holds this scope." }),
    ip: z
      .union([z.ipv4(), z.ipv6()], { error: "ip must be an IPv4 or IPv6 address." })
      .optional()
      .meta({
        description:
          "The address your caller's request came from. The key's IP allowlist applies to it exactly as to a direct request; " +
          "without it, a key that has an allowlist is not valid (`ip_not_allowed`).",
        examples: ["203.0.113.7"],
      }),
  })
  .meta({ id: "VerifyRequest", title: "VerifyRequest" });

/** The workspace a key belongs to: it works for this tenant only. */
const tenant = z
  .object({
    id: z.string(),
    slug: z.string().meta({ examples: ["acme-payments"] }),
    name: z.string().meta({ examples: ["Acme Payments"] }),
  })
  .meta({ title: "Tenant", description: "The workspace (tenant) the key belongs to; the key works for this tenant only." });

export const whoamiResponseSchema = z
  .object({
    keyId: z.string(),
    name: z.string().meta({ examples: ["crm-sync-prod"] }),
    network,
    scopes: z.array(scope),
    owner: stellarAddress,
    tenant,
    expiresAt: z.iso.datetime().nullable().meta({ description: "When the key stops working; null for never." }),
  })
  .meta({ id: "Whoami", title: "Whoami" });

export const escrowsResponseSchema = z
  .object({
    data: z.array(z.unknown()).meta({ description: "The caller's indexed escrows (Keyport indexes none yet: always empty)." }),
    indexing: z.boolean().meta({ description: 'Whether the key owner\'s "Save escrows" preference is on.' }),
    network,
  })
  .meta({ id: "Escrows", title: "Escrows" });

export const verifyResponseSchema = z
  .discriminatedUnion("code", [
    z.object({
      valid: z.literal(true),
      code: z.literal("valid"),
      keyId: z.string(),
      network,
      scopes: z.array(scope),
      owner: stellarAddress,
      tenant,
    }),
    z.object({
      valid: z.literal(false),
      code: z.literal("insufficient_scope"),
      keyId: z.string(),
      network,
      scopes: z.array(scope),
      owner: stellarAddress,
      tenant,
    }),
    z.object({ valid: z.literal(false), code: z.literal("invalid_key") }),
    z.object({
      valid: z.literal(false),
      code: z.literal("ip_not_allowed").meta({ description: "The key has an IP allowlist and `ip` is outside it (or missing)." }),
      keyId: z.string(),
    }),
    z.object({
      valid: z.literal(false),
      code: z.literal("rate_limited"),
      keyId: z.string(),
      retryAfter: z.int().meta({ description: "Seconds until the key may be used again." }),
    }),
  ])
  .meta({ id: "VerifyResult", title: "VerifyResult" });

export const problemSchema = z
  .looseObject({
    type: z.url().meta({ description: "This error's section of the API reference (/docs#error-<code>)." }),
    title: z.string().meta({ description: "Short summary of the kind of error; the same for every occurrence of a code." }),
    status: z.int().meta({ description: "The HTTP status code." }),
    detail: z.string().meta({ description: "What went wrong this time, in words a person can act on." }),
    code: z.enum(PROBLEM_CODES).meta({ description: "Stable machine-readable code: branch on this." }),
    requiredScope: scope.optional().meta({ description: "insufficient_scope only: the scope the key lacks." }),
  })
  .meta({ id: "Problem", title: "Problem", description: "RFC 9457 Problem Details, with Keyport's stable `code`." });

export type VerifyRequest = z.infer<typeof verifyRequestSchema>;
export type WhoamiResponse = z.infer<typeof whoamiResponseSchema>;
export type EscrowsResponse = z.infer<typeof escrowsResponseSchema>;
export type VerifyResponse = z.infer<typeof verifyResponseSchema>;
