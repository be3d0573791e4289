// Writes the figure files (CSV, SVG, PNG, PDF, Vega-Lite, LaTeX) of runs files, aggregates files
// or raw agent results without building the site, for pipelines that put the figures into a paper.
// It reads the inputs the build reads, data/ included when none is named.
//
//   npm run figures -- [--runs PATH]... [--aggregates PATH]... [--results DIR]... [--skip-bad-results]
//                      [--exclude-empty-runs] [--prices PATH] [--out DIR] [--palette NAME]
import {relative, resolve} from "node:path";
import {parseArgs} from "node:util";
import {PALETTES, paletteNamed} from "../src/components/palette.ts";
import {writeFigures} from "../export/write-figures.ts";
import {INPUT_OPTIONS, INPUT_USAGE, inputErrorText, readInputs} from "./report-inputs.ts";

const USAGE = `usage: npm run figures -- ${INPUT_USAGE} [--out DIR] [--palette ${Object.keys(PALETTES).join("|")}]`;

async function main(): Promise<void> {
  const {values} = parseArgs({
    options: {
      ...INPUT_OPTIONS,
      out: {type: "string", default: "figures"},
      palette: {type: "string", default: "accessible"},
      help: {type: "boolean", short: "h"}
    }
  });
  if (values.help) return void console.log(USAGE);
  if (!(values.palette! in PALETTES)) {
    throw new Error(`Unknown palette "${values.palette}"; use one of: ${Object.keys(PALETTES).join(", ")}.`);
  }

  const {report} = await readInputs(values);
  const written = await writeFigures(report, resolve(values.out!), {palette: paletteNamed(values.palette!)});
  for (const {path, bytes} of written) console.log(`${relative(process.cwd(), path) || path}  ${bytes.toLocaleString("en-US")} bytes`);
}

main().catch((error) => {
  process.stderr.write(inputErrorText(error, "no figure was written"));
  process.exitCode = 1;
});
