// The figure "Token Distribution by Tier": one normalized stacked bar per tier, one facet per
// agent model. The page draws it with these options and every export renders the same ones.
import * as Plot from "@observablehq/plot";
import {format} from "d3";
import {FONT_STACK} from "./figure-font.js";
import {ACCESSIBLE, TOKEN_TYPE_LABELS, type Palette} from "./palette.js";

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
}

export const formatTokens = format(",.0f");

/** A share (0 to 1) as a percentage with three significant digits: 0.0212 %, 82.6 %. */
export function formatShare(share: number | null | undefined): string {
  return share == null ? "no tokens" : `${format(".3~r")(share * 100)} %`;
}

const MARGIN = {top: 30, right: 8, bottom: 44, left: 56};

export function tokenDistributionOptions(
  {long, models, tiers}: FigureData,
  {width = 960, height = 440, palette = ACCESSIBLE, scale = "share", document}: FigureOptions = {}
): Plot.PlotOptions {
  const bars = long.filter((d) => d.share != null && d.tokens != null && d.tokens > 0);
  return {
    title: FIGURE_TITLE,
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
    y: scale === "share" ? shareAxis() : absoluteAxis(),
    color: {domain: [...TOKEN_TYPE_LABELS], range: [...palette.colors], legend: true},
    marks: scale === "share" ? shareMarks(bars, long, height - MARGIN.top - MARGIN.bottom) : absoluteMarks(bars)
  };
}

/** Draws the figure as an SVG (or a figure with its legend) for a page or a test. */
export function TokenDistribution(data: FigureData, options?: FigureOptions) {
  return Plot.plot(tokenDistributionOptions(data, options));
}

function shareAxis(): Plot.ScaleOptions {
  return {
    domain: [0, 1],
    label: Y_TITLE,
    labelArrow: "none",
    tickFormat: (d: number) => `${Math.round(d * 100)}`,
    grid: true
  };
}

function absoluteAxis(): Plot.ScaleOptions {
  return {type: "log", label: ABSOLUTE_Y_TITLE, labelArrow: "none", ticks: 5, tickFormat: "~s", grid: true, nice: true};
}

// The channels and tooltip shared by the bars and the dots: every number a reader may want.
const TIP_CHANNELS = {Model: "agent_model", "Mean tokens": "tokens", Share: "share", Runs: "runs"};
const TIP_FORMAT = {
  fx: false,
  y: false,
  x: true,
  fill: true,
  stroke: true,
  Model: true,
  "Mean tokens": (d: number) => formatTokens(d),
  Share: (d: number) => formatShare(d),
  Runs: true
};

function shareMarks(bars: FigureRow[], long: FigureRow[], plotHeight: number): Plot.Markish[] {
  const stack: Plot.StackOptions & Plot.BarYOptions = {
    offset: "normalize",
    order: [...TOKEN_TYPE_LABELS],
    fx: "agent_model",
    x: "tier",
    y: "tokens"
  };
  return [
    Plot.barY(
      bars,
      Plot.stackY({...stack, fill: "token_type_label", channels: TIP_CHANNELS, tip: {format: TIP_FORMAT}})
    ),
    Plot.ruleY([0]),
    tinySegmentMarks(tinySegments(long, plotHeight)),
    Plot.text(emptyGroups(long), {fx: "agent_model", x: "tier", y: 0.5, text: () => "no tokens", rotate: -90})
  ];
}

function absoluteMarks(bars: FigureRow[]): Plot.Markish[] {
  const series = {fx: "agent_model", x: "tier", y: "tokens", stroke: "token_type_label"} as const;
  return [
    Plot.lineY(bars, {...series, z: "token_type_label", strokeWidth: 1.5, strokeOpacity: 0.6}),
    Plot.dot(bars, {...series, fill: "token_type_label", r: 3.5, channels: TIP_CHANNELS, tip: {format: TIP_FORMAT}})
  ];
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
export function tinySegments(long: FigureRow[], plotHeight = 360): TinySegment[] {
  const pixel = 1 / plotHeight;
  const length = (label: string) => (label.length * 0.6 * TINY_FONT_SIZE + 4) * pixel;
  const tiny: TinySegment[] = [];
  for (const rows of groupsOf(long)) {
    const segments = stackedSegments(rows).filter((d) => d.share < TINY_SHARE);
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
function stackedSegments(rows: FigureRow[]): (FigureRow & {share: number; middle: number; label: string})[] {
  const segments = [];
  let bottom = 0;
  for (const type of TOKEN_TYPE_LABELS) {
    const row = rows.find((d) => d.token_type_label === type);
    if (row?.share == null || row.tokens == null || row.tokens <= 0) continue;
    segments.push({...row, share: row.share, middle: bottom + row.share / 2, label: formatTinyShare(row.share)});
    bottom += row.share;
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
function emptyGroups(long: FigureRow[]): FigureRow[] {
  return groupsOf(long)
    .filter((rows) => rows.every((d) => d.share == null))
    .map((rows) => rows[0]);
}
