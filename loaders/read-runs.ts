import {createReadStream} from "node:fs";
import {parse} from "csv-parse";
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
  const parser = createReadStream(path).pipe(
    parse({bom: true, relax_column_count: true, info: true, skip_empty_lines: true})
  );

  let header: Header | undefined;
  let rows = 0;
  let emptyCells: number[] = [];
  try {
    for await (const {record, info} of parser as AsyncIterable<{record: string[]; info: {lines: number}}>) {
      const line = info.lines - countNewlines(record);
      if (header === undefined) {
        header = readHeader(record, problems);
        emptyCells = header.names.map(() => 0);
        if (problems.size > 0) break;
        continue;
      }
      rows++;
      if (record.length !== header.names.length) {
        problems.add({
          line,
          column: Math.min(record.length, header.names.length) + 1,
          value: record.length > header.names.length ? record[header.names.length] : "",
          message: `row has ${record.length} fields but the header has ${header.names.length}`,
          expected: "one field per header column (quote fields that contain commas)"
        });
        continue;
      }
      for (let i = 0; i < record.length; i++) if (record[i].trim() === "") emptyCells[i]++;
      const run = readRow(record, header, line, problems);
      if (run) onRun(run, line);
    }
  } catch (error) {
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

function readRow(record: string[], header: Header, line: number, problems: ProblemList): Run | undefined {
  const before = problems.total;
  const {index} = header;
  const cell = (column: string) => (column in index ? record[index[column]] : undefined);
  const at = (column: string) => ({line, column: index[column] + 1, columnName: column, value: cell(column)!});

  const agent_model = record[index.agent_model].trim();
  const tier = record[index.tier].trim();
  if (agent_model === "") problems.add({...at("agent_model"), message: "agent_model is empty", expected: "the model's name"});
  if (tier === "") problems.add({...at("tier"), message: "tier is empty", expected: "a tier label such as T0"});

  const tokens = TOKEN_KEYS.map((column) => parseTokenCount(record[index[column]], at(column), problems));
  const total = cell("total_tokens");
  const passed = cell("passed");
  const cost = cell("cost_usd");
  const run: Run = {
    experiment: cell("experiment")?.trim() ?? "",
    agent_model,
    tier,
    subtest: cell("subtest") ?? null,
    run_number: cell("run_number") ?? null,
    passed: passed === undefined ? null : parsePassed(passed, at("passed"), problems),
    cost_usd: cost === undefined ? null : parseCost(cost, at("cost_usd"), problems),
    total_tokens: total === undefined ? null : parseTokenCount(total, at("total_tokens"), problems),
    tokens
  };
  return problems.total === before ? run : undefined;
}

function countNewlines(record: string[]): number {
  let n = 0;
  for (const field of record) {
    for (let i = field.indexOf("\n"); i !== -1; i = field.indexOf("\n", i + 1)) n++;
  }
  return n;
}

function csvSyntaxProblem(error: unknown): Omit<Problem, "file"> {
  const e = error as {code?: string; message?: string; lines?: number; column?: number};
  if (!e?.code?.startsWith("CSV_")) throw error;
  return {
    line: e.lines ?? 0,
    column: typeof e.column === "number" ? e.column + 1 : 1,
    value: "",
    message: `not valid CSV: ${e.message}`,
    expected: 'comma-separated fields, with quotes ("...") around fields that hold commas, quotes or line breaks'
  };
}

export {RunsFileError, OPTIONAL_COLUMNS};
