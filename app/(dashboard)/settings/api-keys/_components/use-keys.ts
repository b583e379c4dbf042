"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useWorkspace } from "@/components/workspace-context";
import type { KeysPayload, KeyView } from "@/lib/keys/view";

/** One cached list per workspace. */
export const keysQuery = (workspaceId: string) => ["api-keys", workspaceId] as const;

async function fetchKeys(workspaceId: string): Promise<KeysPayload> {
  const res = await fetch(`/api/keys?workspace=${encodeURIComponent(workspaceId)}`, { cache: "no-store" });
  if (res.status === 404) throw new Error("You are no longer a member of this workspace.");
  if (!res.ok) throw new Error(res.status === 401 ? "Your session ended: sign in again." : "Could not load the keys.");
  return res.json();
}

/** A workspace's keys, kept fresh: polled so "last used" moves without a reload. */
export function useKeys(initial: KeysPayload) {
  const workspaceId = initial.context.workspace.id;
  return useQuery({
    queryKey: keysQuery(workspaceId),
    queryFn: () => fetchKeys(workspaceId),
    initialData: initial,
    refetchInterval: 10_000,
  });
}

/** Puts a changed key into the cached list at once, then refetches the truth. */
export function useKeyUpdater() {
  const client = useQueryClient();
  const KEYS_QUERY = keysQuery(useWorkspace().id);
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
