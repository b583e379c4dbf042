"use client";

import { useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { startTransition, useActionState, useEffect, useState, type FormEvent } from "react";
import { toast } from "@/components/toast";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextAreaField } from "@/components/ui/field";
import { JUSTIFICATION_MAX, JUSTIFICATION_MIN, type MainnetAccessView } from "@/lib/keys/mainnet-access";
import { homeOfUseCase, type KeysPayload } from "@/lib/keys/view";
import { askForMainnet } from "../actions";
import { useWorkspace } from "@/components/workspace-context";
import { keysQuery } from "./use-keys";

/** Puts the workspace's new Mainnet standing, as the action returned it, into the polled API Keys data; no refetch. */
export function useMainnetUpdater() {
  const client = useQueryClient();
  const KEYS_QUERY = keysQuery(useWorkspace().id);
  return (mainnet: MainnetAccessView) =>
    void client
      .cancelQueries({ queryKey: KEYS_QUERY })
      .then(() =>
        client.setQueryData<KeysPayload>(KEYS_QUERY, (old) =>
          old ? { ...old, context: { ...old.context, mainnet, mainnetApproved: mainnet.approved } } : old,
        ),
      );
}

/**
 * The justification form. Submitted from onSubmit rather than the form's action so React
 * does not reset the field: after a refusal the user still has what they typed.
 */
export function MainnetRequestForm({ again }: { again: boolean }) {
  const [state, dispatch, pending] = useActionState(askForMainnet, null);
  const [length, setLength] = useState(0);
  const setAccess = useMainnetUpdater();
  const workspace = useWorkspace();

  useEffect(() => {
    if (state?.ok) {
      toast.success(state.message ?? "Request sent.");
      setAccess(state.data);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per successful result
  }, [state]);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    // The server's zod check is the only one: the schema here would bring zod and the Stellar
    // SDK (its workspace id rule's module) into the API Keys page's first load.
    startTransition(() => dispatch(form));
  }

  const failure = state && !state.ok ? state : null;
  const fieldError = failure?.fieldErrors?.justification;
  return (
    <form action={dispatch} onSubmit={submit} noValidate className="space-y-4">
      <input type="hidden" name="workspaceId" value={workspace.id} />
      <TextAreaField
        label={again ? "Why you need Mainnet (ask again)" : "Why you need Mainnet"}
        name="justification"
        rows={4}
        minLength={JUSTIFICATION_MIN}
        maxLength={JUSTIFICATION_MAX}
        required
        onChange={(e) => setLength(e.target.value.trim().length)}
        placeholder="What will run on Mainnet, for whom, and roughly how much? e.g. Payroll for 40 contractors in USDC, weekly."
        hint={`${JUSTIFICATION_MIN}–${JUSTIFICATION_MAX} characters; the admins read it.${length > 0 ? ` ${length} so far.` : ""}`}
        error={fieldError}
      />
      {failure && !failure.fieldErrors && (
        <Alert tone="error">
          {failure.message}{" "}
          {failure.code === "use_case_required" && (
            <Link href={homeOfUseCase(workspace).href} className="font-medium underline">
              Go to {homeOfUseCase(workspace).where}
            </Link>
          )}
        </Alert>
      )}
      <Button type="submit" pending={pending}>
        {again ? "Ask again for Mainnet access" : "Request Mainnet access"}
      </Button>
    </form>
  );
}
