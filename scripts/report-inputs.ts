// What the build and the figure export both read: the input options, their defaults (every runs
// file of data/ when no input is named), the report computed from them, and the message for an
// input that cannot be read.
import {buildReport, type Report} from "../loaders/report.ts";
import {RunsFileError} from "../loaders/problems.ts";
import {DEFAULT_PRICES_PATH, priceLookup, readPriceFile} from "../loaders/prices.ts";
import {ResultFileError} from "../loaders/results/result-problems.ts";
import {runsPaths} from "../loaders/site-input.ts";

/** The input options, for node:util's parseArgs. */
export const INPUT_OPTIONS = {
  runs: {type: "string", multiple: true},
  aggregates: {type: "string", multiple: true},
  results: {type: "string", multiple: true},
  "skip-bad-results": {type: "boolean", default: false},
  "exclude-empty-runs": {type: "boolean", default: false},
  prices: {type: "string"}
} as const;

export const INPUT_USAGE =
  "[--runs PATH]... [--aggregates PATH]... [--results DIR]... [--skip-bad-results] [--exclude-empty-runs] [--prices PATH]";

export interface InputValues {
  runs?: string[];
  aggregates?: string[];
  results?: string[];
  "skip-bad-results"?: boolean;
  "exclude-empty-runs"?: boolean;
  prices?: string;
}

export interface Inputs {
  runs: string[];
  aggregates: string[];
  results: string[];
  report: Report;
}

/** Reads the inputs named in the options (data/ when none is) and aggregates them. */
export async function readInputs(values: InputValues, log?: (message: string) => void): Promise<Inputs> {
  const aggregates = values.aggregates ?? [];
  const results = values.results ?? [];
  const runs = values.runs ?? (results.length > 0 || aggregates.length > 0 ? [] : runsPaths());
  const prices = await readPriceFile(values.prices ?? DEFAULT_PRICES_PATH);
  const report = await buildReport(runs, {
    excludeEmptyRuns: values["exclude-empty-runs"] ?? false,
    aggregates,
    results,
    skipBadResults: values["skip-bad-results"] ?? false,
    prices,
    pricesSource: values.prices ?? "data/prices.json",
    priceOf: priceLookup(prices),
    ...(log ? {log} : {})
  });
  return {runs, aggregates, results, report};
}

/**
 * The message for an error of readInputs: an input file's problems under a line that names its
 * kind and says what was not done ("nothing was built"), anything else as it is.
 */
export function inputErrorText(error: unknown, notDone: string): string {
  if (error instanceof RunsFileError) return `error: the ${error.kind} file has problems, ${notDone}\n${error.message}\n`;
  if (error instanceof ResultFileError) return `error: some agent result files could not be read, ${notDone}\n${error.message}\n`;
  return `error: ${error instanceof Error ? error.message : error}\n`;
}
