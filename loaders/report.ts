import {performance} from "node:perf_hooks";
import {RunAccumulator, type ExcludedRuns, type RunCounts} from "./accumulate.ts";
import {
  groupRows,
  markSmallSamples,
  mergeExperiments,
  type GroupRow,
  type ViewGroupRow,
  type ViewLongRow
} from "./aggregate.ts";
import {costRows, type CostLongRow, type CostRow} from "./cost.ts";
import {costLongTable, figureLongTable} from "../src/components/figure-tables.ts";
import type {PriceFile, PriceMatch} from "./prices.ts";
import {readAggregatesFile} from "./read-aggregates.ts";
import type {FileStats} from "./read-runs.ts";
import {readRunsFileParallel} from "./read-runs-parallel.ts";
import type {PriceLookup} from "./results/model-cost.ts";
import type {ResultsReport} from "./results/results-report.ts";
import {checkRules, evaluateTierChecks, type CheckFinding, type CheckRule} from "./tier-checks.ts";
import {SMALL_SAMPLE_RUNS, TIER_CHECKS} from "./tier-checks-config.ts";
import {compareTiers, sortTiers} from "./tier-order.ts";

/** The numbers of the report for one choice of experiment (null: all experiments together). */
export interface ReportView {
  experiment: string | null;
  groups: ViewGroupRow[];
  long: ViewLongRow[];
  /** What each group's tokens cost at the price table's prices. */
  costs: CostRow[];
  /** The cost figure's long table: priced groups only. */
  costLong: CostLongRow[];
  /** What the tier checks found in this view, with the numbers that triggered them. */
  checks: CheckFinding[];
}

export type {ViewGroupRow, ViewLongRow};

/** The price table as the page shows it, and how each model of the runs was matched to it. */
export interface PriceReport {
  /** Where the table came from: the default data file or the user's --prices file. */
  source: string;
  as_of: string;
  cache_write_assumed: PriceFile["cache_write_assumed"];
  sources: PriceFile["sources"];
  notes: string[];
  models: PriceFile["models"];
  unversioned: PriceFile["unversioned"];
  matches: PriceMatch[];
  /** Models of the runs that have no price; their costs are left out, never counted as zero. */
  unpriced: string[];
}

/** Everything the report pages show, computed from the runs files at build time. */
export interface Report {
  sources: FileStats[];
  models: string[];
  tiers: string[];
  experiments: string[];
  excludedEmptyRuns: number;
  options: {excludeEmptyRuns: boolean; skipBadResults?: boolean};
  views: ReportView[];
  dataQuality: DataQuality;
  prices: PriceReport;
  /** Groups with fewer runs than this carry a small-sample mark. */
  smallSampleRuns: number;
  checkRules: CheckRule[];
  /** The thresholds of the tier checks, as configured. */
  checkConfig: typeof TIER_CHECKS;
  /** Present when raw agent results were read: the tokens and costs of every model of each run, by role. */
  results?: ResultsReport;
}

/** What the page's data-quality section and the build log say about the runs files. */
export interface DataQuality {
  files: FileQuality[];
  /** One row per (agent_model, tier) over all experiments, including groups whose runs were all left out. */
  groups: GroupQuality[];
  rows: number;
  zeroRuns: number;
  excludedEmptyRuns: number;
  repeats: number;
  /** Rows with a total_tokens value and four token counts, and those where the total differs from their sum. */
  totalTokensChecked: number;
  totalMismatches: number;
  /** The repeat check remembers at most maxRunKeys run keys; uncheckedRuns came after it was full. */
  repeatCheck: {maxRunKeys: number; runKeys: number; uncheckedRuns: number};
}

/** One runs file: rows read, empty cells per column, and what was counted while reading it. */
export interface FileQuality {
  file: string;
  rows: number;
  emptyCells: Record<string, number>;
  zeroRuns: number;
  excludedEmptyRuns: number;
  repeats: number;
  totalTokensChecked: number;
  totalMismatches: number;
}

export interface GroupQuality {
  agent_model: string;
  tier: string;
  /** Runs in the means. */
  runs: number;
  /** Runs whose four token counts are all zero, kept in the means. */
  zero_runs: number;
  /** Runs whose four token counts are all zero, left out by --exclude-empty-runs. */
  excluded_empty_runs: number;
  /** Runs repeating the (experiment, subtest, run_number) of an earlier run of the group. */
  repeats: number;
  total_mismatches: number;
  /** Every token mean is zero or missing: the group has no shares. */
  no_tokens: boolean;
}

