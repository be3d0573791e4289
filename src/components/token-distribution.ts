// The figure "Token Distribution by Tier": one normalized stacked bar per tier, one facet per
// agent model. The page draws it with these options and every export renders the same ones.
import * as Plot from "@observablehq/plot";
import {format} from "d3";
import {FONT_STACK} from "./figure-font.js";
import {ACCESSIBLE, TOKEN_TYPE_LABELS, type Palette} from "./palette.js";
import {formatRate} from "./cost-format.js";

export const FIGURE_NAME = "fig07_token_distribution";
export const FIGURE_TITLE = "Token Distribution by Tier";
export const Y_TITLE = "Token Distribution (%)";
export const ABSOLUTE_Y_TITLE = "Mean tokens per run (log scale)";
export const X_TITLE = "Tier";

/** Segments smaller than this share of their bar get a label beside the bar. */
export const TINY_SHARE = 0.005;

/** A row of the long table: mean tokens per run of one type in one (model, tier) group. */
export interface FigureRow {
  agent_model: string;
  tier: string;
  token_type_label: string;
  /** Mean tokens per run; null when every run of the group left the column empty. */
  tokens: number | null;
  /** The type's part of the group's total, 0 to 1; null when the total is zero. */
  share: number | null;
  runs: number;
  /** Optional: the group's cache rates, shown in the tooltip, and whether it has too few runs. */
  cache_efficiency?: number | null;
  cache_hit_rate?: number | null;
  small_sample?: boolean;
}

/**
 * What the bars measure: the field of a row that sets a segment's height before normalizing,
 * the field of its share, and the words and formats of the title, axis and tooltip.
 */
export interface FigureMeasure {
  field: string;
  shareField: string;
  title: string;
  yTitle: string;
  /** The y axis title of the absolute (log) view. */
  absoluteTitle?: string;
  /** Tooltip lines after the model: name, field of the row, format. */
  tip: {name: string; field: string; format: (d: number) => string}[];
  /** Written over a bar whose group has nothing to show. */
  emptyText: string | ((d: FigureRow) => string);
}

export interface FigureData {
  long: FigureRow[];
  models: string[];
  tiers: string[];
}

/** How the y axis measures a segment: its share of the bar, or its mean tokens per run. */
export type FigureScale = "share" | "absolute";

export interface FigureOptions {
  width?: number;
  height?: number;
  palette?: Palette;
  /** "share" (default): normalized stacked bars; "absolute": mean tokens per run, log axis. */
  scale?: FigureScale;
  /** A DOM document to draw into, for rendering outside a browser. */
  document?: Document;
  /** What the bars measure; mean tokens per run unless told otherwise. */
  measure?: FigureMeasure;
}

export const formatTokens = format(",.0f");

/** The title of a figure drawn over every model of each run rather than the main model alone. */
export function allModelsTitle(title: string): string {
  return `${title}, all models`;
}

/** A share (0 to 1) as a percentage with three significant digits: 0.0212 %, 82.6 %. */
export function formatShare(share: number | null | undefined): string {
  return share == null ? "no tokens" : `${format(".3~r")(share * 100)} %`;
}

/** The default measure: mean tokens per run, with the group's cache rates in the tooltip. */
export const TOKENS_MEASURE: FigureMeasure = {
  field: "tokens",
  shareField: "share",
  title: FIGURE_TITLE,
  yTitle: Y_TITLE,
  absoluteTitle: ABSOLUTE_Y_TITLE,
  tip: [
    {name: "Mean tokens", field: "tokens", format: (d) => formatTokens(d)},
    {name: "Share", field: "share", format: (d) => formatShare(d)},
    {name: "Cache efficiency", field: "cache_efficiency", format: formatRate},
    {name: "Cache hit rate", field: "cache_hit_rate", format: formatRate}
  ],
  emptyText: "no tokens"
};

const MARGIN = {top: 30, right: 8, bottom: 44, left: 56};

export function tokenDistributionOptions(
  {long, models, tiers}: FigureData,
  {width = 960, height = 440, palette = ACCESSIBLE, scale = "share", document, measure = TOKENS_MEASURE}: FigureOptions = {}
): Plot.PlotOptions {
  const bars = long.filter((d) => shareOf(d, measure) != null && (valueOf(d, measure) ?? 0) > 0);
  // About how wide a bar is: the small-sample mark shortens to a dagger on narrow bars.
  const barWidth = ((width - MARGIN.left) / Math.max(1, models.length) / Math.max(1, tiers.length)) * 0.8;
  const tip = tooltip(measure, long);
  const plotHeight = height - MARGIN.top - MARGIN.bottom;
  return {
    title: measure.title,
    width,
    height,
    marginTop: MARGIN.top,
    marginRight: MARGIN.right,
    marginBottom: MARGIN.bottom,
    marginLeft: MARGIN.left,
    document,
    style: {fontFamily: FONT_STACK},
    fx: {domain: models, label: null, padding: 0.1},
    x: {domain: tiers, label: X_TITLE, labelAnchor: "center", labelArrow: "none", padding: 0.2},
    y: scale === "share" ? shareAxis(measure.yTitle) : absoluteAxis(measure.absoluteTitle ?? ABSOLUTE_Y_TITLE),
    color: {domain: [...TOKEN_TYPE_LABELS], range: [...palette.colors], label: "Token type", legend: true},
    marks:
      scale === "share"
        ? [...shareMarks(bars, long, plotHeight, measure, tip), smallSampleMarks(long, barWidth)]
        : absoluteMarks(bars, measure, tip)
  };
}

