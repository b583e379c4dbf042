// What Freighter answers is outside input too: parsed before use.
import { z } from "zod";

const walletError = z.object({ code: z.number().optional(), message: z.string().optional() }).loose();

export const connectionResponse = z.object({ isConnected: z.boolean(), error: walletError.optional() });
export const accessResponse = z.object({ address: z.string().default(""), error: walletError.optional() });
export const networkResponse = z.object({
  networkPassphrase: z.string().default(""),
  network: z.string().default(""),
  error: walletError.optional(),
});
export const signMessageResponse = z.object({
  signedMessage: z.unknown(),
  signerAddress: z.string().default(""),
  error: walletError.optional(),
});

/** Freighter's code for "the user said no" in its popup. */
export const USER_REJECTED = -4;
