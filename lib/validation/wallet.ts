// What a wallet answers is outside input too: every reply is parsed before use.
import { z } from "zod";
import { stellarAddress } from "@/lib/validation/auth";

/** A wallet's refusal as the Stellar Wallets Kit passes it on: `{ code, message }` (-4 rejected, -3 unsupported). */
export const walletError = z.object({ code: z.number().optional(), message: z.string().optional() }).loose();

export const walletAddressReply = z.object({ address: stellarAddress });

export const walletNetworkReply = z.object({ networkPassphrase: z.string().min(1).max(200) });

export const walletSignedMessageReply = z.object({
  signedMessage: z.string().min(1).max(200),
  signerAddress: z.string().optional(),
});

export const walletSignedTransactionReply = z.object({
  signedTxXdr: z.string().min(1).max(4096),
  signerAddress: z.string().optional(),
});
