// The one step-up request a page may have open at a time: withStepUp() puts the server's ask
// here and waits; the dialog in the app shell shows it and settles it with the wallet's proof,
// a wish to sign with another wallet, or nothing (the user closed it).
import type { StepUpAskView } from "@/lib/validation/step-up";

export type StepUpProof = { stepUpNonce: string; stepUpSignature?: string; stepUpTransaction?: string };
export type StepUpOutcome = { kind: "signed"; proof: StepUpProof } | { kind: "switch"; wallet: string } | { kind: "cancelled" };

type Open = { ask: StepUpAskView; settle: (outcome: StepUpOutcome) => void };

let open: Open | null = null;
const listeners = new Set<() => void>();
const notify = () => listeners.forEach((l) => l());

export function requestStepUp(ask: StepUpAskView): Promise<StepUpOutcome> {
  // A second request (another tab's action cannot reach here) replaces the first, which is cancelled.
  open?.settle({ kind: "cancelled" });
  return new Promise((resolve) => {
    const entry: Open = {
      ask,
      settle: (outcome) => {
        if (open === entry) {
          open = null;
          notify();
        }
        resolve(outcome);
      },
    };
    open = entry;
    notify();
  });
}

export const subscribeStepUp = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

export const currentStepUp = () => open;
