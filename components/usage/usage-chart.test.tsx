import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { Outcome, UsagePoint, UsageRange } from "@/lib/data/usage/counts";
import { UsageChart } from "./usage-chart";
import { usageChartModel } from "./usage-chart-model";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A series as lib/data/usage/counts makes it: `n` buckets `step` apart ending at `last`, zeros except the given ones. */
function series(n: number, step: number, counts: Record<number, Partial<Record<Outcome, number>>> = {}, last = Date.UTC(2025, 5, 30, 9)) {
  return Array.from({ length: n }, (_, i): UsagePoint => {
    const at = Math.floor(last / step) * step - (n - 1 - i) * step;
    return {
      at: new Date(at).toISOString(),
      success: 0,
      insufficient_scope: 0,
      rate_limited: 0,
      ip_not_allowed: 0,
      refused: 0,
      ...counts[i],
    };
  });
}

const texts = (html: string, re: RegExp) => [...html.matchAll(re)].map((m) => m[1]!);
const attrs = (tag: string) => Object.fromEntries(texts(tag, /(\S+="[^"]*")/g).map((a) => a.slice(0, -1).split('="')));
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ")
    .trim();

/**
 * The markup a browser receives, read back: the bars (in fractions of the plot's height, 0 at
 * its top), each bucket's details, the axes' labels (read by their role in the frame, not by
 * their styling) and the legend.
 */
function render(data: UsagePoint[], range: UsageRange) {
  const html = renderToStaticMarkup(<UsageChart chart={usageChartModel(data, range)} />);
  const height = Number(/<svg [^>]*viewBox="0 0 \d+ (\d+)"/.exec(html)![1]);
  const axis = (name: string) =>
    texts(html, new RegExp(`<span ([^>]*data-axis="${name}"[^>]*>[^<]*)</span>`, "g")).map((tag) => ({
      label: tag.slice(tag.lastIndexOf(">") + 1),
      at: Number(/(?:top|left):\s*([\d.]+)%/.exec(tag)![1]) / 100,
    }));
  return {
    bars: texts(html, /<rect ([^>]*)>/g)
      .map(attrs)
      .map((a) => ({
        outcome: a["data-outcome"],
        x: Number(a.x),
        top: Number(a.y) / height,
        bottom: (Number(a.y) + Number(a.height)) / height,
      })),
    details: texts(html, /data-testid="usage-bucket">([\s\S]*?)<\/div>/g).map(text),
    yAxis: axis("count"),
    yLabels: axis("count").map((t) => t.label),
    xLabels: axis("time").map((t) => t.label),
    legend: texts(html, /<li [^>]*>([\s\S]*?)<\/li>/g).map(text),
  };
}

describe("UsageChart", () => {
  it("stacks a bucket's outcomes from the 0 line, succeeded first, each reaching the count on the axis; empty buckets draw nothing", () => {
    const { bars, yAxis } = render(series(24, HOUR, { 5: { success: 6, insufficient_scope: 2 }, 23: { refused: 1 } }), "24h");
    expect(bars.map((b) => b.outcome)).toEqual(["success", "insufficient_scope", "refused"]);
    const [success, scope, refused] = bars;
    const level = (label: string) => yAxis.find((t) => t.label === label)!.at;
    expect(yAxis.map((t) => t.label)).toEqual(["0", "2", "4", "6", "8"]);
    expect(success!.bottom).toBeCloseTo(level("0")); // on the 0 line
    expect(success!.top).toBeCloseTo(level("6")); // 6 successes
    expect(scope!.bottom).toBeCloseTo(success!.top); // on top of the successes
    expect(scope!.top).toBeCloseTo(level("8")); // 6 + 2
    expect(scope!.x).toBe(success!.x);
    expect(refused!.x).toBeGreaterThan(success!.x);
  });

  it("names each bucket's total and its non-zero outcomes on hover", () => {
    const { details } = render(series(24, HOUR, { 5: { success: 6, insufficient_scope: 2 } }), "24h");
    expect(details).toHaveLength(24);
    expect(details[5]).toBe("15:00 UTC · 8 requests Succeeded: 6 Missing scope (403): 2");
    expect(details[0]).toBe("10:00 UTC · 0 requests");
  });

  it("labels counts with whole numbers, the top one at or above the tallest stack", () => {
    expect(render(series(7, DAY, { 2: { success: 1 } }), "7d").yLabels).toEqual(["0", "1"]);
    expect(render(series(7, DAY, { 2: { success: 4, rate_limited: 3 } }), "7d").yLabels).toEqual(["0", "2", "4", "6", "8"]);
  });

  it.each([
    ["24h", 24, HOUR, /^\d\d:00$/],
    ["7d", 7, DAY, /^Jun \d\d?$/],
    ["30d", 30, DAY, /^(May|Jun) \d\d?$/],
  ] as const)("labels %s with few round times, under their bars: a phone's width holds them", (range, n, step, format) => {
    const { xLabels } = render(series(n, step), range);
    expect(xLabels.length).toBeGreaterThanOrEqual(3);
    expect(xLabels.length).toBeLessThanOrEqual(6);
    for (const label of xLabels) expect(label).toMatch(format);
  });

  it("labels the last 24 hours every 6 hours, midnight as 00:00", () => {
    expect(render(series(24, HOUR), "24h").xLabels).toEqual(["12:00", "18:00", "00:00", "06:00"]);
  });

  it("lists every outcome in the legend", () => {
    expect(render(series(7, DAY), "7d").legend).toEqual([
      "Succeeded",
      "Missing scope (403)",
      "Rate limited (429)",
      "IP not allowed (403)",
      "Refused: disabled, revoked or expired (401)",
    ]);
  });
});
