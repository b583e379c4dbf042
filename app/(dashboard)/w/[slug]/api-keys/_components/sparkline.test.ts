import { describe, expect, it } from "vitest";
import { sparklinePoints } from "./sparkline";

const ys = (points: string) => points.split(" ").map((p) => Number(p.split(",")[1]));
const xs = (points: string) => points.split(" ").map((p) => Number(p.split(",")[0]));

describe("sparklinePoints", () => {
  it("puts a week without requests on the baseline", () => {
    expect(new Set(ys(sparklinePoints([0, 0, 0, 0, 0, 0, 0])))).toEqual(new Set([18]));
  });

  it("scales the busiest day to the top and keeps the others in proportion, left to right", () => {
    const points = sparklinePoints([0, 5, 10, 0, 0, 0, 20]);
    expect(ys(points)).toEqual([18, 14, 10, 18, 18, 18, 2]);
    const x = xs(points);
    expect(x[0]).toBe(2);
    expect(x.at(-1)).toBe(62);
    expect([...x].sort((a, b) => a - b)).toEqual(x);
  });
});
