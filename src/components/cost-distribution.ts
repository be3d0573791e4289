// The figure "Cost Distribution by Tier": the bars of the token figure, weighted by what each
// type of token cost instead of how many there were.
import {TokenDistribution, formatShare, formatTokens, type FigureData, type FigureMeasure, type FigureOptions} from "./token-distribution.js";
import {formatUsd} from "./cost-format.js";

export const COST_FIGURE_NAME = "fig07_cost_distribution";
export const COST_FIGURE_TITLE = "Cost Distribution by Tier";

/** Mean cost per run; the rows are the cost long table (mean tokens stay in the tooltip). */
export const COST_MEASURE: FigureMeasure = {
  field: "cost",
  shareField: "cost_share",
  title: COST_FIGURE_TITLE,
  yTitle: "Cost Distribution (%)",
  absoluteTitle: "Mean cost per run in US dollars (log scale)",
  tip: [
    {name: "Mean cost", field: "cost", format: formatUsd},
    {name: "Share of cost", field: "cost_share", format: (d) => formatShare(d)},
    {name: "Mean tokens", field: "tokens", format: (d) => formatTokens(d)}
  ],
  // A group with tokens but no cost has no price; one without tokens has nothing to price.
  emptyText: (d) => (d.share == null ? "no tokens" : "no price")
};

export function CostDistribution(data: FigureData, options: FigureOptions = {}) {
  return TokenDistribution(data, {...options, measure: COST_MEASURE});
}
