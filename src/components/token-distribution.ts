// The figure "Token Distribution by Tier": one normalized stacked bar per tier, one facet per
// agent model. The page draws it with these options and every export renders the same ones.
import * as Plot from "@observablehq/plot";
import {format} from "d3";
import {ACCESSIBLE, TOKEN_TYPE_LABELS, type Palette} from "./palette.js";
import {formatRate} from "./cost-format.js";

export const FIGURE_NAME = "fig07_token_distribution";
export const FIGURE_TITLE = "Token Distribution by Tier";
export const Y_TITLE = "Token Distribution (%)";
export const X_TITLE = "Tier";

/** A row of the long table: mean tokens per run of one type in one (model, tier) group. */
export interface FigureRow {
  agent_model: string;
  tier: string;
  token_type_label: string;
  tokens: number | null;
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

export interface FigureOptions {
  width?: number;
  height?: number;
  palette?: Palette;
  /** A DOM document to draw into, for rendering outside a browser. */
  document?: Document;
  /** What the bars measure; mean tokens per run unless told otherwise. */
  measure?: FigureMeasure;
}

export const formatTokens = format(",.0f");

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
  tip: [
    {name: "Mean tokens", field: "tokens", format: (d) => formatTokens(d)},
    {name: "Share", field: "share", format: (d) => formatShare(d)},
    {name: "Cache efficiency", field: "cache_efficiency", format: formatRate},
    {name: "Cache hit rate", field: "cache_hit_rate", format: formatRate}
  ],
  emptyText: "no tokens"
};

export function tokenDistributionOptions(
  {long, models, tiers}: FigureData,
  {width = 960, height = 440, palette = ACCESSIBLE, document, measure = TOKENS_MEASURE}: FigureOptions = {}
): Plot.PlotOptions {
  const value = (d: FigureRow) => (d as unknown as Record<string, number | null | undefined>)[measure.field];
  const share = (d: FigureRow) => (d as unknown as Record<string, number | null | undefined>)[measure.shareField];
  const bars = long.filter((d) => share(d) != null && value(d) != null && value(d)! > 0);
  const empty = emptyGroups(long, share);
  // About how wide a bar is: the small-sample mark shortens to a dagger on narrow bars.
  const barWidth = ((width - 56) / Math.max(1, models.length) / Math.max(1, tiers.length)) * 0.8;
  const tip = measure.tip.filter(({field}) => long.some((d) => (d as unknown as Record<string, unknown>)[field] != null));
  return {
    title: measure.title,
    width,
    height,
    marginLeft: 56,
    marginBottom: 44,
    document,
    fx: {domain: models, label: null, padding: 0.1},
    x: {domain: tiers, label: X_TITLE, labelAnchor: "center", labelArrow: "none", padding: 0.2},
    y: {domain: [0, 1], label: measure.yTitle, labelArrow: "none", tickFormat: (d: number) => `${Math.round(d * 100)}`, grid: true},
    color: {domain: [...TOKEN_TYPE_LABELS], range: [...palette.colors], label: "Token type", legend: true},
    marks: [
      Plot.barY(
        bars,
        Plot.stackY({
          offset: "normalize",
          order: [...TOKEN_TYPE_LABELS],
          fx: "agent_model",
          x: "tier",
          y: measure.field,
          fill: "token_type_label",
          channels: {
            Model: "agent_model",
            ...Object.fromEntries(tip.map(({name, field}) => [name, field])),
            Runs: {value: (d: FigureRow) => `${d.runs}${d.small_sample ? " (small sample)" : ""}`, label: "Runs"}
          },
          tip: {
            format: {
              fx: false,
              y: false,
              x: true,
              fill: true,
              Model: true,
              ...Object.fromEntries(tip.map(({name, format}) => [name, format])),
              Runs: true
            }
          }
        })
      ),
      Plot.text(empty, {fx: "agent_model", x: "tier", y: 0.5, text: (d: FigureRow) => (typeof measure.emptyText === "string" ? measure.emptyText : measure.emptyText(d)), rotate: -90, fill: "currentColor"}),
      Plot.text(smallSampleGroups(long), {
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
      }),
      Plot.ruleY([0])
    ]
  };
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

// Groups whose four means are zero or missing: their shares are undefined.
function emptyGroups(long: FigureRow[], share: (d: FigureRow) => number | null | undefined = (d) => d.share): FigureRow[] {
  return Array.from(byGroup(long).values())
    .filter((rows) => rows.every((d) => share(d) == null))
    .map((rows) => rows[0]);
}

// One row for each group marked as a small sample: its mark goes at the top of the bar.
function smallSampleGroups(long: FigureRow[]): FigureRow[] {
  return Array.from(byGroup(long).values())
    .map((rows) => rows[0])
    .filter((d) => d.small_sample === true);
}

function byGroup(long: FigureRow[]): Map<string, FigureRow[]> {
  const groups = new Map<string, FigureRow[]>();
  for (const d of long) {
    const key = `${d.agent_model}\u0000${d.tier}`;
    groups.set(key, [...(groups.get(key) ?? []), d]);
  }
  return groups;
}
