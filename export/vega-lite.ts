// A figure as a Vega-Lite specification with its data inline, for readers who re-render or
// restyle it with Vega, Altair or the Vega editor.
import type {TopLevelSpec} from "vega-lite";
import {FONT_STACK} from "../src/components/figure-font.ts";
import {ACCESSIBLE, TOKEN_TYPE_LABELS, type Palette} from "../src/components/palette.ts";
import {FIGURE_TITLE, X_TITLE, Y_TITLE, type FigureData} from "../src/components/token-distribution.ts";
import {LONG_COLUMNS} from "../loaders/figure-files.ts";
import {COST_LONG_COLUMNS} from "../loaders/cost.ts";

export const VEGA_LITE_SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json";

/** The quantity the bars stack: a column of the long table, with its axis and tooltip titles. */
export interface Measure {
  field: string;
  axisTitle: string;
  tooltipTitle: string;
  /** A d3-format specifier for the tooltip. */
  format: string;
  /** The columns of the long table put into the spec's data; the token table's by default. */
  columns?: readonly string[];
}

export const MEAN_TOKENS: Measure = {field: "tokens", axisTitle: Y_TITLE, tooltipTitle: "Mean tokens", format: ",d"};

export const MEAN_COST: Measure = {
  field: "cost",
  axisTitle: "Cost Distribution (%)",
  tooltipTitle: "Mean cost (USD)",
  format: "$,.4f",
  columns: COST_LONG_COLUMNS
};

export interface VegaLiteOptions {
  title?: string;
  palette?: Palette;
  measure?: Measure;
  /** The size of one facet in pixels; by default the facets share about 860 pixels, as on the page. */
  width?: number;
  height?: number;
}

/** Normalized stacked bars, one facet column per model, in the page's tier order and colours. */
export function tokenDistributionVegaLite(
  {long, models, tiers}: FigureData,
  {
    title = FIGURE_TITLE,
    palette = ACCESSIBLE,
    measure = MEAN_TOKENS,
    width = facetWidth(models),
    height = 320
  }: VegaLiteOptions = {}
): TopLevelSpec {
  const values = long.map((row) =>
    Object.fromEntries((measure.columns ?? LONG_COLUMNS).map((c) => [c, (row as unknown as Record<string, unknown>)[c] ?? null]))
  );
  return {
    $schema: VEGA_LITE_SCHEMA,
    title,
    data: {values},
    facet: {column: {field: "agent_model", type: "nominal", title: null, sort: models}},
    spec: {
      width,
      height,
      mark: {type: "bar"},
      encoding: {
        x: {field: "tier", type: "ordinal", sort: tiers, title: X_TITLE, axis: {labelAngle: 0}},
        y: {
          field: measure.field,
          type: "quantitative",
          stack: "normalize",
          title: measure.axisTitle,
          axis: {labelExpr: "round(datum.value * 100)"}
        },
        color: {
          field: "token_type_label",
          type: "nominal",
          title: null,
          scale: {domain: [...TOKEN_TYPE_LABELS], range: [...palette.colors]},
          legend: {orient: "top", direction: "horizontal"}
        },
        order: {field: "token_type_order", type: "quantitative"},
        tooltip: [
          {field: "tier", type: "ordinal", title: "Tier"},
          {field: "agent_model", type: "nominal", title: "Model"},
          {field: "token_type_label", type: "nominal", title: "Token type"},
          {field: measure.field, type: "quantitative", title: measure.tooltipTitle, format: measure.format},
          {field: "share", type: "quantitative", title: "Share", format: ".3~%"},
          {field: "runs", type: "quantitative", title: "Runs", format: ",d"}
        ]
      }
    },
    config: {font: FONT_STACK}
  };
}

function facetWidth(models: string[]): number {
  return Math.max(120, Math.round(860 / Math.max(1, models.length)));
}
