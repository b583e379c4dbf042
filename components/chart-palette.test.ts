import { differenceCiede2000, wcagContrast } from "culori";
import { describe, expect, it } from "vitest";
import { ACTIVITY_COLOURS, CHART_SURFACES, OUTCOME_COLOURS } from "./chart-palette";

const distance = differenceCiede2000();
/**
 * CIEDE2000 distance below which two series read as "the same colour" at a glance on a small
 * swatch: around 2 is a just-noticeable difference; 20 is clearly another colour. The old
 * indigo "Succeeded" and violet "IP not allowed (403)" were 6.5 apart.
 */
const MIN_DISTANCE = 20;

const pairs = (palette: Record<string, string>) =>
  Object.entries(palette).flatMap(([a, ca], i) =>
    Object.entries(palette)
      .slice(i + 1)
      .map(([b, cb]) => ({ a, b, d: distance(ca, cb) })),
  );

describe.each([
  ["usage outcomes", OUTCOME_COLOURS],
  ["admin activity", ACTIVITY_COLOURS],
])("the %s palette", (_name, palette: Record<string, string>) => {
  it(`keeps every pair of series at least ${MIN_DISTANCE} apart (CIEDE2000)`, () => {
    const close = pairs(palette)
      .filter((p) => p.d < MIN_DISTANCE)
      .map((p) => `${p.a} and ${p.b}: ${p.d.toFixed(1)}`);
    expect(close).toEqual([]);
  });

  it("stands out 3:1 from the card in both themes, since one palette serves both", () => {
    const faint = Object.entries(palette).flatMap(([series, colour]) =>
      Object.entries(CHART_SURFACES)
        .filter(([, surface]) => wcagContrast(colour, surface) < 3)
        .map(([theme, surface]) => `${series} on ${theme}: ${wcagContrast(colour, surface).toFixed(2)}:1`),
    );
    expect(faint).toEqual([]);
  });
});

it("draws success green, not in a refusal's hue", () => {
  // Green: the hue of success wherever the app shows it (badges, toasts).
  expect(distance(OUTCOME_COLOURS.success, "#16a34a")).toBeLessThan(10);
});
