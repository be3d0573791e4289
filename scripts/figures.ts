// Writes the figure files (CSV, SVG, PNG, PDF, Vega-Lite, LaTeX) of runs files, aggregates files
// or raw agent results without building the site, for pipelines that put the figures into a paper.
//
//   npm run figures -- [--runs PATH]... [--aggregates PATH]... [--results DIR]... [--skip-bad-results]
//                      [--prices PATH] [--out DIR] [--palette NAME] [--exclude-empty-runs]
import {existsSync} from "node:fs";
import {relative, resolve} from "node:path";
import {parseArgs} from "node:util";
import {buildReport} from "../loaders/report.ts";
import {RunsFileError} from "../loaders/problems.ts";
import {DEFAULT_PRICES_PATH, priceLookup, readPriceFile} from "../loaders/prices.ts";
import {ResultFileError} from "../loaders/results/result-problems.ts";
import {PALETTES, paletteNamed} from "../src/components/palette.ts";
import {writeFigures} from "../export/write-figures.ts";

const USAGE =
  "usage: npm run figures -- [--runs PATH]... [--aggregates PATH]... [--results DIR]... [--skip-bad-results] " +
  `[--prices PATH] [--out DIR] [--palette ${Object.keys(PALETTES).join("|")}] [--exclude-empty-runs]`;

async function main(): Promise<void> {
  const {values} = parseArgs({
    options: {
      runs: {type: "string", multiple: true},
      aggregates: {type: "string", multiple: true},
      results: {type: "string", multiple: true},
      "skip-bad-results": {type: "boolean", default: false},
      prices: {type: "string"},
      out: {type: "string", default: "figures"},
      palette: {type: "string", default: "accessible"},
      "exclude-empty-runs": {type: "boolean", default: false},
      help: {type: "boolean", short: "h"}
    }
  });
  if (values.help) return void console.log(USAGE);
  const runs = values.runs ?? [];
  const aggregates = values.aggregates ?? [];
  const results = values.results ?? [];
  if (runs.length + aggregates.length + results.length === 0) {
    throw new UsageError(`Name at least one runs file (--runs PATH), aggregates file (--aggregates PATH) or results directory (--results DIR).\n${USAGE}`);
  }
  if (!(values.palette! in PALETTES))
    throw new UsageError(`Unknown palette "${values.palette}"; use one of: ${Object.keys(PALETTES).join(", ")}.`);

  for (const [option, paths] of [["--runs", runs], ["--aggregates", aggregates], ["--results", results]] as const) {
    const missing = paths.find((path) => !existsSync(path));
    if (missing) throw new UsageError(`${missing} does not exist; check the path given to ${option}.`);
  }

  const prices = await readPriceFile(values.prices ?? DEFAULT_PRICES_PATH);
  const report = await buildReport(runs, {
    excludeEmptyRuns: values["exclude-empty-runs"],
    aggregates,
    results,
    skipBadResults: values["skip-bad-results"],
    prices,
    pricesSource: values.prices ?? "data/prices.json",
    priceOf: priceLookup(prices)
  });
  const out = resolve(values.out!);
  const written = await writeFigures(report, out, {palette: paletteNamed(values.palette!)});
  for (const {path, bytes} of written)
    console.log(`${relative(process.cwd(), path) || path}  ${bytes.toLocaleString("en-US")} bytes`);
}

class UsageError extends Error {}

main().catch((error) => {
  if (error instanceof RunsFileError) {
    process.stderr.write(`error: an input file has problems, no figure was written\n${error.message}\n`);
  } else if (error instanceof ResultFileError) {
    process.stderr.write(`error: some agent result files could not be read, no figure was written\n${error.message}\n`);
  } else {
    process.stderr.write(`error: ${error instanceof Error ? error.message : error}\n`);
  }
  process.exitCode = 1;
});
