// Reads a results directory as the harness lays it out:
//   <tier>/<subtest>/run_<NN>/agent/result.json
// The tier and subtest come from the path; the experiment is the directory's own name.
import {readdir, readFile} from "node:fs/promises";
import {basename, join, relative, resolve, sep} from "node:path";
import {checkInputPath} from "../input-paths.ts";
import {compareTiers} from "../tier-order.ts";
import {readResult, type AgentResult} from "./read-result.ts";
import {ResultFileError, type ResultProblem} from "./result-problems.ts";

/** An agent run with its place in the results directory. */
export interface LocatedResult extends AgentResult {
  experiment: string;
  tier: string;
  subtest: string;
  /** The run's number without the leading zeros of the folder name: run_01 is "1". */
  run_number: string;
}

export interface ResultsRead {
  dir: string;
  results: LocatedResult[];
  /** Files left out because they could not be read (only with skipBad). */
  skipped: ResultProblem[];
}

export interface ReadResultsOptions {
  /** Leave unreadable files out and list them, instead of stopping with a ResultFileError. */
  skipBad?: boolean;
  /** The experiment name of every run; defaults to the directory's name. */
  experiment?: string;
}

const LAYOUT = /^([^/]+)\/([^/]+)\/run_(\d+)\/agent\/result\.json$/;

/** Reads every result file of a directory, in path order. */
export async function readResultsDir(
  dir: string,
  {skipBad = false, experiment}: ReadResultsOptions = {}
): Promise<ResultsRead> {
  const root = resolve(dir);
  const files = (await listResultFiles(root, dir)).sort(compareResultPaths);
  if (files.length === 0) {
    throw new Error(`${dir}: no result files found; expected <tier>/<subtest>/run_<NN>/agent/result.json below it`);
  }

  const results: LocatedResult[] = [];
  const problems: ResultProblem[] = [];
  for (const file of files) {
    const path = join(dir, file);
    const place = LAYOUT.exec(file.split(sep).join("/"));
    if (place === null) {
      problems.push({
        file: path,
        where: null,
        message: "not in the layout <tier>/<subtest>/run_<NN>/agent/result.json"
      });
      continue;
    }
    const outcome = readResult(path, await readFile(join(root, file), "utf8"));
    if ("problem" in outcome) {
      problems.push(outcome.problem);
      continue;
    }
    const [, tier, subtest, run] = place;
    results.push({
      ...outcome.result,
      experiment: experiment ?? basename(root),
      tier,
      subtest,
      run_number: String(Number(run))
    });
  }

  if (problems.length > 0 && !skipBad) throw new ResultFileError(problems);
  return {dir, results, skipped: problems};
}

// Tier order for the tier folder (T2 before T10), then subtest and run number as numbers where they are.
function compareResultPaths(a: string, b: string): number {
  const [tierA, ...restA] = a.split(sep);
  const [tierB, ...restB] = b.split(sep);
  return compareTiers(tierA, tierB) || restA.join("/").localeCompare(restB.join("/"), "en", {numeric: true});
}

// Every file named result.json inside a folder named agent, as paths relative to root; name is
// root as the user gave it.
async function listResultFiles(root: string, name: string): Promise<string[]> {
  await checkInputPath(root, name, "results");
  const entries = await readdir(root, {recursive: true, withFileTypes: true});
  return entries
    .filter((e) => e.isFile() && e.name === "result.json" && basename(e.parentPath) === "agent")
    .map((e) => relative(root, join(e.parentPath, e.name)));
}
