// Writes every export of every figure: NAME.csv, .svg, .png, .pdf, .vl.json and _include.tex.
// The same report always gives the same bytes: nothing random, no clock.
import {mkdir, writeFile} from "node:fs/promises";
import {join} from "node:path";
import type {Report} from "../loaders/report.ts";
import {longTableCsv} from "../loaders/figure-files.ts";
import {roleLongCsv} from "../loaders/results/runs-columns.ts";
import {FIGURE_NAME} from "../src/components/token-distribution.ts";
import type {Palette} from "../src/components/palette.ts";
import {DEFAULT_EXPORT_PALETTE, figureData, figuresOf, type FigureDefinition} from "./figures.ts";
import {latexInclude} from "./latex.ts";
import {figurePdf} from "./pdf.ts";
import {figurePng} from "./png.ts";
import {figureSvg} from "./svg.ts";

/** The suffixes of the files each figure gets, in the order the page lists them. */
export const FIGURE_FILE_SUFFIXES = [".csv", ".svg", ".png", ".pdf", ".vl.json", "_include.tex"] as const;

export interface WriteFiguresOptions {
  palette?: Palette;
  /** The date the PDF records; by default SOURCE_DATE_EPOCH, else a fixed date. */
  date?: Date;
  figures?: FigureDefinition[];
}

export interface WrittenFile {
  path: string;
  bytes: number;
}

export async function writeFigures(
  report: Report,
  dir: string,
  options: WriteFiguresOptions = {}
): Promise<WrittenFile[]> {
  const {palette = DEFAULT_EXPORT_PALETTE, date = sourceDate(), figures = figuresOf(report)} = options;
  await mkdir(dir, {recursive: true});
  const written: WrittenFile[] = [];
  const write = async (name: string, content: string | Buffer) => {
    const path = join(dir, name);
    await writeFile(path, content);
    written.push({path, bytes: Buffer.byteLength(content)});
  };
  for (const figure of figures) {
    for (const [suffix, content] of await figureFiles(figure, report, palette, date)) await write(`${figure.name}${suffix}`, content);
  }
  // The by-role view splits bars by model role, not token type: its long table only, as CSV.
  if (report.results && options.figures === undefined) {
    await write(`${FIGURE_NAME}_by_role.csv`, roleLongCsv(report.results.views[0].byRole));
  }
  return written;
}

/** The contents of one figure's files, by suffix. */
export async function figureFiles(
  figure: FigureDefinition,
  report: Report,
  palette: Palette,
  date: Date
): Promise<[(typeof FIGURE_FILE_SUFFIXES)[number], string | Buffer][]> {
  const data = figureData(figure, report);
  const svg = figureSvg(figure.plotOptions(data, palette));
  const models = data.models.join(", ");
  return [
    [".csv", figure.csv?.(report) ?? longTableCsv(figure.rows(report))],
    [".svg", svg.text],
    [".png", figurePng(svg)],
    [".pdf", await figurePdf(svg, {title: figure.title, date})],
    [".vl.json", `${JSON.stringify(figure.vegaLite(data, palette), null, 2)}\n`],
    [
      "_include.tex",
      latexInclude({name: figure.name, title: figure.title, description: models && `Models: ${models}.`})
    ]
  ];
}

/**
 * The date written into files that want one: SOURCE_DATE_EPOCH (seconds since 1970) when it
 * is set, as reproducible-build tools do, else the start of 1970.
 */
export function sourceDate(env: NodeJS.ProcessEnv = process.env): Date {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch === undefined || epoch === "") return new Date(0);
  if (!/^\d+$/.test(epoch)) throw new Error(`SOURCE_DATE_EPOCH must be a whole number of seconds, not "${epoch}".`);
  return new Date(Number(epoch) * 1000);
}
