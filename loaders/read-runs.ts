import {createReadStream} from "node:fs";
import {readFile} from "node:fs/promises";
import {finished} from "node:stream/promises";
import {CsvError, parse} from "csv-parse";
import {REQUIRED_COLUMNS, TOKEN_KEYS} from "./token-types.ts";
import {RunsFileError, type Problem, ProblemList} from "./problems.ts";
import {checkInputPath} from "./input-paths.ts";
import {isBlank, isMistake, parseCost, parsePassed, parseText, parseTokenCount, type Mistake} from "./parse-cells.ts";
import {CsvSyntaxError, tokenizeFile, type CsvRow} from "./csv-tokenizer.ts";
import {TextCache} from "./text-cache.ts";
import {RunAccumulator} from "./accumulate.ts";
import {PlainRowScanner, trueOrFalse} from "./plain-row-scanner.ts";

/** One agent run, typed. Token counts are in TOKEN_TYPES order; null marks an empty cell. */
export interface Run {
  experiment: string;
  agent_model: string;
  tier: string;
  subtest: string | null;
  run_number: string | null;
  passed: boolean | null;
  cost_usd: number | null;
  total_tokens: number | null;
  tokens: (number | null)[];
}

/** What reading one runs file found, for the build log and the data-quality section. */
export interface FileStats {
  file: string;
  rows: number;
  columns: string[];
  /** Empty cells per column, for every column of the file. */
  emptyCells: Record<string, number>;
}

export interface ReadOptions {
  /** Display name of the file in messages; defaults to its path. */
  name?: string;
  /** How many problems to describe one by one before only counting the rest. */
  maxProblems?: number;
  /** The longest CSV record accepted, in characters, so that a file without line breaks is not read whole. */
  maxRecordSize?: number;
  /**
   * Read only the bytes [start, end) of a CSV file, which start a row, under the given header
   * (the file's first row). For reading parts of one file at the same time: line numbers in
   * messages then count from start.
   */
  part?: FilePart;
}

export interface FilePart {
  start: number;
  end: number;
  header: string[];
}

export const MAX_RECORD_SIZE = 10_000_000;

const OPTIONAL_COLUMNS = ["experiment", "subtest", "run_number", "passed", "cost_usd", "total_tokens"] as const;

/**
 * Where the runs of a file go: a function that takes each run, or an accumulator, which takes
 * the plain rows of a CSV file straight from its bytes (the same sums, several times faster).
 */
export type RunSink = ((run: Run, line: number) => void) | RunAccumulator;

/**
 * Reads a runs file and hands each valid run to the sink: CSV with a header row, streamed so the
 * file is never held in memory whole, or, for a name ending in .json, a JSON array of records.
 * Every problem that would make a number wrong is collected with its line, column and value;
 * if there are any, a RunsFileError is thrown after the last row.
 */
export async function readRunsFile(
  path: string,
  sink: RunSink,
  {name = path, maxProblems = 20, maxRecordSize = MAX_RECORD_SIZE, part}: ReadOptions = {}
): Promise<FileStats> {
  await checkInputPath(path, name, "runs");
  const problems = new ProblemList(name, maxProblems);
  const rows = new RowReader(problems, sink);
  if (isJsonName(path)) await readJsonRecords(path, rows, problems);
  else if (part !== undefined) {
    if (rows.start(part.header)) {
      const stop = await tokenizeCsvRecords(path, rows, maxRecordSize, part);
      if (stop !== undefined) problems.add({line: stop.line, column: stop.column, value: "", message: stop.message, expected: QUOTING_EXPECTED});
    }
  } else {
    const stop = await tokenizeCsvRecords(path, rows, maxRecordSize);
    if (stop !== undefined) return explainCsvProblem(path, stop, {name, maxProblems, maxRecordSize});
  }
  rows.finish();
  problems.throwIfAny();
  return rows.stats(name);
}

export function isJsonName(path: string): boolean {
  return path.toLowerCase().endsWith(".json");
}

/** Where the columns the report reads are in a file's records; -1 where a column is absent. */
export interface Header {
  names: string[];
  model: number;
  tier: number;
  /** Field index of each token column, in TOKEN_TYPES order. */
  tokens: number[];
  experiment: number;
  subtest: number;
  run_number: number;
  passed: number;
  cost_usd: number;
  total_tokens: number;
}

/**
 * Turns records (arrays of cell texts) into runs, whatever format they came from: checks the
 * header, counts rows and empty cells, and collects the problems of each cell.
 */
