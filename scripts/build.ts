// Builds the report site: aggregates the runs files, renders the pages with Observable
// Framework into a fresh folder, writes the figure files beside them, and only then replaces
// the output folder. A failure at any step leaves the previous site as it was.
//
//   npm run build [-- --runs PATH [--runs PATH ...]] [--aggregates PATH ...] [--exclude-empty-runs] [--out DIR]
import {spawnSync} from "node:child_process";
import {existsSync} from "node:fs";
import {mkdir, mkdtemp, readdir, rename, rm, writeFile} from "node:fs/promises";
import {tmpdir} from "node:os";
import {dirname, join, resolve} from "node:path";
import {parseArgs} from "node:util";
import {performance} from "node:perf_hooks";
import {buildReport} from "../loaders/report.ts";
import {RunsFileError} from "../loaders/problems.ts";
import {ENV, runsPaths} from "../loaders/site-input.ts";
import {longTableCsv} from "../loaders/figure-files.ts";
import {FIGURE_NAME} from "../src/components/token-distribution.ts";

const USAGE = "usage: npm run build -- [--runs PATH]... [--aggregates PATH]... [--exclude-empty-runs] [--out DIR]";

async function main(): Promise<void> {
  const {values} = parseArgs({
    options: {
      runs: {type: "string", multiple: true},
      aggregates: {type: "string", multiple: true},
      "exclude-empty-runs": {type: "boolean", default: false},
      out: {type: "string", default: "dist"},
      help: {type: "boolean", short: "h"}
    }
  });
  if (values.help) return void console.log(USAGE);

  const out = resolve(values.out!);
  const staging = `${out}.staging`;
  const aggregates = values.aggregates ?? [];
  const runs = values.runs ?? (aggregates.length > 0 ? [] : runsPaths());
  const excludeEmptyRuns = values["exclude-empty-runs"]!;

  // Aggregate first: a bad runs file stops the build before anything is written.
  let start = performance.now();
  const report = await buildReport(runs, {excludeEmptyRuns, aggregates, log});
  const reportPath = join(await mkdtemp(join(tmpdir(), "token-report-")), "report.json");
  await writeFile(reportPath, JSON.stringify(report));
  const inputs = runs.length + aggregates.length;
  log(`aggregated ${inputs} input file${inputs > 1 ? "s" : ""} in ${since(start)}`);

  // Framework caches data loader output and reruns a loader only when its source changes, so
  // clear the cache: new runs must show up even when no source file changed.
  start = performance.now();
  await clearLoaderCache("src/.observablehq/cache");
  await rm(staging, {recursive: true, force: true});
  const framework = spawnSync(process.execPath, [frameworkCli(), "build"], {
    stdio: ["ignore", "pipe", "inherit"],
    encoding: "utf8",
    env: {
      ...process.env,
      [ENV.json]: reportPath,
      [ENV.runs]: runs.join(":"),
      TOKEN_REPORT_OUT: staging
    }
  });
  process.stderr.write(framework.status === 0 ? frameworkSummary(framework.stdout) : framework.stdout);
  if (framework.status !== 0) throw new Error(`the site build failed (exit code ${framework.status}); ${out} was left as it was`);
  log(`rendered the site in ${since(start)}`);

  start = performance.now();
  const figures = join(staging, "figures");
  await mkdir(figures, {recursive: true});
  await writeFile(join(figures, `${FIGURE_NAME}.csv`), longTableCsv(report.views[0].long));
  log(`wrote figure files to ${join(out, "figures")} in ${since(start)}`);

  await swapIn(staging, out);
  log(`built ${out}`);
}

async function swapIn(staging: string, out: string): Promise<void> {
  const old = `${out}.old`;
  await rm(old, {recursive: true, force: true});
  if (existsSync(out)) await rename(out, old);
  await rename(staging, out);
  await rm(old, {recursive: true, force: true});
}

// Removes cached data loader output; the bundles of npm packages (_node, _npm) stay.
async function clearLoaderCache(cache: string): Promise<void> {
  const entries = await readdir(cache).catch(() => [] as string[]);
  for (const entry of entries) {
    if (!entry.startsWith("_")) await rm(join(cache, entry), {recursive: true, force: true});
  }
}

function frameworkCli(): string {
  return join(dirname(new URL(import.meta.resolve("@observablehq/framework/package.json")).pathname), "dist/bin/observable.js");
}

// Framework prints a line per file it copies or bundles; keep its warnings and its page summary.
function frameworkSummary(output: string): string {
  const plain = output.replace(/\u001b\[[0-9;]*m/g, "");
  return plain
    .split("\n")
    .filter((line) => /warn|error|^[┌├└│]/i.test(line))
    .map((line) => `${line}\n`)
    .join("");
}

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

function since(start: number): string {
  return `${Math.round(performance.now() - start)} ms`;
}

main().catch((error) => {
  if (error instanceof RunsFileError) {
    process.stderr.write(`error: the runs file has problems, nothing was built\n${error.message}\n`);
  } else {
    process.stderr.write(`error: ${error instanceof Error ? error.message : error}\n`);
  }
  process.exitCode = 1;
});
