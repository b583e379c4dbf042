"use client";

import type { ReactNode } from "react";

/**
 * One column: its header and how a row's cell renders. The shape of TanStack Table's column
 * definitions, which these tables used without any of its features (sorting and paging are the
 * server's): rendering them here keeps ~14 kB compressed out of every table page's first load.
 */
export type Column<T> = {
  id: string;
  header: string | (() => ReactNode);
  cell: (context: { row: { original: T } }) => ReactNode;
  meta?: {
    /**
     * Where the cell goes when a row becomes a card in a narrow container: its heading
     * ("title", one per table), its top-right corner ("actions"), a labelled line (the
     * default), or nowhere ("hidden": for what the title already says).
     */
    card?: "title" | "actions" | "field" | "hidden";
    /** The label on the card when the header is not plain text. */
    label?: string;
  };
};

type Props<T> = {
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  caption: ReactNode;
  /** The scroll region's name, when the caption is not plain text. */
  label?: string;
  /** Wraps a header's label, e.g. in a sort button. */
  header?: (columnId: string, label: ReactNode) => ReactNode;
  ariaSort?: (columnId: string) => "ascending" | "descending" | "none" | undefined;
  rowClassName?: (row: T) => string;
  rowAttributes?: (row: T) => Record<string, string>;
  /**
   * The table's only row while it has none: its empty or loading state. A table with no rows
   * is one screen readers cannot read (and, on a phone, where the header row is hidden, one
   * with no rows at all), so it always has this one.
   */
  placeholder?: ReactNode;
  /** Below the rows: errors. */
  footer?: ReactNode;
  busy?: boolean;
};

// Card layout, applied while the container is narrower than 56rem (a phone, or a laptop
// with the sidebar open on a small window). The same cells, so one DOM serves both.
const CARD_CELL = {
  title: "@max-4xl:col-start-1 @max-4xl:row-start-1 @max-4xl:p-0",
  actions: "@max-4xl:col-start-2 @max-4xl:row-start-1 @max-4xl:p-0 @max-4xl:justify-self-end",
  field:
    "@max-4xl:col-span-2 @max-4xl:flex @max-4xl:gap-3 @max-4xl:p-0 @max-4xl:before:w-24 @max-4xl:before:shrink-0 @max-4xl:before:pt-0.5 @max-4xl:before:text-xs @max-4xl:before:font-medium @max-4xl:before:tracking-wide @max-4xl:before:text-zinc-600 @max-4xl:before:uppercase @max-4xl:before:content-[attr(data-label)] dark:@max-4xl:before:text-zinc-400",
  hidden: "@max-4xl:hidden",
} as const;

/**
 * One set of column definitions, two layouts chosen by the container's width: a table
 * from 56rem up, and below that each row as a card (title and actions on top, the other
 * cells as labelled lines), so nothing scrolls sideways on a phone. Explicit ARIA roles
 * keep the table's semantics when CSS turns its rows into grids.
 */
export function TableView<T>({
  columns,
  rows,
  rowKey,
  caption,
  label,
  header,
  ariaSort,
  rowClassName,
  rowAttributes,
  placeholder,
  footer,
  busy,
}: Props<T>) {
  return (
    <div className="@container">
      <div className="rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900" aria-busy={busy}>
        {/* Focusable and named, so keyboard users can scroll the table should a cell be wider than the screen. */}
        <div
          role="region"
          aria-label={label ?? (typeof caption === "string" ? caption : undefined)}
          tabIndex={0}
          className="overflow-x-auto rounded-lg"
        >
          <table role="table" className="w-full text-left text-sm @max-4xl:block">
            <caption className="sr-only">{caption}</caption>
            <thead className="border-b border-zinc-200 text-xs tracking-wide text-zinc-600 uppercase @max-4xl:hidden dark:border-zinc-800 dark:text-zinc-400">
              <tr role="row">
                {columns.map((column) => {
                  const label = typeof column.header === "function" ? column.header() : column.header;
                  return (
                    <th
                      key={column.id}
                      role="columnheader"
                      scope="col"
                      aria-sort={ariaSort?.(column.id)}
                      className="px-4 py-3 font-medium whitespace-nowrap"
                    >
                      {header ? header(column.id, label) : label}
                    </th>
                  );
                })}
              </tr>
            </thead>
            <tbody role="rowgroup" className="divide-y divide-zinc-200 @max-4xl:block dark:divide-zinc-800">
              {rows.length === 0 && (
                <tr role="row" className="@max-4xl:block">
                  <td role="cell" colSpan={columns.length} className="@max-4xl:block">
                    {placeholder ?? <p className="px-6 py-10 text-center text-sm text-zinc-600 dark:text-zinc-400">Nothing to show.</p>}
                  </td>
                </tr>
              )}
              {rows.map((row) => (
                <tr
                  key={rowKey(row)}
                  role="row"
                  className={`@max-4xl:grid @max-4xl:grid-cols-[minmax(0,1fr)_auto] @max-4xl:gap-x-3 @max-4xl:gap-y-2 @max-4xl:p-4 ${rowClassName?.(row) ?? ""}`}
                  {...rowAttributes?.(row)}
                >
                  {columns.map((column) => {
                    const label = column.meta?.label ?? (typeof column.header === "string" ? column.header : "");
                    return (
                      <td
                        key={column.id}
                        role="cell"
                        data-label={label}
                        className={`px-4 py-3 align-top ${CARD_CELL[column.meta?.card ?? "field"]}`}
                      >
                        {column.cell({ row: { original: row } })}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {footer}
      </div>
    </div>
  );
}