function valueOf(d: FigureRow, measure: FigureMeasure): number | null | undefined {
  return (d as unknown as Record<string, number | null | undefined>)[measure.field];
}

function shareOf(d: FigureRow, measure: FigureMeasure): number | null | undefined {
  return (d as unknown as Record<string, number | null | undefined>)[measure.shareField];
}

// The channels and formats of the tooltip: the measure's lines that the data has, then the runs.
function tooltip(measure: FigureMeasure, long: FigureRow[]) {
  const lines = measure.tip.filter(({field}) => long.some((d) => (d as unknown as Record<string, unknown>)[field] != null));
  const channels = {
    Model: "agent_model",
    ...Object.fromEntries(lines.map(({name, field}) => [name, field])),
    Runs: {value: (d: FigureRow) => `${d.runs}${d.small_sample ? " (small sample)" : ""}`, label: "Runs"}
  };
  const format = {
    fx: false,
    y: false,
    x: true,
    fill: true,
    stroke: true,
    Model: true,
    ...Object.fromEntries(lines.map(({name, format}) => [name, format])),
    Runs: true
  };
  return {channels, tip: {format}} as Pick<Plot.BarYOptions, "channels" | "tip">;
}

/**
 * Draws the figure as an SVG (or a figure with its legend) for a page or a test. The drawing is
 * hidden from assistive technology, whose readers get the title, the legend, the label of the
 * figure's container and the table of the same numbers instead of hundreds of unnamed shapes.
 */
export function TokenDistribution(data: FigureData, options?: FigureOptions) {
  const figure = Plot.plot(tokenDistributionOptions(data, options));
  const drawings = figure.localName === "svg" ? [figure] : Array.from(figure.querySelectorAll("svg"));
  for (const svg of drawings) svg.setAttribute("aria-hidden", "true");
  return figure;
}

function shareAxis(label: string): Plot.ScaleOptions {
  return {
    domain: [0, 1],
    label,
    labelArrow: "none",
    tickFormat: (d: number) => `${Math.round(d * 100)}`,
    grid: true
  };
}

function absoluteAxis(label: string): Plot.ScaleOptions {
  return {type: "log", label, labelArrow: "none", ticks: 5, tickFormat: "~s", grid: true, nice: true};
}

type Tooltip = ReturnType<typeof tooltip>;

function shareMarks(bars: FigureRow[], long: FigureRow[], plotHeight: number, measure: FigureMeasure, tip: Tooltip): Plot.Markish[] {
  const stack: Plot.StackOptions & Plot.BarYOptions = {
    offset: "normalize",
    order: [...TOKEN_TYPE_LABELS],
    fx: "agent_model",
    x: "tier",
    y: measure.field
  };
  const emptyText = (d: FigureRow) => (typeof measure.emptyText === "string" ? measure.emptyText : measure.emptyText(d));
  return [
    Plot.barY(bars, Plot.stackY({...stack, fill: "token_type_label", ...tip})),
    Plot.ruleY([0]),
    tinySegmentMarks(tinySegments(long, plotHeight, measure)),
    Plot.text(emptyGroups(long, measure), {fx: "agent_model", x: "tier", y: 0.5, text: emptyText, rotate: -90})
  ];
}

function absoluteMarks(bars: FigureRow[], measure: FigureMeasure, tip: Tooltip): Plot.Markish[] {
  const series = {fx: "agent_model", x: "tier", y: measure.field, stroke: "token_type_label"} as const;
  return [
    Plot.lineY(bars, {...series, z: "token_type_label", strokeWidth: 1.5, strokeOpacity: 0.6}),
    Plot.dot(bars, {...series, fill: "token_type_label", r: 3.5, ...tip})
  ];
}

// The small-sample mark at the top of each bar of a group with too few runs.
function smallSampleMarks(long: FigureRow[], barWidth: number): Plot.Markish {
  return Plot.text(smallSampleGroups(long), {
    fx: "agent_model",
    x: "tier",
    y: 1,
    dy: 9,
    text: (d: FigureRow) => (barWidth >= 28 ? `n=${d.runs}†` : "†"),
    fill: "black",
    stroke: "white",
    strokeWidth: 3,
    paintOrder: "stroke",
    fontSize: 10
  });
}

/** A segment too thin to see, with where its label goes on the share axis. */
export interface TinySegment extends FigureRow {
  /** The middle of the segment on the share axis, 0 to 1. */
  middle: number;
  /** Where its label starts: at the middle, or moved off the axis and off other labels. */
  labelAt: number;
  /** The label runs up the gap beside the bar from a segment in the lower half, down from one in the upper half. */
  upward: boolean;
  label: string;
}

