import {basename} from "node:path";
import {performance} from "node:perf_hooks";
import {RunAccumulator} from "./accumulate.ts";
import {groupRows, longTable, mergeExperiments, type GroupRow, type LongRow} from "./aggregate.ts";
import {readAggregatesFile} from "./read-aggregates.ts";
import {readRunsFile, type FileStats} from "./read-runs.ts";
import {sortTiers} from "./tier-order.ts";

/** The numbers of the report for one choice of experiment (null: all experiments together). */
export interface ReportView {
  experiment: string | null;
  groups: GroupRow[];
  long: LongRow[];
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
}

export interface ReportOptions {
  excludeEmptyRuns?: boolean;
  /** Aggregates files (see sql/aggregates.sql) to add to the runs files. */
  aggregates?: string[];
  /** Where progress lines go; the default writes them to stderr, as a data loader must. */
  log?: (message: string) => void;
}

/** Reads the runs files one after another, concatenated on the union of their columns. */
export async function buildReport(paths: string[], options: ReportOptions = {}): Promise<Report> {
  const {excludeEmptyRuns = false, aggregates = [], log = logToStderr} = options;
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

  for (const path of aggregates) {
    const start = performance.now();
    const {groups, stats} = await readAggregatesFile(path);
    groups.forEach(accumulator.addGroup);
    sources.push(stats);
    log(`read ${basename(path)}: ${groups.length} aggregated groups of ${stats.rows} runs in ${elapsed(start)}`);
  }

  const start = performance.now();
  const groups = accumulator.groups();
  const experiments = Array.from(new Set(groups.map((g) => g.experiment))).sort();
  const view = (experiment: string | null): ReportView => {
    const rows = groupRows(mergeExperiments(groups, experiment ?? undefined));
    return {experiment, groups: rows, long: longTable(rows)};
  };
  const views = [view(null), ...(experiments.length > 1 ? experiments.map(view) : [])];
  log(`aggregated ${groups.length} groups into ${views.length} view${views.length > 1 ? "s" : ""} in ${elapsed(start)}`);

  return {
    sources,
    models: Array.from(new Set(groups.map((g) => g.agent_model))).sort(),
    tiers: sortTiers(groups.map((g) => g.tier)),
    experiments,
    excludedEmptyRuns: accumulator.excludedEmptyRuns,
    options: {excludeEmptyRuns},
    views
  };
}

function logToStderr(message: string): void {
  process.stderr.write(`${message}\n`);
}

function elapsed(start: number): string {
  return `${Math.round(performance.now() - start)} ms`;
}
