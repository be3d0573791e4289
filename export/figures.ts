// The figures the site shows, each described once: its file name, title, the Plot options the
// page draws and the exports render, and its Vega-Lite specification. Adding a figure to the
// exports is adding an entry here (and a DownloadRow under it on the page).
import type * as Plot from "@observablehq/plot";
import type {TopLevelSpec} from "vega-lite";
import type {Report} from "../loaders/report.ts";
import type {LongRow} from "../loaders/aggregate.ts";
import {ACCESSIBLE, type Palette} from "../src/components/palette.ts";
import {
  FIGURE_NAME,
  FIGURE_TITLE,
  TOKENS_MEASURE,
  allModelsTitle,
  tokenDistributionOptions,
  type FigureData
} from "../src/components/token-distribution.ts";
import {MEAN_COST, tokenDistributionVegaLite} from "./vega-lite.ts";
import {costLongTableCsv} from "../loaders/cost.ts";
import {COST_FIGURE_NAME, COST_FIGURE_TITLE, COST_MEASURE} from "../src/components/cost-distribution.ts";

export interface FigureDefinition {
  /** The file name of every export, without extension: figures/<name>.svg and so on. */
  name: string;
  title: string;
  /** The long table the figure is drawn from; written as <name>.csv. */
  rows(report: Report): LongRow[];
  /** The CSV of the long table, when it has more columns than the token table's. */
  csv?(report: Report): string;
  /** Whether the report has what the figure needs; every report has it unless this says no. */
  available?(report: Report): boolean;
  /** The options the page passes to Plot.plot, for the exports' fixed size and a palette. */
  plotOptions(data: FigureData, palette: Palette): Plot.PlotOptions;
  vegaLite(data: FigureData, palette: Palette): TopLevelSpec;
}

export const FIGURES: FigureDefinition[] = [
  {
    name: FIGURE_NAME,
    title: FIGURE_TITLE,
    rows: (report) => report.views[0].long,
    plotOptions: (data, palette) => tokenDistributionOptions(data, {palette, scale: "share"}),
    vegaLite: (data, palette) => tokenDistributionVegaLite(data, {palette})
  },
  {
    name: COST_FIGURE_NAME,
    title: COST_FIGURE_TITLE,
    rows: (report) => report.views[0].costLong as unknown as LongRow[],
    csv: (report) => costLongTableCsv(report.views[0].costLong),
    plotOptions: (data, palette) => tokenDistributionOptions(data, {palette, scale: "share", measure: COST_MEASURE}),
    vegaLite: (data, palette) =>
      tokenDistributionVegaLite(data, {palette, title: COST_FIGURE_TITLE, measure: MEAN_COST})
  },
  {
    // Every model of each run summed, from raw agent results.
    name: `${FIGURE_NAME}_all_models`,
    title: allModelsTitle(FIGURE_TITLE),
    available: (report) => report.results !== undefined,
    rows: (report) => report.results!.views[0].all.long,
    plotOptions: (data, palette) =>
      tokenDistributionOptions(data, {palette, scale: "share", measure: {...TOKENS_MEASURE, title: allModelsTitle(FIGURE_TITLE)}}),
    vegaLite: (data, palette) => tokenDistributionVegaLite(data, {palette, title: allModelsTitle(FIGURE_TITLE)})
  },
  {
    // The cost of every model of each run, each priced at its own price.
    name: `${COST_FIGURE_NAME}_all_models`,
    title: allModelsTitle(COST_FIGURE_TITLE),
    available: (report) => report.results !== undefined,
    rows: (report) => report.results!.views[0].all.costLong as unknown as LongRow[],
    csv: (report) => costLongTableCsv(report.results!.views[0].all.costLong),
    plotOptions: (data, palette) =>
      tokenDistributionOptions(data, {palette, scale: "share", measure: {...COST_MEASURE, title: allModelsTitle(COST_FIGURE_TITLE)}}),
    vegaLite: (data, palette) =>
      tokenDistributionVegaLite(data, {palette, title: allModelsTitle(COST_FIGURE_TITLE), measure: MEAN_COST})
  }
];

/** The figures a report has data for. */
export function figuresOf(report: Report): FigureDefinition[] {
  return FIGURES.filter((figure) => figure.available?.(report) ?? true);
}

/** A figure's data for the report as a whole (all experiments together). */
export function figureData(figure: FigureDefinition, report: Report): FigureData {
  const long = figure.rows(report);
  const models = report.models.filter((m) => long.some((d) => d.agent_model === m));
  return {long, models, tiers: report.tiers};
}

export const DEFAULT_EXPORT_PALETTE = ACCESSIBLE;
