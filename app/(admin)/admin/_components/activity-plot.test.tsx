import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { ActivityDay } from "@/lib/data/admin/overview";
import { ActivityPlot } from "./activity-plot";

const label = (day: string) => `day ${day}`;

/** Thirty UTC days ending 2025-06-30, with the given counts on chosen days and zero elsewhere. */
function days(counts: Record<number, [number, number]> = {}): ActivityDay[] {
  return Array.from({ length: 30 }, (_, i) => {
    const day = new Date(Date.UTC(2025, 5, 1 + i)).toISOString().slice(0, 10);
    const [keysCreated, signIns] = counts[i] ?? [0, 0];
    return { day, keysCreated, signIns };
  });
}

const texts = (html: string, re: RegExp) => [...html.matchAll(re)].map((m) => m[1]!);

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ")
    .trim();

/** The markup a browser receives, read back: the series paths, each day's details and the axis labels. */
function render(data: ActivityDay[]) {
  const html = renderToStaticMarkup(<ActivityPlot days={data} label={label} />);
  return {
    paths: texts(html, /<path ([^>]*)>/g).map((attrs) =>
      Object.fromEntries(texts(attrs, /(\S+="[^"]*")/g).map((a) => a.slice(0, -1).split('="'))),
    ),
    details: texts(html, /data-testid="activity-day">([\s\S]*?)<\/div>/g).map(text),
    // The axes' labels by their role in the frame, not by their styling.
    yLabels: texts(html, /<span [^>]*data-axis="count"[^>]*>([^<]*)<\/span>/g),
    xLabels: texts(html, /<span [^>]*data-axis="time"[^>]*>([^<]*)<\/span>/g),
  };
}

describe("ActivityPlot", () => {
  it("draws the two series as lines with a column per day that names its numbers", () => {
    const { paths, details } = render(days({ 3: [2, 5], 29: [1, 0] }));
    expect(paths.map((p) => p["data-series"])).toEqual(["Keys created", "Sign-ins"]);
    for (const p of paths) expect(p.d).toMatch(/^M[\d.]+,[\d.]+C/);
    expect(paths[0]!["stroke-dasharray"]).toBeUndefined();
    expect(paths[1]!["stroke-dasharray"]).toBeTruthy(); // sign-ins dashed
    expect(details).toHaveLength(30);
    expect(details[3]).toBe("day 2025-06-04 Keys created: 2 Sign-ins: 5");
    expect(details[29]).toBe("day 2025-06-30 Keys created: 1 Sign-ins: 0");
  });

  it.each([
    [1, ["0", "1"]],
    [3, ["0", "1", "2", "3"]],
    [7, ["0", "2", "4", "6", "8"]],
    [1234, ["0", "500", "1,000", "1,500"]],
  ])("labels a peak of %i with whole numbers only, the top one at or above it", (peak, expected) => {
    expect(render(days({ 10: [peak, 0] })).yLabels).toEqual(expected);
  });

  it("labels the days about weekly: a phone's width holds them", () => {
    const { xLabels } = render(days());
    expect(xLabels.length).toBeGreaterThanOrEqual(4);
    expect(xLabels.length).toBeLessThanOrEqual(6);
    expect(xLabels[0]).toMatch(/^day 2025-06-0\d$/);
  });
});