class RowReader {
  header: Header | undefined;
  rows = 0;
  #emptyCells: number[] = [];
  readonly onRun: (run: Run, line: number) => void;
  /** The accumulator the sink is, whose plain rows the fast lane adds. */
  readonly accumulator: RunAccumulator | undefined;
  /** The fast lane's rows are counted there. */
  lane: PlainRowScanner | undefined;

  constructor(
    readonly problems: ProblemList,
    sink: RunSink
  ) {
    this.accumulator = sink instanceof RunAccumulator ? sink : undefined;
    this.onRun = sink instanceof RunAccumulator ? sink.add : sink;
  }

  /** Reads the header; false if it has problems, and reading should stop. */
  start(record: string[]): boolean {
    const header = readHeader(record, this.problems);
    this.header = header;
    this.#emptyCells = header.names.map(() => 0);
    return this.problems.size === 0;
  }

  /**
   * Reads one record that starts on the given line. Cells are located by their field number,
   * or all at one column (where a JSON record starts) when column is given.
   */
  row(record: string[], line: number, column?: number): void {
    const header = this.header!;
    this.rows++;
    if (record.length !== header.names.length) return this.#fieldCountProblem(record, line, column);
    const empty = this.#emptyCells;
    for (let i = 0; i < record.length; i++) if (isBlank(record[i])) empty[i]++;
    const run = readRow(record, header, line, column, this.problems);
    if (run !== undefined) this.onRun(run, line);
  }

