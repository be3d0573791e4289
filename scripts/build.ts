// Builds the report site: aggregates the runs files, renders the pages with Observable
// Framework into a fresh folder, writes the figure files beside them, and only then replaces
// the output folder. A failure at any step leaves the previous site as it was.
//
//   npm run build [-- --runs PATH [--runs PATH ...]] [--aggregates PATH ...] [--results DIR ...]
//                    [--skip-bad-results] [--exclude-empty-runs] [--prices PATH] [--out DIR]
import {spawnSync} from "node:child_process";
import {existsSync} from "node:fs";
import {mkdtemp, readdir, readFile, rename, rm, writeFile} from "node:fs/promises";
import {tmpdir} from "node:os";
import {dirname, join, resolve} from "node:path";
import {parseArgs} from "node:util";
import {performance} from "node:perf_hooks";
import {buildReport, type Report} from "../loaders/report.ts";
import {RunsFileError} from "../loaders/problems.ts";
import {ResultFileError} from "../loaders/results/result-problems.ts";
import {roleLongCsv} from "../loaders/results/runs-columns.ts";
import {ENV, runsPaths} from "../loaders/site-input.ts";
import {DEFAULT_PRICES_PATH, priceLookup, readPriceFile} from "../loaders/prices.ts";
import {FIGURE_NAME} from "../src/components/token-distribution.ts";
import {writeFigures} from "../export/write-figures.ts";

const USAGE =
  "usage: npm run build -- [--runs PATH]... [--aggregates PATH]... [--results DIR]... [--skip-bad-results] " +
  "[--exclude-empty-runs] [--prices PATH] [--out DIR]";

/** The aggregates files given, so that an error in one names the kind of file it is. */
const aggregatesFiles = new Set<string>();

async function main(): Promise<void> {
  const {values} = parseArgs({
    options: {
      runs: {type: "string", multiple: true},
      results: {type: "string", multiple: true},
      "skip-bad-results": {type: "boolean", default: false},
      aggregates: {type: "string", multiple: true},
      "exclude-empty-runs": {type: "boolean", default: false},
      prices: {type: "string"},
      out: {type: "string", default: "dist"},
      help: {type: "boolean", short: "h"}
    }
  });
  if (values.help) return void console.log(USAGE);

  const out = resolve(values.out!);
  const staging = `${out}.staging`;
  const results = values.results ?? [];
  const aggregates = values.aggregates ?? [];
  for (const path of aggregates) aggregatesFiles.add(path);
  const runs = values.runs ?? (results.length > 0 || aggregates.length > 0 ? [] : runsPaths());
  const excludeEmptyRuns = values["exclude-empty-runs"]!;
  const skipBadResults = values["skip-bad-results"]!;

  // Aggregate first: a bad runs file or price table stops the build before anything is written.
  let start = performance.now();
  const prices = await readPriceFile(values.prices ?? DEFAULT_PRICES_PATH);
  const pricesSource = values.prices ?? "data/prices.json";
  const report = await buildReport(runs, {
    excludeEmptyRuns,
    aggregates,
    results,
    skipBadResults,
    prices,
    pricesSource,
    priceOf: priceLookup(prices),
    log
  });
  if (report.prices.unpriced.length > 0) log(`no price for ${report.prices.unpriced.join(", ")}: left out of the cost numbers`);
  const reportDir = await mkdtemp(join(tmpdir(), "token-report-"));
  const reportPath = join(reportDir, "report.json");
  await writeFile(reportPath, JSON.stringify(report));
  log(`aggregated ${describeInputs(runs, results, aggregates)} in ${since(start)}`);
  try {
    await render(report, reportPath, runs, out, staging);
  } finally {
    await rm(reportDir, {recursive: true, force: true});
  }
}

// Renders the pages and the figure files into the staging folder, then swaps it in for out.
async function render(report: Report, reportPath: string, runs: string[], out: string, staging: string): Promise<void> {
  // Framework caches data loader output and reruns a loader only when its source changes, so
  // clear the cache: new runs must show up even when no source file changed.
  let start = performance.now();
  await clearLoaderCache("src/.observablehq/cache");
  await rm(staging, {recursive: true, force: true});
  const framework = spawnSync(process.execPath, [frameworkCli(), "build"], {
    stdio: ["ignore", "pipe", "inherit"],
    encoding: "utf8",
    env: {
      ...process.env,
      [ENV.json]: reportPath,
      [ENV.runs]: runs.join(":"),
      TOKEN_REPORT_OUT: staging,
      // The runs may be private: the build sends nothing anywhere, Framework's usage counts included.
      OBSERVABLE_TELEMETRY_DISABLE: process.env.OBSERVABLE_TELEMETRY_DISABLE ?? "true"
    }
  });
  process.stderr.write(framework.status === 0 ? frameworkSummary(framework.stdout) : framework.stdout);
  if (framework.status !== 0) throw new Error(`the site build failed (exit code ${framework.status}); ${out} was left as it was`);
  log(`rendered the site in ${since(start)}`);
  await declareLanguage(staging);

  // Framework copies only the files a page references in ways it can see; the figure files
  // are linked from code, so they are written into the rendered site here, at fixed names.
  start = performance.now();
  const written = await writeFigures(report, join(staging, "figures"));
  // The by-role view splits bars by model role, not token type: its long table only, as CSV.
  if (report.results) {
    await writeFile(join(staging, "figures", `${FIGURE_NAME}_by_role.csv`), roleLongCsv(report.results.views[0].byRole));
  }
  log(`wrote ${written.length} figure files to ${join(out, "figures")} in ${since(start)}`);

  await swapIn(staging, out);
  log(`built ${out}`);
}

function describeInputs(runs: string[], results: string[], aggregates: string[]): string {
  const parts: string[] = [];
  if (runs.length > 0) parts.push(`${runs.length} runs file${runs.length === 1 ? "" : "s"}`);
  if (aggregates.length > 0) parts.push(`${aggregates.length} aggregates file${aggregates.length === 1 ? "" : "s"}`);
  if (results.length > 0) parts.push(`${results.length} results director${results.length === 1 ? "y" : "ies"}`);
  return parts.join(" and ");
}

// Framework writes <html> without a language; the pages are in English, and screen readers
// pick their voice from this attribute.
async function declareLanguage(dir: string): Promise<void> {
  const pages = (await readdir(dir, {recursive: true})).filter((path) => path.endsWith(".html"));
  for (const page of pages) {
    const path = join(dir, page);
    await writeFile(path, (await readFile(path, "utf8")).replace(/<html>/, '<html lang="en">'));
  }
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
    // The problems of one file are listed; an aggregates file is named as one.
    const kind = aggregatesFiles.has(error.problems[0]?.file) ? "aggregates" : "runs";
    process.stderr.write(`error: the ${kind} file has problems, nothing was built\n${error.message}\n`);
  } else if (error instanceof ResultFileError) {
    process.stderr.write(`error: some agent result files could not be read, nothing was built\n${error.message}\n`);
  } else {
    process.stderr.write(`error: ${error instanceof Error ? error.message : error}\n`);
  }
  process.exitCode = 1;
});
