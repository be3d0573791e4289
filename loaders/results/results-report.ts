// The part of the report that comes from raw agent results: every model of each run, by role.
import {basename} from "node:path";
import {performance} from "node:perf_hooks";
import type {Run} from "../read-runs.ts";
import type {PriceLookup} from "./model-cost.ts";
import {displayModelName} from "./model-names.ts";
import {readResultsDir, type LocatedResult} from "./read-results-dir.ts";
import {formatResultProblem, type ResultProblem} from "./result-problems.ts";
import {RoleAccumulator, resultsView, type ResultsView} from "./role-aggregate.ts";

/** What the report holds when it was built from results directories. */
export interface ResultsReport {
  directories: {dir: string; runs: number}[];
  /** Files left out with --skip-bad-results, each with the reason. */
  skipped: (ResultProblem & {text: string})[];
  /** How many runs had their main model found by each rule of model-roles.ts. */
  mainModelRules: Record<string, number>;
  /** One view for all experiments together (experiment null), then one per experiment when there are several. */
  views: ResultsView[];
}

export interface ResultsOptions {
  skipBad?: boolean;
  priceOf?: PriceLookup;
  log?: (message: string) => void;
}

/** The main model's tokens of a result as a row of a runs file would give them. */
export function runOfResult(result: LocatedResult): Run {
  const tokens = result.uses.find((u) => u.role === "main")!.tokens;
  return {
    experiment: result.experiment,
    agent_model: displayModelName(result.mainModel),
    tier: result.tier,
    subtest: result.subtest,
    run_number: result.run_number,
    passed: null,
    cost_usd: result.totalCostUSD,
    total_tokens: tokens.reduce((a, b) => a + b, 0),
    tokens: [...tokens]
  };
}

/**
 * Reads results directories, hands each run's main-model tokens to onRun (so that they join the
 * runs files' aggregation), and returns the all-model views. Throws a ResultFileError listing
 * every unreadable file unless skipBad is set.
 */
export async function readResultsReport(
  dirs: string[],
  onRun: (run: Run) => void,
  {skipBad = false, priceOf, log = () => {}}: ResultsOptions = {}
): Promise<ResultsReport> {
  const accumulator = new RoleAccumulator(priceOf);
  const report: ResultsReport = {directories: [], skipped: [], mainModelRules: {}, views: []};
  for (const dir of dirs) {
    const start = performance.now();
    const read = await readResultsDir(dir, {skipBad});
    for (const result of read.results) {
      onRun(runOfResult(result));
      accumulator.add(result);
      report.mainModelRules[result.mainModelRule] = (report.mainModelRules[result.mainModelRule] ?? 0) + 1;
    }
    for (const problem of read.skipped) {
      report.skipped.push({...problem, text: formatResultProblem(problem)});
      log(`skipped ${formatResultProblem(problem)}`);
    }
    report.directories.push({dir, runs: read.results.length});
    const skipped = read.skipped.length;
    const note = skipped > 0 ? `, ${skipped} unreadable file${skipped > 1 ? "s" : ""} skipped` : "";
    log(
      `read results ${basename(dir)}: ${read.results.length} runs${note} in ${Math.round(performance.now() - start)} ms`
    );
  }

  const groups = accumulator.groups();
  const experiments = Array.from(new Set(groups.map((g) => g.experiment))).sort();
  report.views = [
    resultsView(groups, null),
    ...(experiments.length > 1 ? experiments.map((e) => resultsView(groups, e)) : [])
  ];
  return report;
}
