import {emptyGroup, type GroupSums} from "./accumulate.ts";
import {CsvSyntaxError, tokenizeFile, type CsvRow} from "./csv-tokenizer.ts";
import {isMistake, parseTokenCount} from "./parse-cells.ts";
import {ProblemList} from "./problems.ts";
import {checkInputPath} from "./input-paths.ts";
import type {FileStats} from "./read-runs.ts";
import {TOKEN_KEYS} from "./token-types.ts";

/**
 * The columns of an aggregates file, as sql/aggregates.sql writes them: per (agent_model, tier),
 * the run count and, per token column, the sum and the count of the cells that have a value.
 */
export const AGGREGATE_COLUMNS: readonly string[] = [
  "agent_model",
  "tier",
  "runs",
  ...TOKEN_KEYS.flatMap((key) => [`${key}_sum`, `${key}_count`])
];

/**
 * Reads an aggregates file into group sums. Rows of the same (agent_model, tier), in one file or
 * in several, add up: the result is the same as reading the runs they were computed from. An
 * optional experiment column is kept; without it the groups belong to no experiment ("").
 */
export async function readAggregatesFile(path: string, {name = path, maxProblems = 20} = {}): Promise<{groups: GroupSums[]; stats: FileStats}> {
  await checkInputPath(path, name, "aggregates");
  const problems = new ProblemList(name, maxProblems, "aggregates");
  const groups: GroupSums[] = [];
  let names: string[] | undefined;
  let index: Record<string, number> = {};
  try {
    await tokenizeFile(path, (row) => {
      if (names === undefined) {
        names = row.texts().map((n) => n.trim());
        index = Object.fromEntries(names.map((n, i) => [n, i]));
        const missing = AGGREGATE_COLUMNS.filter((c) => !(c in index));
        if (missing.length > 0) {
          problems.add({line: 1, column: 1, value: names.join(",").slice(0, 120), message: `missing column${missing.length > 1 ? "s" : ""} ${missing.join(", ")}`, expected: `a header row naming ${AGGREGATE_COLUMNS.join(", ")} (see sql/aggregates.sql)`});
        }
        return problems.size === 0;
      }
      const group = readGroup(row, names, index, problems);
      if (group) groups.push(group);
    });
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error;
    problems.add({line: error.line, column: error.column, value: "", message: `not valid CSV: ${error.message}`, expected: "comma-separated fields"});
  }
  if (names === undefined) {
    problems.add({line: 1, column: 1, value: "", message: "file is empty", expected: `a header row naming ${AGGREGATE_COLUMNS.join(", ")}`});
  }
  problems.throwIfAny();

  const runs = groups.reduce((sum, g) => sum + g.runs, 0);
  const emptyCells = Object.fromEntries(names!.map((n) => [n, 0]));
  TOKEN_KEYS.forEach((key, i) => (emptyCells[key] = groups.reduce((sum, g) => sum + g.runs - g.counts[i], 0)));
  return {groups, stats: {file: name, rows: runs, columns: [...TOKEN_KEYS], emptyCells}};
}

function readGroup(row: CsvRow, names: string[], index: Record<string, number>, problems: ProblemList): GroupSums | undefined {
  const before = problems.total;
  if (row.length !== names.length) {
    problems.add({line: row.line, column: Math.min(row.length, names.length) + 1, value: "", message: `row has ${row.length} fields but the header has ${names.length}`, expected: "one field per header column"});
    return undefined;
  }
  const at = (column: string) => ({line: row.line, column: index[column] + 1, columnName: column, value: row.text(index[column])});
  const text = (column: string) => row.text(index[column]).trim();
  const whole = (column: string): number => {
    const value = parseTokenCount(row.text(index[column]));
    if (isMistake(value)) problems.add({...at(column), ...value});
    else if (value === null) problems.add({...at(column), message: "is empty", expected: "a whole number; write 0 for a column without values"});
    return typeof value === "number" ? value : 0;
  };

  const runs = whole("runs");
  const sums = TOKEN_KEYS.map((key) => whole(`${key}_sum`));
  const counts = TOKEN_KEYS.map((key) => whole(`${key}_count`));
  TOKEN_KEYS.forEach((key, i) => {
    if (counts[i] > runs) problems.add({...at(`${key}_count`), message: `is more than the group's ${runs} runs`, expected: "a count of cells no larger than runs"});
  });
  for (const column of ["agent_model", "tier"]) {
    if (text(column) === "") problems.add({...at(column), message: `${column} is empty`, expected: "the group's name"});
  }
  if (problems.total !== before) return undefined;
  const experiment = "experiment" in index ? text("experiment") : "";
  return {...emptyGroup(experiment, text("agent_model"), text("tier")), runs, sums, counts};
}
