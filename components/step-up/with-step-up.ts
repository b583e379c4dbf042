// Wraps a server action whose change may need a fresh wallet signature (lib/wallets/step-up.ts).
// The first call names the wallet this browser signed in with; when the server answers
// step_up_required with a receipt, the step-up dialog shows it and the wallet signs it, and the
// same input goes again with the proof. The server decides and checks everything: this only
// carries the signature. Closing the dialog leaves the form's input as it was.
import type { Result } from "@/lib/core/result";
import { stepUpAskSchema } from "@/lib/validation/step-up";
import { walletInfo } from "@/lib/wallets/catalog";
import { rememberedWallet } from "@/components/wallets/remembered-wallet";
import { requestStepUp, type StepUpProof } from "./step-up-store";

const CANCELLED = {
  ok: false as const,
  code: "step_up_cancelled",
  message: "Nothing changed: the change was not approved in your wallet.",
};

type Fields = Partial<StepUpProof> & { stepUpWallet?: string };

async function loop<R extends Result<unknown>>(send: (fields: Fields) => Promise<R>): Promise<R> {
  // Only a wallet this build knows: an id remembered by an older one would fail the fields' schema.
  let wallet = walletInfo(rememberedWallet() ?? "")?.id;
  // At most a few rounds: a wallet switched to one that signs differently needs a new receipt.
  for (let round = 0; round < 4; round++) {
    const result = await send(wallet ? { stepUpWallet: wallet } : {});
    if (result.ok || result.code !== "step_up_required") return result;
    const ask = stepUpAskSchema.safeParse((result as { stepUp?: unknown }).stepUp);
    if (!ask.success) return result; // a refusal of a proof (expired, used…): its message says why
    const outcome = await requestStepUp(ask.data);
    if (outcome.kind === "cancelled") return CANCELLED as R;
    if (outcome.kind === "switch") {
      wallet = outcome.wallet;
      continue;
    }
    return send({ stepUpWallet: ask.data.wallet, ...outcome.proof });
  }
  return CANCELLED as R;
}

/** For actions called with one object (buttons, switches, dialogs). */
export function withStepUp<I, R extends Result<unknown>>(action: (input: I) => Promise<R>) {
  // Actions take `unknown` (the builder parses it): only an object input can carry the fields.
  return (input: I): Promise<R> =>
    loop((fields) => action((input !== null && typeof input === "object" ? { ...input, ...fields } : input) as I));
}

/** For form actions used with useFormAction: the proof goes as extra form fields. */
export function withStepUpForm<P, R extends Result<unknown>>(action: (previous: P, data: FormData) => Promise<R>) {
  return (previous: P, data: FormData): Promise<R> =>
    loop((fields) => {
      const copy = new FormData();
      data.forEach((value, key) => {
        if (!key.startsWith("stepUp")) copy.append(key, value);
      });
      for (const [key, value] of Object.entries(fields)) if (value) copy.set(key, value);
      return action(previous, copy);
    });
}
