// An account's signers and thresholds, read from Horizon for the SEP-10 weight check and for a
// multisig workspace's approvals. Never a guess: anything but a parsed 200 or a 404 is
// "unavailable", and the caller refuses (a token, or the change).
import { StrKey } from "@stellar/stellar-sdk";
import { z } from "zod";
import { env } from "@/lib/core/env";

/** The Horizon of SEP10_NETWORK: where signer weights are read, for tokens and approvals alike. */
export const horizonUrl = () => (env.SEP10_NETWORK === "testnet" ? env.HORIZON_URL_TESTNET : env.HORIZON_URL_PUBLIC);

const TIMEOUT_MS = 3000;

const accountSchema = z.object({
  thresholds: z.object({
    low_threshold: z.number().int().min(0).max(255),
    med_threshold: z.number().int().min(0).max(255),
    high_threshold: z.number().int().min(0).max(255),
  }),
  signers: z.array(z.object({ key: z.string(), weight: z.number().int().min(0).max(255), type: z.string() })).max(100),
});

export type HorizonAccount =
  | { exists: false }
  | { exists: true; thresholds: { low: number; medium: number; high: number }; signers: { key: string; weight: number }[] };

export class HorizonUnavailable extends Error {}

export async function loadAccount(horizonUrl: string, address: string, timeoutMs = TIMEOUT_MS): Promise<HorizonAccount> {
  let res: Response;
  try {
    res = await fetch(`${horizonUrl.replace(/\/+$/, "")}/accounts/${encodeURIComponent(address)}`, {
      headers: { accept: "application/json" },
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw new HorizonUnavailable(`Horizon did not answer: ${(error as Error).name}`);
  }
  if (res.status === 404) {
    await res.body?.cancel();
    return { exists: false };
  }
  if (res.status !== 200) {
    await res.body?.cancel();
    throw new HorizonUnavailable(`Horizon answered ${res.status}`);
  }
  const parsed = accountSchema.safeParse(await res.json().catch(() => null));
  if (!parsed.success) throw new HorizonUnavailable("Horizon's answer did not parse");
  const { thresholds: t, signers } = parsed.data;
  return {
    exists: true,
    thresholds: { low: t.low_threshold, medium: t.med_threshold, high: t.high_threshold },
    // Weight 0 signs nothing (a disabled master key); only ed25519 keys can sign a challenge.
    signers: signers
      .filter((s) => s.weight > 0 && s.type === "ed25519_public_key" && StrKey.isValidEd25519PublicKey(s.key))
      .map(({ key, weight }) => ({ key, weight })),
  };
}
