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
import {countedOnceText, otherExperimentText} from "../src/components/results-overlap.ts";
import type {PriceFile, PriceMatch} from "./prices.ts";
import {readAggregatesFile} from "./read-aggregates.ts";
import type {FileStats, Run} from "./read-runs.ts";
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
  /** Present when results directories were read: their runs that a runs file also gave. */
  resultsOverlap?: ResultsOverlap;
}

/** Runs of the results directories that match runs of the runs files. */
export interface ResultsOverlap {
  /** Same experiment, model, tier, subtest and run number as a runs file's run: left out of the means. */
  countedOnce: number;
  /** Same model, tier, subtest and run number under another experiment name: kept in the means. */
  otherExperiment: number;
  /** The runs files' experiments those runs match. */
  otherExperiments: string[];
}

/**
 * One input: rows read, empty cells per column, and what was counted while reading it. An
 * aggregates file gives sums only, so its runs are not checked one by one; the rows of a results
 * directory are its runs.
 */
export interface FileQuality {
  kind: "runs" | "aggregates" | "results";
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
  /** Runs from aggregates files, whose tokens were not checked run by run (all-zero runs, repeats). */
  unchecked_runs: number;
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
  // An aggregates file holds sums only: its runs cannot be checked one by one.
  const aggregatedRuns = new Map<string, number>();
  for (const path of aggregates) {
    const start = performance.now();
    const before = {...accumulator.counts};
    const {groups, stats} = await readAggregatesFile(path);
    groups.forEach(accumulator.addGroup);
    for (const g of groups) {
      const key = groupKey(g.agent_model, g.tier);
      aggregatedRuns.set(key, (aggregatedRuns.get(key) ?? 0) + g.runs);
    }
    sources.push(stats);
    files.push({...fileQuality(stats, before, accumulator.counts), kind: "aggregates"});
    log(`read ${path}: ${groups.length} aggregated groups of ${stats.rows} runs (${elapsed(start)})`);
  }

  // Raw results give the main model's tokens to the same aggregation as the runs files, except
  // for a run that a runs file already holds.
  let results: ResultsReport | undefined;
  let resultsOverlap: ResultsOverlap | undefined;
  if (resultsDirs.length > 0) {
    const runs: Run[] = [];
    results = await (await later)[1]!.readResultsReport(resultsDirs, (run) => runs.push(run), {skipBad: skipBadResults, priceOf, log});
    resultsOverlap = addResultRuns(accumulator, runs, results, files, log);
  }

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
      groups: groupQuality(views[0].groups, accumulator.excluded(), aggregatedRuns),
      ...(resultsOverlap ? {resultsOverlap} : {}),
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

/**
 * Adds the main-model runs of the results directories to the accumulator, directory by
 * directory, each with a row of the data-quality table. A run whose experiment, model, tier,
 * subtest and run number a runs file already gave is the same run: it is counted once, from the
 * runs file. Runs that match a runs file's run under another experiment's name are added and
 * counted, since they may be other runs.
 */
function addResultRuns(
  accumulator: RunAccumulator,
  runs: Run[],
  results: ResultsReport,
  files: FileQuality[],
  log: (message: string) => void
): ResultsOverlap {
  const overlap: ResultsOverlap = {countedOnce: 0, otherExperiment: 0, otherExperiments: []};
  const others = new Set<string>();
  // Looked up before any is added, so that only the runs files' runs are found.
  const found = runs.map((run) =>
    run.subtest !== null && run.run_number !== null
      ? accumulator.experimentsWithRun(run.agent_model, run.tier, run.subtest, run.run_number)
      : []
  );
  let next = 0;
  for (const {dir, runs: count} of results.directories) {
    const before = {...accumulator.counts};
    for (const end = next + count; next < end; next++) {
      const experiments = found[next];
      if (experiments.includes(runs[next].experiment)) {
        overlap.countedOnce++;
        continue;
      }
      if (experiments.length > 0) {
        overlap.otherExperiment++;
        for (const experiment of experiments) others.add(experiment);
      }
      accumulator.add(runs[next]);
    }
    const stats: FileStats = {file: dir, rows: count, columns: [], emptyCells: {}};
    files.push({...fileQuality(stats, before, accumulator.counts), kind: "results"});
  }
  overlap.otherExperiments = Array.from(others).sort();
  if (overlap.countedOnce > 0) log(countedOnceText(overlap));
  if (overlap.otherExperiment > 0) log(`warning: ${otherExperimentText(overlap)}`);
  return overlap;
}

function groupKey(agent_model: string, tier: string): string {
  return `${agent_model}\u0000${tier}`;
}

// What one file added to the counts.
function fileQuality(stats: FileStats, before: RunCounts, after: RunCounts): FileQuality {
  return {
    kind: "runs",
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

function groupQuality(rows: GroupRow[], excluded: ExcludedRuns[], aggregatedRuns: Map<string, number>): GroupQuality[] {
  const byKey = new Map<string, GroupQuality>();
  for (const g of rows) {
    const key = groupKey(g.agent_model, g.tier);
    byKey.set(key, {
      agent_model: g.agent_model,
      tier: g.tier,
      runs: g.runs,
      unchecked_runs: aggregatedRuns.get(key) ?? 0,
      zero_runs: g.zero_runs,
      excluded_empty_runs: 0,
      repeats: g.repeats,
      total_mismatches: g.total_mismatches,
      no_tokens: !(g.total > 0)
    });
  }
  for (const {agent_model, tier, runs} of excluded) {
    const key = groupKey(agent_model, tier);
    const group = byKey.get(key);
    if (group) group.excluded_empty_runs = runs;
    else {
      byKey.set(key, {
        agent_model,
        tier,
        runs: 0,
        unchecked_runs: 0,
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
