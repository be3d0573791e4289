// The figure "Token Distribution by Tier": one normalized stacked bar per tier, one facet per
// agent model. The page draws it with these options and every export renders the same ones.
import * as Plot from "@observablehq/plot";
import {format} from "d3";
import {ACCESSIBLE, TOKEN_TYPE_LABELS, type Palette} from "./palette.js";

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
}

export const formatTokens = format(",.0f");

/** A share (0 to 1) as a percentage with three significant digits: 0.0212 %, 82.6 %. */
export function formatShare(share: number | null | undefined): string {
  return share == null ? "no tokens" : `${format(".3~r")(share * 100)} %`;
}

export function tokenDistributionOptions(
  {long, models, tiers}: FigureData,
  {width = 960, height = 440, palette = ACCESSIBLE, document}: FigureOptions = {}
): Plot.PlotOptions {
  const bars = long.filter((d) => d.share != null && d.tokens != null && d.tokens > 0);
  const empty = emptyGroups(long);
  return {
    title: FIGURE_TITLE,
    width,
    height,
    marginLeft: 56,
    marginBottom: 44,
    document,
    fx: {domain: models, label: null, padding: 0.1},
    x: {domain: tiers, label: X_TITLE, labelAnchor: "center", labelArrow: "none", padding: 0.2},
    y: {domain: [0, 1], label: Y_TITLE, labelArrow: "none", tickFormat: (d: number) => `${Math.round(d * 100)}`, grid: true},
    color: {domain: [...TOKEN_TYPE_LABELS], range: [...palette.colors], label: "Token type", legend: true},
    marks: [
      Plot.barY(
        bars,
        Plot.stackY({
          offset: "normalize",
          order: [...TOKEN_TYPE_LABELS],
          fx: "agent_model",
          x: "tier",
          y: "tokens",
          fill: "token_type_label",
          channels: {
            Model: "agent_model",
            "Mean tokens": "tokens",
            Share: "share",
            Runs: "runs"
          },
          tip: {
            format: {
              fx: false,
              y: false,
              x: true,
              fill: true,
              Model: true,
              "Mean tokens": (d: number) => formatTokens(d),
              Share: (d: number) => formatShare(d),
              Runs: true
            }
          }
        })
      ),
      Plot.text(empty, {fx: "agent_model", x: "tier", y: 0.5, text: () => "no tokens", rotate: -90, fill: "currentColor"}),
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
function emptyGroups(long: FigureRow[]): FigureRow[] {
  const byGroup = new Map<string, FigureRow[]>();
  for (const d of long) {
    const key = `${d.agent_model}\u0000${d.tier}`;
    byGroup.set(key, [...(byGroup.get(key) ?? []), d]);
  }
  return Array.from(byGroup.values())
    .filter((rows) => rows.every((d) => d.share == null))
    .map((rows) => rows[0]);
}
