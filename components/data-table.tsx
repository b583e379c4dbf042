"use client";

import type { ReactNode } from "react";
import { TableView, type Column } from "./table-view";
import { Spinner } from "./ui/button";

type Props<T> = {
  caption: string;
  columns: Column<T>[];
  rows: T[];
  /** A PageNav or CursorNav under the table. */
  nav: ReactNode;
  loading: boolean;
  error?: string | null;
  empty: ReactNode;
  rowKey: (row: T) => string;
  /** Header cells get aria-sort from here when the column is sortable. */
  sortState?: { column: string; dir: "asc" | "desc" };
  onSort?: (column: string) => void;
  sortable?: string[];
};

/** A server-paginated table: the server filters, sorts and pages; this renders and asks for pages. */
export function DataTable<T>({ caption, columns, rows, nav, loading, error, empty, rowKey, sortState, onSort, sortable = [] }: Props<T>) {
  return (
    <div className="space-y-3">
      <TableView
        columns={columns}
        rows={rows}
        rowKey={rowKey}
        caption={caption}
        busy={loading}
        ariaSort={(id) =>
          sortable.includes(id) ? (sortState?.column === id ? (sortState.dir === "asc" ? "ascending" : "descending") : "none") : undefined
        }
        header={(id, label) => {
          if (!sortable.includes(id) || !onSort) return label;
          const dir = sortState?.column === id ? sortState.dir : null;
          return (
            <button
              type="button"
              onClick={() => onSort(id)}
              className="inline-flex items-center gap-1 uppercase hover:text-zinc-900 dark:hover:text-zinc-100"
            >
              {label}
              <span aria-hidden="true">{dir === "asc" ? "▲" : dir === "desc" ? "▼" : "↕"}</span>
            </button>
          );
        }}
        placeholder={
          loading ? (
            <div className="flex justify-center px-6 py-10" role="status" aria-label="Loading">
              <Spinner className="size-5" />
            </div>
          ) : (
            <div className="px-6 py-10 text-center text-sm text-zinc-600 dark:text-zinc-400">{empty}</div>
          )
        }
        footer={
          error && (
            <p role="alert" className="border-t border-zinc-200 px-4 py-3 text-sm text-red-700 dark:border-zinc-800 dark:text-red-400">
              {error}
            </p>
          )
        }
      />
      {nav}
    </div>
  );
}
