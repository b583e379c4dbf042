import "server-only";
// Issuing a sign-in challenge: auth builds it (the SEP-53 text, or the server-signed SEP-10
// transaction) and lib/data stores the row that the sign-in attempt burns.
import { storeChallenge } from "@/lib/data/sign-in/challenges";
import { WALLET_NETWORKS, type WalletNetworkId } from "@/lib/networks/stellar";
import { challengeFields, formatChallenge, newNonce } from "@/lib/wallets/challenge";
import { buildChallengeTransaction } from "@/lib/wallets/sep10";
import { sep10Server } from "./sep10-server";

/** SEP-53: a human-readable message for wallets that can sign messages. */
export async function issueChallenge(input: { address: string; network: WalletNetworkId; domain: string }) {
  const fields = challengeFields(input);
  const message = formatChallenge(fields);
  await storeChallenge({
    kind: "message",
    nonce: fields.nonce,
    address: fields.address,
    network: input.network,
    message,
    expiresAt: fields.expiresAt,
  });
  return { nonce: fields.nonce, message, expiresAt: fields.expiresAt };
}

/** SEP-10: a server-signed challenge transaction for wallets that can only sign transactions. */
export async function issueTransactionChallenge(input: { address: string; network: WalletNetworkId }) {
  const { signingKey, ...domains } = sep10Server();
  const networkPassphrase = WALLET_NETWORKS[input.network].passphrase;
  const tx = buildChallengeTransaction(signingKey, input.address, networkPassphrase, domains);
  // The transaction carries its own random nonce; ours keys the row and the sign-in form, as for SEP-53.
  const nonce = newNonce();
  await storeChallenge({
    kind: "transaction",
    nonce,
    address: input.address,
    network: input.network,
    message: tx.xdr,
    transactionHash: tx.hash,
    expiresAt: tx.expiresAt,
  });
  return { nonce, transaction: tx.xdr, networkPassphrase, expiresAt: tx.expiresAt };
}
