"use client";

import { Button, Spinner } from "./ui/button";

type Common = { caption: string; loading: boolean };

function Nav({
  caption,
  summary,
  position,
  prev,
  next,
}: { caption: string; summary: React.ReactNode; position: string } & Record<"prev" | "next", { disabled: boolean; go: () => void }>) {
  return (
    <nav aria-label={`${caption} pages`} className="flex flex-wrap items-center justify-between gap-3 text-sm">
      <p aria-live="polite" className="text-zinc-600 dark:text-zinc-400">
        {summary}
      </p>
      <div className="flex items-center gap-2">
        <Button variant="secondary" size="sm" disabled={prev.disabled} onClick={prev.go}>
          Previous
        </Button>
        <span className="text-zinc-600 dark:text-zinc-400">{position}</span>
        <Button variant="secondary" size="sm" disabled={next.disabled} onClick={next.go}>
          Next
        </Button>
      </div>
    </nav>
  );
}

/** Numbered pages over an exact total (tables small enough to count). */
export function PageNav({
  caption,
  loading,
  total,
  page,
  pageSize,
  onPage,
}: Common & { total: number; page: number; pageSize: number; onPage: (page: number) => void }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  return (
    <Nav
      caption={caption}
      summary={
        <>
          {from}–{to} of {total.toLocaleString("en")} {loading && <Spinner className="ml-1 inline size-3" />}
        </>
      }
      position={`Page ${page} of ${pages.toLocaleString("en")}`}
      prev={{ disabled: page <= 1, go: () => onPage(page - 1) }}
      next={{ disabled: page >= pages, go: () => onPage(page + 1) }}
    />
  );
}

/**
 * Previous/next over keyset cursors, with a total counted up to a cap ("10,000+"): the
 * server never counts or skips past what one page needs. `page` is this tab's own count
 * of steps from the first page, for the "26–50" label.
 */
export function CursorNav({
  caption,
  loading,
  noun,
  shown,
  total,
  totalCapped,
  page,
  pageSize,
  onPrev,
  onNext,
}: Common & {
  noun: string;
  shown: number;
  total: number;
  totalCapped: boolean;
  page: number;
  pageSize: number;
  onPrev: (() => void) | null;
  onNext: (() => void) | null;
}) {
  const from = shown === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = shown === 0 ? 0 : from + shown - 1;
  const count = `${total.toLocaleString("en")}${totalCapped ? "+" : ""} ${noun}`;
  return (
    <Nav
      caption={caption}
      summary={
        <>
          {from.toLocaleString("en")}–{to.toLocaleString("en")} of <span data-testid="table-total">{count}</span>{" "}
          {loading && <Spinner className="ml-1 inline size-3" />}
        </>
      }
      position={
        totalCapped
          ? `Page ${page.toLocaleString("en")}`
          : `Page ${page} of ${Math.max(1, Math.ceil(total / pageSize)).toLocaleString("en")}`
      }
      prev={{ disabled: !onPrev, go: () => onPrev?.() }}
      next={{ disabled: !onNext, go: () => onNext?.() }}
    />
  );
}
