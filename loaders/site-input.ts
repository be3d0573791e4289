import {readdirSync} from "node:fs";
import {readFile} from "node:fs/promises";
import {join, resolve} from "node:path";
import {DEFAULT_PRICES_PATH, priceLookup, readPriceFile} from "./prices.ts";
import {buildReport, type Report} from "./report.ts";

/** The folder of runs files a build uses when it is given none. */
export const DEFAULT_DATA_DIR = "data";

/**
 * Environment variables that tell the data loaders what to read. The build script sets them;
 * they can also be set by hand for `npm run dev`.
 * - TOKEN_REPORT_RUNS: runs files, separated by the platform's path delimiter (":" here)
 * - TOKEN_REPORT_JSON: a report the build script already computed, passed through unchanged
 * - TOKEN_REPORT_EXCLUDE_EMPTY_RUNS: "1" to leave out runs whose four token counts are zero
 * - TOKEN_REPORT_RESULTS: results directories of raw agent results, separated like the runs files
 * - TOKEN_REPORT_SKIP_BAD_RESULTS: "1" to leave out result files that cannot be read
 * - TOKEN_REPORT_PRICES: a price table to use instead of data/prices.json
 */
export const ENV = {
  runs: "TOKEN_REPORT_RUNS",
  json: "TOKEN_REPORT_JSON",
  excludeEmptyRuns: "TOKEN_REPORT_EXCLUDE_EMPTY_RUNS",
  results: "TOKEN_REPORT_RESULTS",
  skipBadResults: "TOKEN_REPORT_SKIP_BAD_RESULTS",
  prices: "TOKEN_REPORT_PRICES"
} as const;

/** The runs files named in the environment, or every .csv file of data/. */
export function runsPaths(env: NodeJS.ProcessEnv = process.env, root = process.cwd()): string[] {
  const listed = env[ENV.runs];
  if (listed) return listed.split(process.platform === "win32" ? ";" : ":").filter(Boolean);
  const dir = resolve(root, DEFAULT_DATA_DIR);
  return readdirSync(dir)
    .filter((name) => name.endsWith(".csv"))
    .sort()
    .map((name) => join(DEFAULT_DATA_DIR, name));
}

/** The report for the site: the precomputed one if the build gave it, else computed here. */
export async function siteReport(env: NodeJS.ProcessEnv = process.env): Promise<Report> {
  const precomputed = env[ENV.json];
  if (precomputed) return JSON.parse(await readFile(precomputed, "utf8")) as Report;
  const results = env[ENV.results]?.split(process.platform === "win32" ? ";" : ":").filter(Boolean) ?? [];
  const pricesPath = env[ENV.prices];
  const prices = await readPriceFile(pricesPath ?? DEFAULT_PRICES_PATH);
  return buildReport(results.length > 0 && !env[ENV.runs] ? [] : runsPaths(env), {
    excludeEmptyRuns: env[ENV.excludeEmptyRuns] === "1",
    results,
    skipBadResults: env[ENV.skipBadResults] === "1",
    prices,
    pricesSource: pricesPath ?? "data/prices.json",
    priceOf: priceLookup(prices)
  });
}
