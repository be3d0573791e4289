import {CsvSyntaxError, tokenizeFile, type CsvRow} from "./csv-tokenizer.ts";
import {TextCache} from "./text-cache.ts";
import {REQUIRED_COLUMNS, TOKEN_KEYS} from "./token-types.ts";
import {RunsFileError, type Problem, ProblemList} from "./problems.ts";
import {parseCost, parsePassed, parseTokenCount} from "./parse-cells.ts";

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
}

const OPTIONAL_COLUMNS = ["experiment", "subtest", "run_number", "passed", "cost_usd", "total_tokens"] as const;

/**
 * Streams a runs file (CSV with a header row) and hands each valid run to onRun. The file is
 * never held in memory whole. Every problem that would make a number wrong is collected with
 * its line, column and value; if there are any, a RunsFileError is thrown after the last row.
 */
export async function readRunsFile(
  path: string,
  onRun: (run: Run, line: number) => void,
  {name = path, maxProblems = 20}: ReadOptions = {}
): Promise<FileStats> {
  const problems = new ProblemList(name, maxProblems);
  let header: Header | undefined;
  let reader: RowReader | undefined;
  let rows = 0;
  let emptyCells: number[] = [];
  const onRow = (row: CsvRow): boolean => {
    if (header === undefined) {
      header = readHeader(row.texts(), problems);
      reader = new RowReader(header, problems);
      emptyCells = header.names.map(() => 0);
      return problems.size === 0;
    }
    rows++;
    if (row.length !== header.names.length) {
      problems.add({
        line: row.line,
        column: Math.min(row.length, header.names.length) + 1,
        value: row.length > header.names.length ? row.text(header.names.length) : "",
        message: `row has ${row.length} fields but the header has ${header.names.length}`,
        expected: "one field per header column (quote fields that contain commas)"
      });
      return true;
    }
    countEmptyCells(row, emptyCells);
    const run = reader!.read(row);
    if (run) onRun(run, row.line);
    return true;
  };
  try {
    await tokenizeFile(path, onRow);
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error;
    problems.add(csvSyntaxProblem(error));
  }

  if (header === undefined) {
    problems.add({
      line: 1,
      column: 1,
      value: "",
      message: "file is empty",
      expected: `a header row naming the columns ${REQUIRED_COLUMNS.join(", ")}, then one row per run`
    });
  } else if (rows === 0 && problems.size === 0) {
    problems.add({
      line: 2,
      column: 1,
      value: "",
      message: "file has a header but no runs",
      expected: "at least one row after the header"
    });
  }
  problems.throwIfAny();

  const names = header!.names;
  return {
    file: name,
    rows,
    columns: names,
    emptyCells: Object.fromEntries(names.map((column, i) => [column, emptyCells[i]]))
  };
}

interface Header {
  names: string[];
  index: Record<string, number>;
}

function readHeader(record: string[], problems: ProblemList): Header {
  const names = record.map((name) => name.trim());
  const index: Record<string, number> = {};
  names.forEach((name, i) => {
    if (name in index) {
      problems.add({
        line: 1,
        column: i + 1,
        value: name,
        message: `column ${name} is named twice (also column ${index[name] + 1})`,
        expected: "each column name once"
      });
    } else {
      index[name] = i;
    }
  });
  const missing = REQUIRED_COLUMNS.filter((column) => !(column in index));
  if (missing.length > 0) {
    problems.add({
      line: 1,
      column: 1,
      value: record.join(",").slice(0, 120),
      message: `missing required column${missing.length > 1 ? "s" : ""} ${missing.join(", ")}`,
      expected: `a header row (comma-separated) that names ${REQUIRED_COLUMNS.join(", ")}`
    });
  }
  return {names, index};
}

/** Reads the typed cells of a row: plain numbers straight from bytes, the rest through parse-cells. */
class RowReader {
  readonly #problems: ProblemList;
  readonly #names: string[];
  readonly #model: number;
  readonly #tier: number;
  readonly #tokens: number[];
  readonly #experiment: number;
  readonly #subtest: number;
  readonly #runNumber: number;
  readonly #passed: number;
  readonly #cost: number;
  readonly #total: number;
  readonly #texts = {experiment: new TextCache(trim), model: new TextCache(trim), tier: new TextCache(trim), subtest: new TextCache()};

