import * as Plot from "@observablehq/plot";
import {JSDOM} from "jsdom";
import {expect, it} from "vitest";
import {
  ABSOLUTE_Y_TITLE,
  TINY_SHARE,
  formatTinyShare,
  tinySegments,
  tokenDistributionOptions,
  type FigureRow
} from "../src/components/token-distribution.ts";
import {TOKEN_TYPE_LABELS} from "../src/components/palette.ts";

// One group of the long table from four means, in the order Fresh, Cached, Output, Creation.
function group(agent_model: string, tier: string, means: (number | null)[]): FigureRow[] {
  const total = means.reduce<number>((a, m) => a + (m ?? 0), 0);
  return TOKEN_TYPE_LABELS.map((label, i) => ({
    agent_model,
    tier,
    token_type_label: label,
    tokens: means[i],
    share: total > 0 && means[i] != null ? means[i]! / total : null,
    runs: 3
  }));
}

function render(long: FigureRow[], scale: "share" | "absolute" = "share"): SVGElement {
  const document = new JSDOM("").window.document;
  const data = {long, models: Array.from(new Set(long.map((d) => d.agent_model))), tiers: ["T0", "T1"]};
  return Plot.plot(tokenDistributionOptions(data, {document, scale})) as unknown as SVGElement;
}

it("tinySegments finds the segments below 0.5 % and places each at its middle on the share axis", () => {
  // Shares: 23 / 100000 = 0.023 %, then 99 % cached, 0.4 % output (tiny), 0.577 % cache creation.
  const long = group("m", "T4", [23, 99000, 400, 577]);
  const tiny = tinySegments(long, 1000);
  expect(tiny.map((d) => d.token_type_label)).toEqual(["Input (Fresh)", "Output"]);
  expect(tiny[0].middle).toBeCloseTo(23 / 100000 / 2, 12);
  expect(tiny[1].middle).toBeCloseTo((23 + 99000 + 400 / 2) / 100000, 12);
  expect(tiny[0].upward).toBe(true);
  expect(tiny[1].upward).toBe(false);
  // A label starts 3 pixels above the axis at the least, and stays 3 pixels below the top.
  expect(tiny[0].labelAt).toBeCloseTo(3 / 1000, 12);
  expect(tiny[1].labelAt).toBeCloseTo(Math.min(tiny[1].middle, 1 - 3 / 1000), 12);
  expect(tiny[0].label).toBe("0.023 %");
});

it("tinySegments moves the second label of a bar past the first, and leaves 0.5 % and above alone", () => {
  const long = group("m", "T1", [10, 20, 99950, 20]);
  const tiny = tinySegments(long, 400);
  expect(tiny.map((d) => d.token_type_label)).toEqual(["Input (Fresh)", "Input (Cached)", "Cache Creation"]);
  const [fresh, cached] = tiny;
  expect(cached.labelAt - fresh.labelAt).toBeCloseTo((fresh.label.length * 0.6 * 8 + 4) / 400, 12);
  expect(tinySegments(group("m", "T1", [TINY_SHARE * 1000, 1000 - TINY_SHARE * 1000, 0, 0]))).toEqual([]);
});

it("tinySegments skips empty groups and missing or zero means", () => {
  expect(tinySegments([...group("m", "T0", [null, null, null, null]), ...group("m", "T1", [0, 100, 0, 0])])).toEqual(
    []
  );
});

it("formatTinyShare keeps two significant digits", () => {
  expect(formatTinyShare(0.0000392)).toBe("0.0039 %");
  expect(formatTinyShare(0.0049)).toBe("0.49 %");
});

it("tokenDistributionOptions labels each tiny segment beside its bar in the share view", () => {
  const svg = render([...group("m", "T0", [23, 99000, 400, 577]), ...group("m", "T1", [5000, 5000, 5000, 5000])]);
  const labels = Array.from(svg.querySelectorAll("text"), (t) => t.textContent);
  expect(labels).toContain("0.023 %");
  expect(labels).toContain("0.4 %");
  // Four bars of T0 and four of T1: the tiny segments keep their own, exact height.
  expect(svg.querySelectorAll('g[aria-label="bar"] rect')).toHaveLength(8);
});

it("tokenDistributionOptions with scale absolute draws mean tokens on a log axis, without shares", () => {
  const svg = render(
    [...group("m", "T0", [23, 99000, 400, 577]), ...group("m", "T1", [5000, 5000, 5000, 5000])],
    "absolute"
  );
  const document = svg.ownerDocument;
  const options = tokenDistributionOptions(
    {long: group("m", "T0", [23, 99000, 400, 577]), models: ["m"], tiers: ["T0"]},
    {document, scale: "absolute"}
  );
  expect((options.y as Plot.ScaleOptions).type).toBe("log");
  expect(svg.textContent).toContain(ABSOLUTE_Y_TITLE);
  expect(svg.querySelectorAll('g[aria-label="dot"] circle')).toHaveLength(8);
  expect(svg.textContent).not.toContain("0.023 %");
});

it("tokenDistributionOptions keeps model names as text", () => {
  const svg = render(group("<img src=x onerror=alert(1)>", "T0", [1, 2, 3, 4]));
  expect(svg.querySelector("img")).toBeNull();
  expect(Array.from(svg.querySelectorAll("text"), (t) => t.textContent)).toContain("<img src=x onerror=alert(1)>");
});
