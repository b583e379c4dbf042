"use client";

import { dateTime, relativeTime } from "@/components/format";

/** Relative time with the exact time on hover; server and browser clocks differ, hence the hydration hint. */
export function TimeAgo({ iso }: { iso: string }) {
  return (
    <time dateTime={iso} title={dateTime(iso)} suppressHydrationWarning>
      {relativeTime(iso)}
    </time>
  );
}