export interface ReportOptions {
  excludeEmptyRuns?: boolean;
  /** Aggregates files (see sql/aggregates.sql) to add to the runs files. */
  aggregates?: string[];
  /** See AccumulateOptions.maxRunKeys. */
  maxRunKeys?: number;
  /** Results directories (<tier>/<subtest>/run_<NN>/agent/result.json) read beside the runs files. */
  results?: string[];
  /** Leave unreadable result files out, counted on the page, instead of stopping. */
  skipBadResults?: boolean;
  /** Prices per model id, to price every model of the results; without it only recorded costs are shown. */
  priceOf?: PriceLookup;
  /** The price table; the default is data/prices.json. */
  prices?: PriceFile;
  /** Where the price table came from, as the page names it. */
  pricesSource?: string;
  /** Where progress lines go; the default writes them to stderr, as a data loader must. */
  log?: (message: string) => void;
}

/** Reads the runs files one after another, concatenated on the union of their columns. */
export async function buildReport(paths: string[], options: ReportOptions = {}): Promise<Report> {
  const {excludeEmptyRuns = false, aggregates = [], maxRunKeys, results: resultsDirs = [], skipBadResults = false, priceOf} = options;
  const log = options.log ?? logToStderr;
  // What the report needs after the runs are read (the price table's schema, the raw results'
  // readers) loads while they are read.
  const later = Promise.all([import("./prices.ts"), resultsDirs.length > 0 ? import("./results/results-report.ts") : undefined]);
  later.catch(() => {});
  const accumulator = new RunAccumulator({excludeEmptyRuns, maxRunKeys});
  const sources: FileStats[] = [];
  const files: FileQuality[] = [];
  for (const path of paths) {
    const start = performance.now();
    const before = {...accumulator.counts};
    const groupsBefore = accumulator.groups().length;
    const stats = await readRunsFileParallel(path, accumulator, {name: path, log});
    sources.push(stats);
    const file = fileQuality(stats, before, accumulator.counts);
    files.push(file);
    log(`${readLine(file, accumulator.groups().length - groupsBefore)}${countsLine(file)} (${elapsed(start)})`);
    if (file.totalMismatches > 0) log(totalMismatchWarning(file));
  }
  if (accumulator.uncheckedRuns > 0) log(repeatCheckWarning(accumulator.maxRunKeys, accumulator.uncheckedRuns));
  for (const path of aggregates) {
    const start = performance.now();
    const before = {...accumulator.counts};
    const {groups, stats} = await readAggregatesFile(path);
    groups.forEach(accumulator.addGroup);
    sources.push(stats);
    files.push(fileQuality(stats, before, accumulator.counts));
    log(`read ${path}: ${groups.length} aggregated groups of ${stats.rows} runs (${elapsed(start)})`);
  }

  // Raw results give the main model's tokens to the same aggregation as the runs files.
  const results =
    resultsDirs.length > 0
      ? await (await later)[1]!.readResultsReport(resultsDirs, accumulator.add, {skipBad: skipBadResults, priceOf, log})
      : undefined;

  const start = performance.now();
  const groups = accumulator.groups();
  const experiments = Array.from(new Set(groups.map((g) => g.experiment))).sort();
  const models = Array.from(new Set(groups.map((g) => g.agent_model))).sort();
  const [{matchModel, readPriceFile}] = await later;
  const prices = priceReport(options.prices ?? (await readPriceFile()), options.pricesSource ?? "data/prices.json", models, matchModel);
  const matches = new Map(prices.matches.map((m) => [m.model, m]));
  const view = (experiment: string | null): ReportView => {
    const sums = mergeExperiments(groups, experiment ?? undefined);
    const rows = groupRows(sums);
    const costs = costRows(rows, sums, matches, SMALL_SAMPLE_RUNS);
    const marked = markSmallSamples(rows);
    return {
      experiment,
      groups: marked,
      long: figureLongTable(marked),
      costs,
      costLong: costLongTable(costs, marked),
      checks: evaluateTierChecks(rows, costs)
    };
  };
  const views = [view(null), ...(experiments.length > 1 ? experiments.map(view) : [])];
  log(
    `aggregated ${groups.length} groups into ${views.length} view${views.length > 1 ? "s" : ""} in ${elapsed(start)}`
  );

  const {counts} = accumulator;
  return {
    sources,
    models,
    tiers: sortTiers(groups.map((g) => g.tier)),
    experiments,
    excludedEmptyRuns: accumulator.excludedEmptyRuns,
    options: {excludeEmptyRuns, skipBadResults},
    views,
    ...(results ? {results} : {}),
    dataQuality: {
      files,
      groups: groupQuality(views[0].groups, accumulator.excluded()),
      rows: files.reduce((n, f) => n + f.rows, 0),
      zeroRuns: counts.zeroRuns,
      excludedEmptyRuns: counts.excludedEmptyRuns,
      repeats: counts.repeats,
      totalTokensChecked: counts.totalChecked,
      totalMismatches: counts.totalMismatches,
      repeatCheck: {
        maxRunKeys: accumulator.maxRunKeys,
        runKeys: accumulator.runKeys,
        uncheckedRuns: accumulator.uncheckedRuns
      }
    },
    prices,
    smallSampleRuns: SMALL_SAMPLE_RUNS,
    checkRules: checkRules(),
    checkConfig: TIER_CHECKS
  };
}

