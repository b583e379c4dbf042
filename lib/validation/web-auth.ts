// SEP-10's request and answer bodies (lib/plane/routes/web-auth.ts), in zod for the route
// schemas and the generated OpenAPI document.
import { StrKey } from "@stellar/stellar-sdk";
import { z } from "zod";

const U64_MAX = 18446744073709551615n;

export const challengeQuerySchema = z
  .object({
    account: z
      .string({ error: "account is required: the Stellar account (G…) to authenticate." })
      .max(100)
      .refine((a) => StrKey.isValidEd25519PublicKey(a), "account must be a Stellar account (G…); muxed (M…) accounts are not supported.")
      .meta({
        description: "The Stellar account (G…) to authenticate.",
        examples: ["GDQP2KPQGKIHYJGXNUIYOMHARUARCA7DJT5FO2FFOOKY3B2WSQHG4W37"],
      }),
    memo: z
      .string()
      .refine((m) => /^\d{1,20}$/.test(m) && BigInt(m) <= U64_MAX, "memo must be an ID memo: a whole number that fits in 64 bits.")
      .optional()
      .meta({ description: "An ID memo naming a sub-account of a shared account; the token's `sub` is then `G…:memo`." }),
    home_domain: z.string().max(255).optional().meta({ description: "This server's home domain (the host of its URL, with its port)." }),
    client_domain: z.string().max(260).optional().meta({
      description:
        "The client's home domain (a wallet or service): its stellar.toml's SIGNING_KEY must sign the challenge too, and the token carries `client_domain`.",
    }),
  })
  .meta({ title: "ChallengeQuery" });

export const challengeResponseSchema = z
  .object({
    transaction: z
      .string()
      .meta({ description: "The challenge transaction (base64 XDR), signed by this server. Sign it; never submit it." }),
    network_passphrase: z.string(),
  })
  .meta({ id: "Challenge", title: "Challenge" });

export const tokenRequestSchema = z
  .object({
    transaction: z
      .string({ error: "transaction is required: the challenge, signed, as base64 XDR." })
      .min(1)
      .max(16_000, "transaction is too long to be a challenge.")
      .meta({ description: "The challenge transaction with your signatures, base64 XDR." }),
  })
  .meta({ id: "TokenRequest", title: "TokenRequest" });

export const tokenResponseSchema = z
  .object({
    token: z.string().meta({
      description:
        "A JWT: `iss` (this endpoint), `sub` (the account), `iat`, `exp`, `jti` (the challenge's hash) and `threshold` " +
        "(low, medium or high: the account threshold the signatures met). Send it as `Authorization: Bearer <token>`.",
    }),
  })
  .meta({ id: "Token", title: "Token" });
