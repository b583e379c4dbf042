"use client";

import { flexRender, getCoreRowModel, useReactTable, type ColumnDef } from "@tanstack/react-table";
import type { ReactNode } from "react";
import { Button, Spinner } from "./ui/button";

type Props<T> = {
  caption: string;
  columns: ColumnDef<T, unknown>[];
  rows: T[];
  total: number;
  page: number;
  pageSize: number;
  onPage: (page: number) => void;
  loading: boolean;
  error?: string | null;
  empty: ReactNode;
  rowKey: (row: T) => string;
  /** Below the lg breakpoint, each row as a card instead of the table (for tables too wide for a phone). */
  card?: (row: T) => ReactNode;
  /** Header cells get aria-sort from here when the column is sortable. */
  sortState?: { column: string; dir: "asc" | "desc" };
  onSort?: (column: string) => void;
  sortable?: string[];
};

/** A server-paginated table: the server filters, sorts and pages; this renders and asks for pages. */
export function DataTable<T>({
  caption,
  columns,
  rows,
  total,
  page,
  pageSize,
  onPage,
  loading,
  error,
  empty,
  rowKey,
  card,
  sortState,
  onSort,
  sortable = [],
}: Props<T>) {
  // TanStack Table returns fresh functions each render, so the React Compiler leaves this
  // component unmemoized; it renders one page of rows, which is cheap.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data: rows,
    columns,
    getCoreRowModel: getCoreRowModel(),
    manualPagination: true,
    manualSorting: true,
    rowCount: total,
    getRowId: rowKey,
  });
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);

  return (
    <div className="space-y-3">
      <div className="rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900" aria-busy={loading}>
        {/* Focusable and named, so keyboard users can scroll a table wider than the screen. */}
        <div role="region" aria-label={caption} tabIndex={0} className={`overflow-x-auto rounded-lg ${card ? "hidden lg:block" : ""}`}>
          <table className="w-full text-left text-sm">
            <caption className="sr-only">{caption}</caption>
            <thead className="border-b border-zinc-200 text-xs tracking-wide text-zinc-600 uppercase dark:border-zinc-800 dark:text-zinc-400">
              {table.getHeaderGroups().map((group) => (
                <tr key={group.id}>
                  {group.headers.map((header) => {
                    const id = header.column.id;
                    const sorted = sortState?.column === id ? (sortState.dir === "asc" ? "ascending" : "descending") : undefined;
                    const label = flexRender(header.column.columnDef.header, header.getContext());
                    return (
                      <th
                        key={header.id}
                        scope="col"
                        aria-sort={sortable.includes(id) ? (sorted ?? "none") : undefined}
                        className="px-4 py-3 font-medium whitespace-nowrap"
                      >
                        {sortable.includes(id) && onSort ? (
                          <button
                            type="button"
                            onClick={() => onSort(id)}
                            className="inline-flex items-center gap-1 uppercase hover:text-zinc-900 dark:hover:text-zinc-100"
                          >
                            {label}
                            <span aria-hidden="true">{sorted === "ascending" ? "▲" : sorted === "descending" ? "▼" : "↕"}</span>
                          </button>
                        ) : (
                          label
                        )}
                      </th>
                    );
                  })}
                </tr>
              ))}
            </thead>
            <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
              {table.getRowModel().rows.map((row) => (
                <tr key={row.id}>
                  {row.getVisibleCells().map((cell) => (
                    <td key={cell.id} className="px-4 py-3 align-top">
                      {flexRender(cell.column.columnDef.cell, cell.getContext())}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {card && rows.length > 0 && (
          <ul aria-label={caption} className="divide-y divide-zinc-200 lg:hidden dark:divide-zinc-800">
            {rows.map((row) => (
              <li key={rowKey(row)} className="p-4">
                {card(row)}
              </li>
            ))}
          </ul>
        )}
        {rows.length === 0 && !loading && !error && (
          <div className="px-6 py-10 text-center text-sm text-zinc-600 dark:text-zinc-400">{empty}</div>
        )}
        {rows.length === 0 && loading && (
          <div className="flex justify-center px-6 py-10" role="status" aria-label="Loading">
            <Spinner className="size-5" />
          </div>
        )}
        {error && (
          <p role="alert" className="border-t border-zinc-200 px-4 py-3 text-sm text-red-700 dark:border-zinc-800 dark:text-red-400">
            {error}
          </p>
        )}
      </div>
      <nav aria-label={`${caption} pages`} className="flex flex-wrap items-center justify-between gap-3 text-sm">
        <p aria-live="polite" className="text-zinc-600 dark:text-zinc-400">
          {from}–{to} of {total.toLocaleString("en")} {loading && <Spinner className="ml-1 inline size-3" />}
        </p>
        <div className="flex items-center gap-2">
          <Button variant="secondary" size="sm" disabled={page <= 1} onClick={() => onPage(page - 1)}>
            Previous
          </Button>
          <span className="text-zinc-600 dark:text-zinc-400">
            Page {page} of {pages.toLocaleString("en")}
          </span>
          <Button variant="secondary" size="sm" disabled={page >= pages} onClick={() => onPage(page + 1)}>
            Next
          </Button>
        </div>
      </nav>
    </div>
  );
}
