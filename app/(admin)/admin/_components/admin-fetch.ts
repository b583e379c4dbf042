"use client";

import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";

type Params = Record<string, string | number | undefined>;

/** GETs from an admin route, throwing the route's own message when it refuses; the route re-checks that the caller is an admin. */
export async function adminGet(path: string, params: Params): Promise<Response> {
  const query = new URLSearchParams(
    Object.entries(params)
      .filter(([, v]) => v !== undefined && v !== "")
      .map(([k, v]) => [k, String(v)]),
  );
  const res = await fetch(`${path}?${query}`, { cache: "no-store" });
  if (!res.ok) {
    // Problem Details (RFC 9457): `detail` says what went wrong in words.
    const body = (await res.json().catch(() => null)) as { detail?: string } | null;
    throw new Error(body?.detail ?? `Request failed (${res.status}).`);
  }
  return res;
}

/** GETs an admin table page. */
export async function adminFetch<T>(path: string, params: Params): Promise<T> {
  return (await adminGet(path, params)).json() as Promise<T>;
}

/**
 * One page of an admin table, kept while the next loads; returns exactly the props
 * DataTable takes for its rows, total, loading and error.
 */
export function useAdminPage<T, P extends { rows: T[]; total: number } = { rows: T[]; total: number }>(
  name: string,
  path: string,
  params: Params,
  refetchInterval?: number,
) {
  const query = useQuery({
    queryKey: [name, params],
    queryFn: () => adminFetch<P>(path, params),
    placeholderData: keepPreviousData,
    refetchInterval,
  });
  return {
    rows: query.data?.rows ?? [],
    total: query.data?.total ?? 0,
    loading: query.isFetching,
    error: query.error?.message,
    /** The whole response, for a table that pages by its cursors. */
    latest: query.data,
  };
}

/**
 * After an admin changes something. With the changed row the action returned, that row is put
 * into every cached page of the table and trusted: no refetch. Without one (a change that reaches
 * rows the action did not return, e.g. a suspension's keys), the table is reloaded. In-flight
 * fetches are cancelled first, so a page that was loading when the change committed (a search
 * typed a moment before) cannot land afterwards with the old row.
 */
export function useAdminRefresh() {
  const client = useQueryClient();
  return async <T extends { id: string }>(table: string, changed?: T) => {
    await client.cancelQueries({ queryKey: [table] });
    if (!changed) return client.invalidateQueries({ queryKey: [table] });
    client.setQueriesData<{ rows: T[]; total: number }>({ queryKey: [table] }, (page) =>
      page ? { ...page, rows: page.rows.map((row) => (row.id === changed.id ? changed : row)) } : page,
    );
  };
}
