"use client";

import { useEffect, useRef, useState } from "react";
import type { Result } from "@/lib/core/result";
import { toast } from "./toast";

type State<T> = { pending: boolean; last: Result<T> | null };

/**
 * The one client idiom for buttons, switches and dialogs that call a server action (forms
 * use useActionState). A refusal is shown as a toast and returned as `error` for an inline
 * message; a success message, when the action gives one, is a toast too. A thrown error (the
 * network, a 413) becomes a refusal like any other, so nothing is left spinning. Only the
 * latest run sets `pending` and `failure`, as with TanStack's useMutation, which this
 * replaced to keep its observer out of every page's first load.
 */
export function useAction<I, T>(
  action: (input: I) => Promise<Result<T>>,
  options: { onSuccess?: (data: T) => void; toastSuccess?: boolean } = {},
) {
  const [state, setState] = useState<State<T>>({ pending: false, last: null });
  const latest = useRef(0);
  const current = useRef(options);
  useEffect(() => {
    current.current = options;
  });

  async function run(input: I): Promise<Result<T>> {
    const id = ++latest.current;
    setState((s) => ({ ...s, pending: true }));
    let result: Result<T>;
    try {
      result = await action(input);
    } catch {
      result = { ok: false, code: "network", message: "Keyport could not be reached, or refused the request. Try again." };
    }
    if (!result.ok) toast.error(result.message);
    else {
      if (current.current.toastSuccess !== false && result.message) toast.success(result.message);
      current.current.onSuccess?.(result.data);
    }
    if (id === latest.current) setState({ pending: false, last: result });
    return result;
  }

  const failure = state.last && !state.last.ok && !state.pending ? state.last : null;
  return {
    run,
    pending: state.pending,
    /** The last refusal (message, code, field errors) until the next run or reset. */
    failure,
    error: failure?.message ?? null,
    /** Forget the last outcome, e.g. when the user changes what they asked for. */
    reset: () => {
      latest.current++;
      setState({ pending: false, last: null });
    },
  };
}
