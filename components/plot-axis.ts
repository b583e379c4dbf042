import "server-only";
import { scaleLinear } from "d3-scale";
import { H, type AxisTick } from "./plot-frame";

// d3 stays on the server: charts hand PlotFrame numbers, never a scale.

/** A count axis from 0 to at least `top`, labelled with whole numbers only (no 0.5 of a request). */
export function countAxis(top: number): { y: (value: number) => number; ticks: AxisTick[] } {
  const y = scaleLinear()
    .domain([0, Math.max(1, top)])
    .nice(4)
    .range([H, 0]);
  return {
    y,
    ticks: y
      .ticks(4)
      .filter(Number.isInteger)
      .map((value) => ({ value, y: y(value) })),
  };
}
