// GitHub's secret-scanning public keys as GITHUB_SECRET_SCANNING_KEYS holds them: a shape of
// configuration, parsed at start-up with every other variable (lib/core/env.ts); the checks that
// use the keys live in lib/secret-scanning/github.ts.
import { createPublicKey } from "node:crypto";
import { z } from "zod";

/** The document GitHub serves from its public-keys endpoint (and GITHUB_SECRET_SCANNING_KEYS holds). */
export const githubPublicKeysSchema = z.object({
  public_keys: z
    .array(
      z.object({
        key_identifier: z.string().min(1, "key_identifier must not be empty"),
        key: z.string().refine((pem) => {
          try {
            const k = createPublicKey(pem);
            return k.asymmetricKeyType === "ec" && k.asymmetricKeyDetails?.namedCurve === "prime256v1";
          } catch {
            return false;
          }
        }, "key must be a PEM ECDSA P-256 public key (-----BEGIN PUBLIC KEY-----…)"),
        is_current: z.boolean().optional(),
      }),
    )
    .min(1, "public_keys must list at least one key"),
});

export type GithubPublicKeys = z.infer<typeof githubPublicKeysSchema>;
