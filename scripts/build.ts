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
import type {Report} from "../loaders/report.ts";
import {ENV} from "../loaders/site-input.ts";
import {writeFigures} from "../export/write-figures.ts";
import {INPUT_OPTIONS, INPUT_USAGE, inputErrorText, readInputs} from "./report-inputs.ts";

const USAGE = `usage: npm run build -- ${INPUT_USAGE} [--out DIR]`;

async function main(): Promise<void> {
  const {values} = parseArgs({
    options: {...INPUT_OPTIONS, out: {type: "string", default: "dist"}, help: {type: "boolean", short: "h"}}
  });
  if (values.help) return void console.log(USAGE);

  const out = resolve(values.out!);
  const staging = `${out}.staging`;

  // Aggregate first: a bad runs file or price table stops the build before anything is written.
  const start = performance.now();
  const {runs, aggregates, results, report} = await readInputs(values, log);
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
  process.stderr.write(inputErrorText(error, "nothing was built"));
  process.exitCode = 1;
});
