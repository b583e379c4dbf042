"use client";

import { startTransition, useActionState, useEffect, useRef, type FormEvent } from "react";
import type { Result } from "@/lib/core/result";

type FormAction<T> = (previous: Result<T> | null, data: FormData) => Promise<Result<T>>;

/**
 * The one client idiom for forms (buttons and switches use useAction). It wraps
 * useActionState but submits from onSubmit, so the browser's fields are never reset: after
 * any refusal the form still holds exactly what the user typed, ticked and picked.
 * `validate` runs first and may stop the submission (client-side checks for instant
 * feedback; the server checks again). `onSuccess` runs once per successful result.
 */
export function useFormAction<T, F extends string = string>(
  action: FormAction<T>,
  options: { onSuccess?: (data: T) => void; validate?: (data: FormData) => boolean } = {},
) {
  const [state, dispatch, pending] = useActionState(action, null);
  const handled = useRef<Result<T> | null>(null);
  const onSuccess = useRef(options.onSuccess);
  useEffect(() => {
    onSuccess.current = options.onSuccess;
  });
  useEffect(() => {
    if (state?.ok && handled.current !== state) {
      handled.current = state;
      onSuccess.current?.(state.data);
    }
  }, [state]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    if (options.validate && !options.validate(data)) return;
    startTransition(() => dispatch(data));
  }

  const failure = state && !state.ok ? state : null;
  return {
    state,
    pending,
    onSubmit,
    failure,
    fieldErrors: (failure?.fieldErrors ?? {}) as Partial<Record<F, string>>,
  };
}
