import { describe, expect, it } from "vitest";
import type { UsagePoint } from "@/lib/data/usage/counts";
import { usageSummary } from "./usage-outcomes";

const point = (counts: Partial<Omit<UsagePoint, "at">>): UsagePoint => ({
  at: "2026-11-26T00:00:00.000Z",
  success: 0,
  insufficient_scope: 0,
  rate_limited: 0,
  ip_not_allowed: 0,
  refused: 0,
  ...counts,
});

describe("usageSummary", () => {
  it("says when nothing happened", () => {
    expect(usageSummary([point({})], "24 hours")).toBe("No requests in the last 24 hours.");
  });

  it("adds up every bucket and names each failure, acronyms kept", () => {
    const series = [point({ success: 1200, ip_not_allowed: 1 }), point({ success: 3, insufficient_scope: 5, refused: 2 })];
    expect(usageSummary(series, "7 days")).toBe(
      "1,211 requests in the last 7 days: 1,203 succeeded, 5 missing scope (403), 1 IP not allowed (403), 2 refused: disabled, revoked or expired (401).",
    );
  });
});
