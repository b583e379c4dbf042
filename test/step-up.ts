// Step-up in tests: every test user holds a real keypair (test/factories.ts registers it here),
// so a test signs a change's receipt the way a wallet would and the data layer runs its whole
// check. `signed` asks once, signs what the server asked for, and sends the change again; a
// change that needs no step-up (or is refused for another reason) comes back from the first call.
import { Keypair, TransactionBuilder } from "@stellar/stellar-sdk";
import type { Actor } from "@/lib/data/audit/write";
import type { StepUpAsk, StepUpRequest } from "@/lib/data/step-up/gate";

const keypairs = new Map<string, Keypair>();

export function registerKeypair(keypair: Keypair) {
  keypairs.set(keypair.publicKey(), keypair);
}

export function keypairOf(address: string): Keypair {
  const keypair = keypairs.get(address);
  if (!keypair) throw new Error(`No test keypair for ${address}: make the user with makeUser().`);
  return keypair;
}

type Answer = { ok: boolean; code?: string; stepUp?: StepUpAsk };

/** The server's ask, from a step_up_required refusal. */
export function askOf(r: unknown): StepUpAsk {
  const ask = (r as Answer).stepUp;
  if (!ask) throw new Error(`Expected a step-up ask, got ${JSON.stringify(r)}`);
  return ask;
}

/** The proof a wallet holding `keypair` sends back for `ask`. */
export function signAsk(ask: StepUpAsk, keypair: Keypair): StepUpRequest {
  if (ask.proof === "message") return { nonce: ask.nonce, signature: Buffer.from(keypair.signMessage(ask.receipt)).toString("base64") };
  const tx = TransactionBuilder.fromXDR(ask.transaction!, ask.networkPassphrase);
  tx.sign(keypair);
  return { nonce: ask.nonce, transaction: tx.toXDR() };
}

export async function signed<R>(actor: Actor, run: (stepUp?: StepUpRequest) => Promise<R>, wallet = "freighter"): Promise<R> {
  const first = await run({ wallet });
  const answer = first as Answer;
  if (answer.ok || answer.code !== "step_up_required" || !answer.stepUp) return first;
  return run(signAsk(answer.stepUp, keypairOf(actor.address)));
}

/** The same request as a server action's extra fields (the action builder reads them). */
export function asFields(stepUp?: StepUpRequest): Record<string, string> {
  const fields = {
    stepUpWallet: stepUp?.wallet,
    stepUpNonce: stepUp?.nonce,
    stepUpSignature: stepUp?.signature,
    stepUpTransaction: stepUp?.transaction,
  };
  return Object.fromEntries(Object.entries(fields).filter((e): e is [string, string] => e[1] !== undefined));
}