  constructor({names, index}: Header, problems: ProblemList) {
    const optional = (column: string) => index[column] ?? -1;
    this.#problems = problems;
    this.#names = names;
    this.#model = index.agent_model;
    this.#tier = index.tier;
    this.#tokens = TOKEN_KEYS.map((column) => index[column]);
    this.#experiment = optional("experiment");
    this.#subtest = optional("subtest");
    this.#runNumber = optional("run_number");
    this.#passed = optional("passed");
    this.#cost = optional("cost_usd");
    this.#total = optional("total_tokens");
  }

  read(row: CsvRow): Run | undefined {
    const problems = this.#problems;
    const before = problems.total;
    const agent_model = this.#texts.model.text(row, this.#model);
    const tier = this.#texts.tier.text(row, this.#tier);
    if (agent_model === "") problems.add({...this.#at(row, this.#model), message: "agent_model is empty", expected: "the model's name"});
    if (tier === "") problems.add({...this.#at(row, this.#tier), message: "tier is empty", expected: "a tier label such as T0"});

    const columns = this.#tokens;
    const tokens = [this.#tokenCount(row, columns[0]), this.#tokenCount(row, columns[1]), this.#tokenCount(row, columns[2]), this.#tokenCount(row, columns[3])];
    const run: Run = {
      experiment: this.#experiment === -1 ? "" : this.#texts.experiment.text(row, this.#experiment),
      agent_model,
      tier,
      subtest: this.#subtest === -1 ? null : this.#texts.subtest.text(row, this.#subtest),
      run_number: this.#runNumber === -1 ? null : runNumber(row, this.#runNumber),
      passed: this.#passed === -1 ? null : this.#passedFlag(row, this.#passed),
      cost_usd: this.#cost === -1 ? null : this.#costUsd(row, this.#cost),
      total_tokens: this.#total === -1 ? null : this.#tokenCount(row, this.#total),
      tokens
    };
    return problems.total === before ? run : undefined;
  }

  #tokenCount(row: CsvRow, i: number): number | null {
    const value = row.digits(i);
    if (value !== -1) return value;
    if (row.ends[i] === row.starts[i]) return null;
    return parseTokenCount(row.text(i), this.#at(row, i), this.#problems);
  }

  #passedFlag(row: CsvRow, i: number): boolean | null {
    const {buffer} = row;
    const start = row.starts[i];
    const length = row.ends[i] - start;
    if (length === 4 && buffer[start] === 84 && buffer[start + 1] === 114 && buffer[start + 2] === 117 && buffer[start + 3] === 101) return true;
    if (length === 5 && buffer[start] === 70 && buffer[start + 1] === 97 && buffer[start + 2] === 108 && buffer[start + 3] === 115 && buffer[start + 4] === 101) return false;
    return parsePassed(row.text(i), this.#at(row, i), this.#problems);
  }

  #costUsd(row: CsvRow, i: number): number | null {
    const value = row.decimal(i);
    if (value !== -1) return value;
    return parseCost(row.text(i), this.#at(row, i), this.#problems);
  }

  #at(row: CsvRow, i: number) {
    return {line: row.line, column: i + 1, columnName: this.#names[i], value: row.text(i)};
  }
}

function trim(text: string): string {
  return text.trim();
}

// Counts the row's cells that are empty or white space only, into counts (one per column).
function countEmptyCells(row: CsvRow, counts: number[]): void {
  const {buffer, starts, ends} = row;
  for (let i = 0; i < row.length; i++) {
    const start = starts[i];
    if (start === ends[i]) counts[i]++;
    else if ((buffer[start] <= 32 || buffer[start] >= 0x80) && row.isBlank(i)) counts[i]++;
  }
}

// A run number as written. Plain numbers without leading zeros (1, 2, 3 ...) are written back
// from their value, which is quicker than decoding their bytes; "01" stays "01".
function runNumber(row: CsvRow, i: number): string {
  const n = row.digits(i);
  return n !== -1 && (n > 0 || row.ends[i] - row.starts[i] === 1) && row.buffer[row.starts[i]] !== 48 ? String(n) : row.text(i);
}

function csvSyntaxProblem(error: CsvSyntaxError): Omit<Problem, "file"> {
  return {
    line: error.line,
    column: error.column,
    value: "",
    message: `not valid CSV: ${error.message}`,
    expected: 'comma-separated fields, with quotes ("...") around fields that hold commas, quotes or line breaks'
  };
}

export {RunsFileError, OPTIONAL_COLUMNS};