// What one file added to the counts.
function fileQuality(stats: FileStats, before: RunCounts, after: RunCounts): FileQuality {
  return {
    file: stats.file,
    rows: stats.rows,
    emptyCells: stats.emptyCells,
    zeroRuns: after.zeroRuns - before.zeroRuns,
    excludedEmptyRuns: after.excludedEmptyRuns - before.excludedEmptyRuns,
    repeats: after.repeats - before.repeats,
    totalTokensChecked: after.totalChecked - before.totalChecked,
    totalMismatches: after.totalMismatches - before.totalMismatches
  };
}

function groupQuality(rows: GroupRow[], excluded: ExcludedRuns[]): GroupQuality[] {
  const byKey = new Map<string, GroupQuality>();
  for (const g of rows) {
    byKey.set(`${g.agent_model}\u0000${g.tier}`, {
      agent_model: g.agent_model,
      tier: g.tier,
      runs: g.runs,
      zero_runs: g.zero_runs,
      excluded_empty_runs: 0,
      repeats: g.repeats,
      total_mismatches: g.total_mismatches,
      no_tokens: !(g.total > 0)
    });
  }
  for (const {agent_model, tier, runs} of excluded) {
    const key = `${agent_model}\u0000${tier}`;
    const group = byKey.get(key);
    if (group) group.excluded_empty_runs = runs;
    else {
      byKey.set(key, {
        agent_model,
        tier,
        runs: 0,
        zero_runs: 0,
        excluded_empty_runs: runs,
        repeats: 0,
        total_mismatches: 0,
        no_tokens: true
      });
    }
  }
  return Array.from(byKey.values()).sort((a, b) =>
    a.agent_model < b.agent_model ? -1 : a.agent_model > b.agent_model ? 1 : compareTiers(a.tier, b.tier)
  );
}

/** The build log's line for one file: rows read and empty cells per column. */
export function readLine(file: FileQuality, newGroups: number): string {
  const empty = Object.entries(file.emptyCells).filter(([, n]) => n > 0);
  const cells =
    empty.length === 0 ? "no empty cells" : `empty cells: ${empty.map(([column, n]) => `${column} ${n}`).join(", ")}`;
  return `read ${file.file}: ${file.rows} rows, ${newGroups} new groups, ${cells}`;
}

function countsLine(file: FileQuality): string {
  const parts = [];
  if (file.zeroRuns > 0) parts.push(`${plural(file.zeroRuns, "all-zero run")} kept`);
  if (file.excludedEmptyRuns > 0)
    parts.push(`${plural(file.excludedEmptyRuns, "all-zero run")} left out (--exclude-empty-runs)`);
  if (file.repeats > 0) parts.push(plural(file.repeats, "repeated run"));
  return parts.length > 0 ? `; ${parts.join(", ")}` : "";
}

export function totalMismatchWarning(file: FileQuality): string {
  return (
    `warning: ${file.file}: ${file.totalMismatches} of ${plural(file.totalTokensChecked, "row")} ` +
    `${file.totalMismatches === 1 ? "has" : "have"} a total_tokens ` +
    "that differs from the sum of the four token columns. The report uses the four columns; check whether the " +
    "harness counted cached tokens inside input_tokens."
  );
}

function repeatCheckWarning(maxRunKeys: number, unchecked: number): string {
  return (
    `warning: the repeat check stopped remembering run keys after ${maxRunKeys}; ${plural(unchecked, "later run")} ` +
    `with a new key ${unchecked === 1 ? "was" : "were"} not checked, so the repeat counts are a lower bound.`
  );
}

function plural(n: number, one: string): string {
  return `${n} ${one}${n === 1 ? "" : "s"}`;
}

function priceReport(
  file: PriceFile,
  source: string,
  models: string[],
  matchModel: (model: string, file: PriceFile) => PriceMatch
): PriceReport {
  const matches = models.map((model) => matchModel(model, file));
  return {
    source,
    as_of: file.as_of,
    cache_write_assumed: file.cache_write_assumed,
    sources: file.sources,
    notes: file.notes,
    models: file.models,
    unversioned: file.unversioned,
    matches,
    unpriced: matches.filter((m) => m.prices === null).map((m) => m.model)
  };
}

function logToStderr(message: string): void {
  process.stderr.write(`${message}\n`);
}

function elapsed(start: number): string {
  return `${Math.round(performance.now() - start)} ms`;
}