const TINY_FONT_SIZE = 8;

/**
 * Segments below TINY_SHARE of their bar, in stacking order, with their labels. A label is
 * set vertically in the gap right of its bar; `plotHeight` (pixels of the share axis) spaces
 * the labels of one bar so that they do not overlap.
 */
export function tinySegments(long: FigureRow[], plotHeight = 360, measure: FigureMeasure = TOKENS_MEASURE): TinySegment[] {
  const pixel = 1 / plotHeight;
  const length = (label: string) => (label.length * 0.6 * TINY_FONT_SIZE + 4) * pixel;
  const tiny: TinySegment[] = [];
  for (const rows of groupsOf(long)) {
    const segments = stackedSegments(rows, measure).filter((d) => d.share < TINY_SHARE);
    const lower = segments.filter((d) => d.middle <= 0.5);
    const upper = segments.filter((d) => d.middle > 0.5).reverse();
    let free = 3 * pixel;
    for (const d of lower) {
      const labelAt = Math.max(d.middle, free);
      free = labelAt + length(d.label);
      tiny.push({...d, labelAt, upward: true});
    }
    free = 1 - 3 * pixel;
    for (const d of upper) {
      const labelAt = Math.min(d.middle, free);
      free = labelAt - length(d.label);
      tiny.push({...d, labelAt, upward: false});
    }
  }
  return tiny;
}

// The drawn segments of one bar, bottom to top, with the middle of each on the share axis.
function stackedSegments(
  rows: FigureRow[],
  measure: FigureMeasure
): (FigureRow & {share: number; middle: number; label: string})[] {
  const segments = [];
  let bottom = 0;
  for (const type of TOKEN_TYPE_LABELS) {
    const row = rows.find((d) => d.token_type_label === type);
    const share = row && shareOf(row, measure);
    if (row === undefined || share == null || !((valueOf(row, measure) ?? 0) > 0)) continue;
    segments.push({...row, share, middle: bottom + share / 2, label: formatTinyShare(share)});
    bottom += share;
  }
  return segments;
}

/** A small share with two significant digits: 0.0039 %. */
export function formatTinyShare(share: number): string {
  return `${format(".2~r")(share * 100)} %`;
}

// Beside each thin segment, in the gap right of its bar: a tick in the segment's colour level
// with it, and its share set vertically. Both sit outside the bar, so no segment is covered.
function tinySegmentMarks(tiny: TinySegment[]): Plot.Markish[] {
  const at = {fx: "agent_model", x: "tier"} as const;
  const label = (upward: boolean) =>
    Plot.text(
      tiny.filter((d) => d.upward === upward),
      {
        ...at,
        y: "labelAt",
        text: "label",
        rotate: -90,
        textAnchor: upward ? "start" : "end",
        fontSize: TINY_FONT_SIZE,
        fill: "currentColor",
        render: besideBar("gap", "gap")
      }
    );
  return [
    Plot.link(tiny, {
      ...at,
      x1: "tier",
      x2: "tier",
      y1: "middle",
      y2: "middle",
      stroke: "token_type_label",
      strokeWidth: 2,
      render: besideBar(0, 4)
    }),
    label(true),
    label(false)
  ];
}

// A render transform moving a mark from the middle of its band to the bar's right edge: by a
// number of pixels past the edge, or to the middle of the gap before the next band. The first
// offset applies to the x and x1 channels, the second to x2.
function besideBar(start: number | "gap", end: number | "gap"): Plot.RenderFunction {
  return (index, scales, values, dimensions, context, next) => {
    const x = scales.scales.x as {bandwidth?: number; step?: number} | undefined;
    const half = (x?.bandwidth ?? 0) / 2;
    const gap = ((x?.step ?? 0) - (x?.bandwidth ?? 0)) / 2;
    const moved = {...values} as Plot.ChannelValues;
    for (const [key, by] of [
      ["x", start],
      ["x1", start],
      ["x2", end]
    ] as const) {
      const X = values[key];
      if (X) moved[key] = Array.from(X, (v: number) => v + half + (by === "gap" ? gap : by));
    }
    return next!(index, scales, moved, dimensions, context);
  };
}

function groupsOf(long: FigureRow[]): FigureRow[][] {
  const byGroup = new Map<string, FigureRow[]>();
  for (const d of long) {
    const key = `${d.agent_model}\u0000${d.tier}`;
    byGroup.set(key, [...(byGroup.get(key) ?? []), d]);
  }
  return Array.from(byGroup.values());
}

// Groups whose four means are zero or missing: their shares are undefined.
function emptyGroups(long: FigureRow[], measure: FigureMeasure): FigureRow[] {
  return groupsOf(long)
    .filter((rows) => rows.every((d) => shareOf(d, measure) == null))
    .map((rows) => rows[0]);
}

// One row for each group marked as a small sample: its mark goes at the top of the bar.
function smallSampleGroups(long: FigureRow[]): FigureRow[] {
  return groupsOf(long)
    .map((rows) => rows[0])
    .filter((d) => d.small_sample === true);
}
