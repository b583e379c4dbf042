"use client";

import { HydrationMarker } from "@/components/hydration-marker";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SIGN_IN_ERRORS, type SignInErrorCode } from "@/lib/auth/sign-in-errors";
import { completeSignIn, requestChallenge } from "../actions";
import { connectFreighter, signChallenge } from "./freighter";

type Step = "idle" | "connecting" | "signing" | "verifying" | "done";

const STEP_LABEL: Record<Step, string> = {
  idle: "Connect Freighter",
  connecting: "Waiting for Freighter…",
  signing: "Sign the message in Freighter…",
  verifying: "Verifying signature…",
  done: "Signed in, opening Keyport…",
};

export function ConnectWallet() {
  const router = useRouter();
  const [step, setStep] = useState<Step>("idle");
  const [error, setError] = useState<{ code: SignInErrorCode; message: string } | null>(null);

  function stop(code: SignInErrorCode, message?: string) {
    setError({ code, message: message ?? SIGN_IN_ERRORS[code] });
    setStep("idle");
  }

  async function connect() {
    setError(null);
    setStep("connecting");
    try {
      const wallet = await connectFreighter();
      if (!wallet.ok) return stop(wallet.code);

      // Freighter signs messages (SEP-53).
      const challenge = await requestChallenge({ address: wallet.address, networkPassphrase: wallet.networkPassphrase, proof: "message" });
      if (!challenge.ok) return stop(challenge.code, challenge.message);
      if (challenge.data.proof !== "message") return stop("server_error");

      setStep("signing");
      const signed = await signChallenge(challenge.data.message, wallet.address, wallet.networkPassphrase);
      if (!signed.ok) return stop(signed.code);

      setStep("verifying");
      const result = await completeSignIn({ address: wallet.address, nonce: challenge.data.nonce, signature: signed.signature });
      if (!result.ok) return stop(result.code, result.message);

      setStep("done");
      router.replace("/settings/profile");
      router.refresh();
    } catch {
      stop("server_error");
    }
  }

  const busy = step !== "idle";
  return (
    <div className="space-y-4">
      <HydrationMarker />
      <Button size="lg" className="w-full" onClick={() => void connect()} pending={busy}>
        {STEP_LABEL[step]}
      </Button>
      <p role="status" aria-live="polite" className="sr-only">
        {busy ? STEP_LABEL[step] : ""}
      </p>
      {error && (
        <Alert tone="error">
          <p>{error.message}</p>
          {error.code === "no_wallet" && (
            <p className="mt-2">
              <a className="font-medium underline" href="https://www.freighter.app/" target="_blank" rel="noreferrer">
                Get Freighter
              </a>
            </p>
          )}
        </Alert>
      )}
    </div>
  );
}