  /**
   * Reads one row of the byte tokenizer. Rows whose cells are all plain (whole numbers written
   * as digits, decimals, True/False, names without spaces around them) become runs here without
   * decoding the cells the report does not read; any other row goes through row(), cell texts
   * and all, so that its values and problems are exactly those of row().
   */
  fastRow(row: CsvRow, texts: TextCaches): void {
    const h = this.header!;
    if (row.length !== h.names.length) return this.row(row.texts(), row.line);
    const run = plainRun(row, h, texts);
    if (run === undefined) return this.row(row.texts(), row.line);
    this.rows++;
    countEmptyCells(row, this.#emptyCells);
    this.onRun(run, row.line);
  }

  /** The scanner that adds plain rows straight to the accumulator, when the sink is one. */
  fastLane(texts: TextCaches): PlainRowScanner | undefined {
    if (this.accumulator === undefined) return undefined;
    return (this.lane ??= new PlainRowScanner(this.header!, this.accumulator, texts));
  }

  /** Reports a file without a header or without rows. */
  finish(): void {
    if (this.header === undefined && this.problems.size === 0) {
      this.problems.add({
        line: 1,
        column: 1,
        value: "",
        message: "file is empty",
        expected: `a header row naming the columns ${REQUIRED_COLUMNS.join(", ")}, then one row per run`
      });
    } else if (this.header !== undefined && this.rows + (this.lane?.rows ?? 0) === 0 && this.problems.size === 0) {
      this.problems.add({
        line: 2,
        column: 1,
        value: "",
        message: "file has a header but no runs",
        expected: "at least one row after the header"
      });
    }
  }

  stats(file: string): FileStats {
    const names = this.header!.names;
    const lane = this.lane;
    return {
      file,
      rows: this.rows + (lane?.rows ?? 0),
      columns: names,
      emptyCells: Object.fromEntries(names.map((n, i) => [n, this.#emptyCells[i] + (lane?.emptyCells[i] ?? 0)]))
    };
  }

  #fieldCountProblem(record: string[], line: number, column: number | undefined): void {
    const expected = this.header!.names.length;
    this.problems.add({
      line,
      column: column ?? Math.min(record.length, expected) + 1,
      value: record.length > expected ? record[expected] : "",
      message: `row has ${record.length} fields but the header has ${expected}`,
      expected: "one field per header column (quote fields that contain commas)"
    });
  }
}

function readHeader(record: string[], problems: ProblemList): Header {
  const names = record.map((name) => name.trim());
  const index: Record<string, number> = {};
  names.forEach((name, i) => {
    if (!(name in index)) index[name] = i;
    else {
      problems.add({
        line: 1,
        column: i + 1,
        value: name,
        message: `column ${name} is named twice (also column ${index[name] + 1})`,
        expected: "each column name once"
      });
    }
  });
  const missing = REQUIRED_COLUMNS.filter((column) => !(column in index));
  if (missing.length > 0) problems.add(missingColumnsProblem(record, missing));
  const at = (column: string) => index[column] ?? -1;
  return {
    names,
    model: at("agent_model"),
    tier: at("tier"),
    tokens: TOKEN_KEYS.map(at),
    experiment: at("experiment"),
    subtest: at("subtest"),
    run_number: at("run_number"),
    passed: at("passed"),
    cost_usd: at("cost_usd"),
    total_tokens: at("total_tokens")
  };
}

function missingColumnsProblem(record: string[], missing: string[]): Omit<Problem, "file"> {
  const json = /^\s*[[{]/.test(record[0] ?? "");
  return {
    line: 1,
    column: 1,
    value: record.join(",").slice(0, 120),
    message: json
      ? "looks like JSON, not CSV"
      : `missing required column${missing.length > 1 ? "s" : ""} ${missing.join(", ")}`,
    expected: json ? JSON_EXPECTED : `a header row (comma-separated) that names ${REQUIRED_COLUMNS.join(", ")}`
  };
}

// Reads the cells of one record into a run; undefined if any cell had a problem.
function readRow(
  record: string[],
  h: Header,
  line: number,
  column: number | undefined,
  problems: ProblemList
): Run | undefined {
  let mistakes: [number, Mistake][] | undefined;
  const check = <T>(i: number, value: T | Mistake): T | null => {
    if (!isMistake(value)) return value;
    (mistakes ??= []).push([i, value]);
    return null;
  };

  const agent_model = parseText(record[h.model]);
  const tier = parseText(record[h.tier]);
  if (agent_model === "") check(h.model, {message: "agent_model is empty", expected: "the model's name"});
  if (tier === "") check(h.tier, {message: "tier is empty", expected: "a tier label such as T0"});
  const tokens: (number | null)[] = [null, null, null, null];
  for (let k = 0; k < 4; k++) tokens[k] = check(h.tokens[k], parseTokenCount(record[h.tokens[k]]));
  const run: Run = {
    experiment: h.experiment < 0 ? "" : parseText(record[h.experiment]),
    agent_model,
    tier,
    subtest: h.subtest < 0 ? null : parseText(record[h.subtest]),
    run_number: h.run_number < 0 ? null : parseText(record[h.run_number]),
    passed: h.passed < 0 ? null : check(h.passed, parsePassed(record[h.passed])),
    cost_usd: h.cost_usd < 0 ? null : check(h.cost_usd, parseCost(record[h.cost_usd])),
    total_tokens: h.total_tokens < 0 ? null : check(h.total_tokens, parseTokenCount(record[h.total_tokens])),
    tokens
  };
  if (mistakes === undefined) return run;

  // Report the row's problems from left to right.
  mistakes.sort((a, b) => a[0] - b[0]);
  for (const [i, {message, expected}] of mistakes) {
    problems.add({line, column: column ?? i + 1, columnName: h.names[i], value: record[i], message, expected});
  }
  return undefined;
}

/** The texts of the columns that repeat a few values many times, decoded once per value. */
export interface TextCaches {
  experiment: TextCache;
  model: TextCache;
  tier: TextCache;
  subtest: TextCache;
}

/**
 * Streams a CSV file through the byte tokenizer, a megabyte at a time. Returns undefined when the
 * whole file was read, or the syntax error at which the tokenizer stopped.
 */
async function tokenizeCsvRecords(
  path: string,
  rows: RowReader,
  maxRecordSize: number,
  part?: FilePart
): Promise<CsvSyntaxError | undefined> {
  const texts: TextCaches = {
    experiment: new TextCache(parseText),
    model: new TextCache(parseText),
    tier: new TextCache(parseText),
    subtest: new TextCache(parseText)
  };
  try {
    await tokenizeFile(
      path,
      (row, tokenizer) => {
        if (row.length === 1 && isBlank(row.text(0))) return true;
        if (rows.header !== undefined) rows.fastRow(row, texts);
        else if (!rows.start(row.texts())) return false;
        else tokenizer.fastLane = rows.fastLane(texts);
        return true;
      },
      {maxRowBytes: maxRecordSize, start: part?.start, end: part?.end, fastLane: part ? rows.fastLane(texts) : undefined}
    );
  } catch (error) {
    if (error instanceof CsvSyntaxError) return error;
    throw error;
  }
  return undefined;
}

/**
 * Reads a file the tokenizer stopped in again, with csv-parse, whose messages say what is wrong
 * and where; the rows before the error are checked again, their runs are not handed on (the file
 * is rejected either way). Should csv-parse find nothing wrong, the tokenizer's error stands.
 */
async function explainCsvProblem(path: string, stop: CsvSyntaxError, options: Required<Omit<ReadOptions, "part">>): Promise<FileStats> {
  const problems = new ProblemList(options.name, options.maxProblems);
  const rows = new RowReader(problems, () => {});
  await readCsvRecords(path, rows, problems, options.maxRecordSize);
  if (problems.size === 0) {
    problems.add({line: stop.line, column: stop.column, value: "", message: stop.message, expected: QUOTING_EXPECTED});
  }
  problems.throwIfAny();
  throw new Error(`unreachable: ${stop.message}`);
}

// The run of a row whose cells the report reads are all plain, else undefined.
function plainRun(row: CsvRow, h: Header, texts: TextCaches): Run | undefined {
  const agent_model = texts.model.text(row, h.model);
  const tier = texts.tier.text(row, h.tier);
  if (agent_model === "" || tier === "") return undefined;
  const t0 = plainTokenCount(row, h.tokens[0]);
  const t1 = plainTokenCount(row, h.tokens[1]);
  const t2 = plainTokenCount(row, h.tokens[2]);
  const t3 = plainTokenCount(row, h.tokens[3]);
  const total = h.total_tokens < 0 ? null : plainTokenCount(row, h.total_tokens);
  const passed = h.passed < 0 ? null : plainPassed(row, h.passed);
  const cost = h.cost_usd < 0 ? null : plainCost(row, h.cost_usd);
  if (t0 === NOT_PLAIN || t1 === NOT_PLAIN || t2 === NOT_PLAIN || t3 === NOT_PLAIN) return undefined;
  if (total === NOT_PLAIN || passed === NOT_PLAIN || cost === NOT_PLAIN) return undefined;
  return {
    experiment: h.experiment < 0 ? "" : texts.experiment.text(row, h.experiment),
    agent_model,
    tier,
    subtest: h.subtest < 0 ? null : texts.subtest.text(row, h.subtest),
    run_number: h.run_number < 0 ? null : runNumber(row, h.run_number),
    passed,
    cost_usd: cost,
    total_tokens: total,
    tokens: [t0, t1, t2, t3]
  };
}

/** What the plain* readers return for a cell that needs the full reader of parse-cells. */
const NOT_PLAIN = -1;

function plainTokenCount(row: CsvRow, i: number): number | null {
  if (row.ends[i] === row.starts[i]) return null;
  return row.digits(i);
}

function plainCost(row: CsvRow, i: number): number | null {
  if (row.ends[i] === row.starts[i]) return null;
  return row.decimal(i);
}

function plainPassed(row: CsvRow, i: number): boolean | null | typeof NOT_PLAIN {
  if (row.ends[i] === row.starts[i]) return null;
  const passed = trueOrFalse(row.buffer, row.starts[i], row.ends[i]);
  return passed === -1 ? NOT_PLAIN : passed === 1;
}

// A run number as parseText gives it. Plain numbers without leading zeros (1, 2, 3 ...) are
// written back from their value, which is quicker than decoding their bytes; "01" stays "01".
function runNumber(row: CsvRow, i: number): string {
  const n = row.digits(i);
  return n > 0 && row.buffer[row.starts[i]] !== 48 ? String(n) : parseText(row.text(i));
}

// Counts the row's cells that are empty or white space only (as isBlank tells), into counts.
function countEmptyCells(row: CsvRow, counts: number[]): void {
  const {buffer, starts, ends} = row;
  for (let i = 0; i < row.length; i++) {
    const start = starts[i];
    if (start === ends[i]) counts[i]++;
    else if ((buffer[start] <= 32 || buffer[start] >= 0x80) && isBlank(row.text(i))) counts[i]++;
  }
}

/**
 * Streams a CSV file through csv-parse. Each record is handled inside the parser's on_record
 * callback, in file order, so that every row before a syntax error is read and checked. Line
 * numbers are counted here rather than taken from the parser, which counts a CRLF inside a
 * quoted field as two lines.
 */
async function readCsvRecords(
  path: string,
  rows: RowReader,
  problems: ProblemList,
  maxRecordSize: number
): Promise<void> {
  const lines = new LineCounter();
  const input = createReadStream(path);
  let stopped = false;
  const onRecord = (record: string[], info: CsvInfo): null => {
    const line = lines.next(record, info);
    if (stopped || (record.length === 1 && isBlank(record[0]))) return null;
    if (rows.header !== undefined) rows.row(record, line);
    else if (!rows.start(record)) {
      // A header with problems: the rows cannot be read, so stop reading the file.
      stopped = true;
      input.destroy();
      parser.end();
    }
    return null;
  };
  const parser = input.pipe(
    parse({
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      max_record_size: maxRecordSize,
      on_record: onRecord as never
    })
  );
  try {
    // on_record keeps every record, so nothing comes out; let the stream flow to its end.
    await finished(parser.resume());
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    problems.add(csvSyntaxProblem(error, lines, maxRecordSize));
  }
}

interface CsvInfo {
  lines: number;
  empty_lines: number;
}

/** Counts the lines of a CSV file record by record, CRLF as one line break. */
class LineCounter {
  /** Last line of the previous record, as counted here and as counted by csv-parse. */
  end = 0;
  parserEnd = 0;
  emptyLines = 0;

  /** The line on which a record starts. */
  next(record: string[], info: CsvInfo): number {
    const skipped = info.empty_lines - this.emptyLines;
    const line = this.end + skipped + 1;
    const parserSpan = info.lines - this.parserEnd - skipped;
    this.end = parserSpan > 1 ? line + lineBreaks(record) : line;
    this.parserEnd = info.lines;
    this.emptyLines = info.empty_lines;
    return line;
  }

  /** A line as counted by csv-parse, corrected for the line breaks it counted twice. */
  fromParser(parserLine: number): number {
    return parserLine - (this.parserEnd - this.end);
  }
}

// Line breaks inside the quoted fields of a record: LF, CRLF or a lone CR each count once.
function lineBreaks(record: string[]): number {
  let n = 0;
  for (const field of record) {
    for (let i = 0; i < field.length; i++) {
      const c = field.charCodeAt(i);
      if (c === 10 || (c === 13 && field.charCodeAt(i + 1) !== 10)) n++;
    }
  }
  return n;
}

const QUOTING_EXPECTED =
  'fields that hold commas, quotes or line breaks in double quotes, with quotes inside them doubled: "say ""hi"""';

// The context csv-parse attaches to its errors; column is a field index from 0.
type ParserError = CsvError & {lines?: number; empty_lines?: number; column?: number | string; field?: string};

function csvSyntaxProblem(error: ParserError, lines: LineCounter, maxRecordSize: number): Omit<Problem, "file"> {
  switch (error.code) {
    case "CSV_QUOTE_NOT_CLOSED": {
      // The parser stops at the end of the file; name the line where the broken record starts.
      const skipped = (error.empty_lines ?? lines.emptyLines) - lines.emptyLines;
      const problem = parserProblem(error, lines, "a quoted field that starts in this row is never closed");
      return {...problem, line: lines.end + skipped + 1};
    }
    case "INVALID_OPENING_QUOTE":
      if (lines.end === 0 && /^\s*[[{]/.test(error.field ?? "")) {
        return {line: 1, column: 1, value: error.field!, message: "looks like JSON, not CSV", expected: JSON_EXPECTED};
      }
      return parserProblem(error, lines, "has a quote inside a field that does not start with one");
    case "CSV_MAX_RECORD_SIZE": {
      const problem = parserProblem(error, lines, `row is longer than ${maxRecordSize} characters`);
      return {...problem, value: "", expected: "a CSV file with one run per line; is this a runs file?"};
    }
    case "CSV_INVALID_CLOSING_QUOTE":
      return parserProblem(error, lines, "has text right after the closing quote of a field");
    default:
      return parserProblem(error, lines, `is not valid CSV (${error.message})`);
  }
}

function parserProblem(error: ParserError, lines: LineCounter, message: string): Omit<Problem, "file"> {
  return {
    line: lines.fromParser(error.lines ?? 1),
    column: typeof error.column === "number" ? error.column + 1 : 1,
    value: typeof error.field === "string" ? error.field : "",
    message,
    expected: QUOTING_EXPECTED
  };
}

const JSON_EXPECTED = "a JSON array of records in a file whose name ends in .json, or a CSV file with a header row";

/**
 * Reads a JSON array of records (objects whose keys are column names). The file is read whole;
 * for runs too large for memory, use CSV. A problem in a record is reported at the line and
 * column where the record starts.
 */
async function readJsonRecords(path: string, rows: RowReader, problems: ProblemList): Promise<void> {
  const text = stripBom(await readFile(path, "utf8"));
  if (text.trim() === "") return;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return problems.add(jsonSyntaxProblem(text, error as Error));
  }
  if (!Array.isArray(data) || data.length === 0) return problems.add(notRecordsProblem(text, data));

  // Every record becomes a row of cells under the union of the records' keys.
  const starts = elementStarts(text);
  const names = columnNames(data);
  if (!rows.start(names)) return;
  data.forEach((record, i) => {
    const {line, column} = starts[i];
    if (!isRecord(record)) {
      return problems.add({
        line,
        column,
        value: shortJson(record),
        message: "is not a record",
        expected: "an object whose keys are column names"
      });
    }
    const nested = names.find((name) => typeof record[name] === "object" && record[name] !== null);
    if (nested !== undefined) {
      const value = shortJson(record[nested]);
      return problems.add({
        line,
        column,
        columnName: nested,
        value,
        message: "is a list or an object",
        expected: JSON_CELL_EXPECTED
      });
    }
    rows.row(
      names.map((name) => jsonCell(record[name])),
      line,
      column
    );
  });
}

const JSON_CELL_EXPECTED = "a number, a string, true/false or null";
const JSON_RECORDS_EXPECTED =
  'an array of records: [{"agent_model": "...", "tier": "T0", "input_tokens": 12, ...}, ...]';

function notRecordsProblem(text: string, data: unknown): Omit<Problem, "file"> {
  const empty = Array.isArray(data);
  const value = empty ? "" : text.trimStart().slice(0, 40);
  const message = empty ? "the JSON array holds no records" : "is not a JSON array";
  return {line: 1, column: 1, value, message, expected: empty ? "at least one record" : JSON_RECORDS_EXPECTED};
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function shortJson(value: unknown): string {
  return String(JSON.stringify(value)).slice(0, 40);
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

// The column names of JSON records: every key of every record, in the order first seen.
function columnNames(records: unknown[]): string[] {
  const names = new Set<string>();
  for (const record of records) if (isRecord(record)) for (const key of Object.keys(record)) names.add(key);
  return Array.from(names);
}

// A JSON value as the cell text a CSV file would hold; a missing key or null is an empty cell.
function jsonCell(value: unknown): string {
  return value === null || value === undefined ? "" : String(value);
}

function jsonSyntaxProblem(text: string, error: Error): Omit<Problem, "file"> {
  const position = /at position (\d+)/.exec(error.message);
  const lineColumn = /\(line (\d+) column (\d+)\)/.exec(error.message);
  const where = lineColumn
    ? {line: Number(lineColumn[1]), column: Number(lineColumn[2])}
    : positionOf(text, position ? Number(position[1]) : text.length);
  const offset = position ? Number(position[1]) : undefined;
  return {
    ...where,
    value: offset === undefined ? "" : text.slice(offset, offset + 30).split(/\r?\n/)[0],
    message: `is not valid JSON: ${error.message.replace(/ in JSON at position \d+.*$/, "").replace(/ \(line \d+ column \d+\)$/, "")}`,
    expected: `JSON text that is ${JSON_RECORDS_EXPECTED}`
  };
}

/** Line and column (from 1) of a character offset in a text. */
export function positionOf(text: string, offset: number): {line: number; column: number} {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return {line, column: offset - lineStart + 1};
}

/**
 * Line and column where each element of the top-level JSON array starts, found by one pass over
 * the text that follows strings and nesting. Only called on text that JSON.parse accepted.
 */
export function elementStarts(text: string): {line: number; column: number}[] {
  const starts: {line: number; column: number}[] = [];
  let depth = 0;
  let inString = false;
  let expectElement = false;
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "\n") {
      line++;
      lineStart = i + 1;
    }
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === " " || c === "\n" || c === "\r" || c === "\t") continue;
    if (depth === 1 && expectElement && c !== "]") {
      starts.push({line, column: i - lineStart + 1});
      expectElement = false;
    }
    if (c === '"') inString = true;
    else if (c === "[" || c === "{") {
      depth++;
      if (depth === 1) expectElement = true;
    } else if (c === "]" || c === "}") depth--;
    else if (c === "," && depth === 1) expectElement = true;
  }
  return starts;
}

export {RunsFileError, OPTIONAL_COLUMNS};
