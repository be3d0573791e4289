import {basename} from "node:path";
import {performance} from "node:perf_hooks";
import {RunAccumulator} from "./accumulate.ts";
import {groupRows, longTable, mergeExperiments, type GroupRow, type LongRow} from "./aggregate.ts";
import {costLongTable, costRows, type CostLongRow, type CostRow} from "./cost.ts";
import {matchModel, readPriceFile, type PriceFile, type PriceMatch} from "./prices.ts";
import {readRunsFile, type FileStats} from "./read-runs.ts";
import {checkRules, evaluateTierChecks, type CheckFinding, type CheckRule} from "./tier-checks.ts";
import {SMALL_SAMPLE_RUNS, TIER_CHECKS} from "./tier-checks-config.ts";
import {sortTiers} from "./tier-order.ts";

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

/** A group row marked when it has fewer runs than the small-sample threshold. */
export interface ViewGroupRow extends GroupRow {
  small_sample: boolean;
}

/** A long-table row with its group's cache rates and small-sample mark, for the figure's tooltip. */
export interface ViewLongRow extends LongRow {
  cache_efficiency: number | null;
  cache_hit_rate: number | null;
  small_sample: boolean;
}

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
  options: {excludeEmptyRuns: boolean};
  views: ReportView[];
  prices: PriceReport;
  /** Groups with fewer runs than this carry a small-sample mark. */
  smallSampleRuns: number;
  checkRules: CheckRule[];
  /** The thresholds of the tier checks, as configured. */
  checkConfig: typeof TIER_CHECKS;
}

export interface ReportOptions {
  excludeEmptyRuns?: boolean;
  /** The price table; the default is data/prices.json. */
  prices?: PriceFile;
  /** Where the price table came from, as the page names it. */
  pricesSource?: string;
  /** Where progress lines go; the default writes them to stderr, as a data loader must. */
  log?: (message: string) => void;
}

/** Reads the runs files one after another, concatenated on the union of their columns. */
export async function buildReport(paths: string[], options: ReportOptions = {}): Promise<Report> {
  const {excludeEmptyRuns = false, log = logToStderr} = options;
  const accumulator = new RunAccumulator({excludeEmptyRuns});
  const sources: FileStats[] = [];
  for (const path of paths) {
    const start = performance.now();
    const before = accumulator.groups().length;
    const stats = await readRunsFile(path, accumulator.add, {name: path});
    sources.push(stats);
    const empty = Object.values(stats.emptyCells).reduce((a, b) => a + b, 0);
    log(
      `read ${basename(path)}: ${stats.rows} rows, ${accumulator.groups().length - before} new groups, ` +
        `${empty} empty cells in ${elapsed(start)}`
    );
  }

  const start = performance.now();
  const groups = accumulator.groups();
  const experiments = Array.from(new Set(groups.map((g) => g.experiment))).sort();
  const models = Array.from(new Set(groups.map((g) => g.agent_model))).sort();
  const prices = priceReport(options.prices ?? (await readPriceFile()), options.pricesSource ?? "data/prices.json", models);
  const matches = new Map(prices.matches.map((m) => [m.model, m]));
  const view = (experiment: string | null): ReportView => {
    const sums = mergeExperiments(groups, experiment ?? undefined);
    const rows = groupRows(sums);
    const costs = costRows(rows, sums, matches, SMALL_SAMPLE_RUNS);
    return {
      experiment,
      groups: rows.map((r) => ({...r, small_sample: r.runs < SMALL_SAMPLE_RUNS})),
      long: withGroupRates(longTable(rows), rows),
      costs,
      costLong: costLongTable(costs, rows),
      checks: evaluateTierChecks(rows, costs)
    };
  };
  const views = [view(null), ...(experiments.length > 1 ? experiments.map(view) : [])];
  log(`aggregated ${groups.length} groups into ${views.length} view${views.length > 1 ? "s" : ""} in ${elapsed(start)}`);

  return {
    sources,
    models,
    tiers: sortTiers(groups.map((g) => g.tier)),
    experiments,
    excludedEmptyRuns: accumulator.excludedEmptyRuns,
    options: {excludeEmptyRuns},
    views,
    prices,
    smallSampleRuns: SMALL_SAMPLE_RUNS,
    checkRules: checkRules(),
    checkConfig: TIER_CHECKS
  };
}

function priceReport(file: PriceFile, source: string, models: string[]): PriceReport {
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

// Gives each long-table row its group's cache rates and small-sample mark.
function withGroupRates(long: LongRow[], rows: GroupRow[]): ViewLongRow[] {
  const byGroup = new Map(rows.map((r) => [`${r.agent_model}\u0000${r.tier}`, r]));
  return long.map((d) => {
    const group = byGroup.get(`${d.agent_model}\u0000${d.tier}`)!;
    return {
      ...d,
      cache_efficiency: group.cache_efficiency,
      cache_hit_rate: group.cache_hit_rate,
      small_sample: group.runs < SMALL_SAMPLE_RUNS
    };
  });
}

function logToStderr(message: string): void {
  process.stderr.write(`${message}\n`);
}

function elapsed(start: number): string {
  return `${Math.round(performance.now() - start)} ms`;
}
