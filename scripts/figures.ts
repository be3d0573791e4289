// Writes the figure files (CSV, SVG, PNG, PDF, Vega-Lite, LaTeX) of a runs file without
// building the site, for pipelines that put the figures into a paper.
//
//   npm run figures -- --runs PATH [--runs PATH ...] [--out DIR] [--palette NAME] [--exclude-empty-runs]
import {existsSync} from "node:fs";
import {relative, resolve} from "node:path";
import {parseArgs} from "node:util";
import {buildReport} from "../loaders/report.ts";
import {RunsFileError} from "../loaders/problems.ts";
import {PALETTES, paletteNamed} from "../src/components/palette.ts";
import {writeFigures} from "../export/write-figures.ts";

const USAGE = `usage: npm run figures -- --runs PATH [--runs PATH]... [--out DIR] [--palette ${Object.keys(PALETTES).join("|")}] [--exclude-empty-runs]`;

async function main(): Promise<void> {
  const {values} = parseArgs({
    options: {
      runs: {type: "string", multiple: true},
      out: {type: "string", default: "figures"},
      palette: {type: "string", default: "accessible"},
      "exclude-empty-runs": {type: "boolean", default: false},
      help: {type: "boolean", short: "h"}
    }
  });
  if (values.help) return void console.log(USAGE);
  if (!values.runs?.length) throw new UsageError(`Name at least one runs file with --runs PATH.\n${USAGE}`);
  if (!(values.palette! in PALETTES))
    throw new UsageError(`Unknown palette "${values.palette}"; use one of: ${Object.keys(PALETTES).join(", ")}.`);

  const missing = values.runs.find((path) => !existsSync(path));
  if (missing) throw new UsageError(`The runs file ${missing} does not exist; check the path given to --runs.`);

  const report = await buildReport(values.runs, {excludeEmptyRuns: values["exclude-empty-runs"]});
  const out = resolve(values.out!);
  const written = await writeFigures(report, out, {palette: paletteNamed(values.palette!)});
  for (const {path, bytes} of written)
    console.log(`${relative(process.cwd(), path) || path}  ${bytes.toLocaleString("en-US")} bytes`);
}

class UsageError extends Error {}

main().catch((error) => {
  if (error instanceof RunsFileError) {
    process.stderr.write(`error: the runs file has problems, no figure was written\n${error.message}\n`);
  } else {
    process.stderr.write(`error: ${error instanceof Error ? error.message : error}\n`);
  }
  process.exitCode = 1;
});
