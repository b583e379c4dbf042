"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { KeysPayload, KeyView } from "@/lib/keys/view";

export const KEYS_QUERY = ["api-keys"] as const;

async function fetchKeys(): Promise<KeysPayload> {
  const res = await fetch("/api/keys", { cache: "no-store" });
  if (!res.ok) throw new Error(res.status === 401 ? "Your session ended: sign in again." : "Could not load your keys.");
  return res.json();
}

/** The user's keys, kept fresh: polled so "last used" moves without a reload. */
export function useKeys(initial: KeysPayload) {
  return useQuery({ queryKey: KEYS_QUERY, queryFn: fetchKeys, initialData: initial, refetchInterval: 10_000 });
}

/** Puts a changed key into the cached list at once, then refetches the truth. */
export function useKeyUpdater() {
  const client = useQueryClient();
  return (...changed: KeyView[]) => {
    client.setQueryData<KeysPayload>(KEYS_QUERY, (old) => {
      if (!old) return old;
      const byId = new Map(changed.map((k) => [k.id, k]));
      const known = new Set(old.keys.map((k) => k.id));
      const fresh = changed.filter((k) => !known.has(k.id));
      return { ...old, keys: [...fresh, ...old.keys.map((k) => byId.get(k.id) ?? k)] };
    });
    void client.invalidateQueries({ queryKey: KEYS_QUERY });
  };
}
