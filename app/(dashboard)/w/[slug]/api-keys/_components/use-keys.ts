"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { useWorkspace } from "@/components/workspace-context";
import { isFinished } from "@/lib/keys/lifecycle";
import type { KeysPayload, KeyView } from "@/lib/keys/view";

/** One cached list per workspace. */
export const keysQuery = (workspaceId: string) => ["api-keys", workspaceId] as const;

async function fetchKeys(workspaceId: string): Promise<KeysPayload> {
  const res = await fetch(`/api/keys?workspace=${encodeURIComponent(workspaceId)}`, { cache: "no-store" });
  if (res.status === 404) throw new Error("You are no longer a member of this workspace.");
  if (!res.ok) throw new Error(res.status === 401 ? "Your session ended: sign in again." : "Could not load the keys.");
  return res.json();
}

/**
 * A workspace's keys, kept fresh: polled so "last used" moves without a reload.
 *
 * `initial` is what the server drew the page with. Coming back to the page, the cache still holds
 * the list from the last visit (initialData only fills an empty cache), and a key action cancels
 * the refetch that would replace it, so a use case saved in between stayed "to do" until the next
 * poll. A server render newer than what is cached wins, as React Query's own hydration decides.
 */
export function useKeys(initial: KeysPayload) {
  const { readAt } = initial;
  const workspaceId = initial.context.workspace.id;
  const client = useQueryClient();
  useEffect(() => {
    const cached = client.getQueryState(keysQuery(workspaceId));
    if (cached && cached.dataUpdatedAt < readAt) client.setQueryData(keysQuery(workspaceId), initial, { updatedAt: readAt });
  }, [client, workspaceId, initial, readAt]);
  return useQuery({
    queryKey: keysQuery(workspaceId),
    queryFn: () => fetchKeys(workspaceId),
    initialData: initial,
    initialDataUpdatedAt: readAt,
    refetchInterval: 10_000,
  });
}

/**
 * The list with changed keys put in (new ones first) and the count under the cap re-counted from
 * it: what a key action returned is the server's own view after its change, so it is trusted.
 */
export function withKeys(old: KeysPayload, changed: KeyView[]): KeysPayload {
  const byId = new Map(changed.map((k) => [k.id, k]));
  const known = new Set(old.keys.map((k) => k.id));
  const keys = [...changed.filter((k) => !known.has(k.id)), ...old.keys.map((k) => byId.get(k.id) ?? k)];
  return { ...old, keys, context: { ...old.context, active: keys.filter((k) => !isFinished(k.status)).length } };
}

/**
 * Puts changed keys into the cached list at once, and refetches nothing: the next poll brings
 * what others changed. A poll in flight is cancelled first, so its older answer cannot land
 * over the change.
 */
export function useKeyUpdater() {
  const client = useQueryClient();
  const KEYS_QUERY = keysQuery(useWorkspace().id);
  return (...changed: KeyView[]) =>
    void client
      .cancelQueries({ queryKey: KEYS_QUERY })
      .then(() => client.setQueryData<KeysPayload>(KEYS_QUERY, (old) => old && withKeys(old, changed)));
}
