// Writes a runs file from raw agent results, with the harness's columns and the tokens of the
// other models of each run by role.
//
//   npm run runs -- --results DIR [--results DIR ...] [--out runs.csv] [--experiment NAME] [--skip-bad-results]
import {rename, writeFile} from "node:fs/promises";
import {parseArgs} from "node:util";
import {readResultsDir, type LocatedResult} from "../loaders/results/read-results-dir.ts";
import {formatResultProblem, ResultFileError} from "../loaders/results/result-problems.ts";
import {runsCsv} from "../loaders/results/runs-columns.ts";

const USAGE =
  "usage: npm run runs -- --results DIR [--results DIR]... [--out PATH] [--experiment NAME] [--skip-bad-results]";

async function main(): Promise<void> {
  const {values} = parseArgs({
    options: {
      results: {type: "string", multiple: true},
      out: {type: "string"},
      experiment: {type: "string"},
      "skip-bad-results": {type: "boolean", default: false},
      help: {type: "boolean", short: "h"}
    }
  });
  if (values.help) return void console.log(USAGE);
  if (!values.results?.length) throw new Error(`Name at least one results directory with --results.\n${USAGE}`);

  // Read every directory first: a bad file stops the script before anything is written.
  const results: LocatedResult[] = [];
  for (const dir of values.results) {
    const read = await readResultsDir(dir, {skipBad: values["skip-bad-results"], experiment: values.experiment});
    for (const problem of read.skipped) log(`skipped ${formatResultProblem(problem)}`);
    log(
      `read ${dir}: ${read.results.length} runs${read.skipped.length ? `, ${read.skipped.length} unreadable file${read.skipped.length > 1 ? "s" : ""} skipped` : ""}`
    );
    results.push(...read.results);
  }

  // Write to a temporary file and rename it, so a reader never sees half a file.
  const csv = runsCsv(results);
  if (values.out === undefined) return void process.stdout.write(csv);
  await writeFile(`${values.out}.partial`, csv);
  await rename(`${values.out}.partial`, values.out);
  log(`wrote ${results.length} runs to ${values.out}`);
}

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

main().catch((error) => {
  const intro =
    error instanceof ResultFileError
      ? "error: some agent result files could not be read, nothing was written\n"
      : "error: ";
  process.stderr.write(`${intro}${error instanceof Error ? error.message : error}\n`);
  process.exitCode = 1;
});
