"use client";

import { useMutation } from "@tanstack/react-query";
import { toast } from "@/components/toast";
import type { ActionResult } from "@/lib/actions/result";

/**
 * The one client idiom for buttons, switches and dialogs that call a server action (forms
 * use useActionState). A refusal is shown as a toast and returned as `error` for an inline
 * message; a success message, when the action gives one, is a toast too. A thrown error (the
 * network, a 413) becomes a refusal like any other, so nothing is left spinning.
 */
export function useAction<I, T>(
  action: (input: I) => Promise<ActionResult<T>>,
  options: { onSuccess?: (data: T) => void; toastSuccess?: boolean } = {},
) {
  const mutation = useMutation({
    mutationFn: async (input: I): Promise<ActionResult<T>> => {
      try {
        return await action(input);
      } catch {
        return { ok: false, code: "network", message: "Keyport could not be reached, or refused the request. Try again." };
      }
    },
    onSuccess: (result) => {
      if (!result.ok) toast.error(result.message);
      else {
        if (options.toastSuccess !== false && result.message) toast.success(result.message);
        options.onSuccess?.(result.data);
      }
    },
  });
  const last = mutation.data;
  const failure = last && !last.ok && !mutation.isPending ? last : null;
  return {
    run: (input: I) => mutation.mutateAsync(input),
    pending: mutation.isPending,
    /** The last refusal (message, code, field errors) until the next run or reset. */
    failure,
    error: failure?.message ?? null,
    /** Forget the last outcome, e.g. when the user changes what they asked for. */
    reset: mutation.reset,
  };
}
