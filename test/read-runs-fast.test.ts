import {describe, expect, it} from "vitest";
import {readRunsFile, type Run} from "../loaders/read-runs.ts";
import {tempFile} from "./support/temp-files.ts";

const COLUMNS = ["experiment", "agent_model", "tier", "subtest", "run_number", "passed", "cost_usd", "input_tokens", "output_tokens", "cache_creation_tokens", "cache_read_tokens", "total_tokens"];

// Rows whose cells are plain (read from bytes) and rows with cells that are not (read as text).
const ROWS: string[][] = [
  ["e1", "Sonnet 4.5", "T0", "00", "1", "True", "0.1351093", "29", "656", "23106", "112686", "136477"],
  ["e1", "Sonnet 4.5", "T1", "01", "2", "False", "0.0071", "", "656", "23106", "112686", "136448"],
  ["e1", " Sonnet 4.5 ", "T1", "01", "3", "true", "1", " 12 ", "1e3", "12.0", "0", "1024"],
  ["e1", "Haiku, 4.5", "T2", "01", "01", "1", "", "7", "8", "9", "10", ""],
  ["e2", "Haiku 4.5", " T2", "02", "0", "", "0.5", "123456789012345", "1", "1", "1", "123456789012348"],
  ["e2", "Haiku 4.5", "T3", " 03 ", "10", "FALSE", "2.50", "1234567890123456", "0", "0", "0", "1234567890123456"]
];

function csvCell(text: string): string {
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

async function runsOf(path: string): Promise<{runs: [Run, number][]; stats: unknown}> {
  const runs: [Run, number][] = [];
  const stats = await readRunsFile(path, (run, line) => runs.push([run, line]), {name: "runs"});
  return {runs, stats};
}

describe("readRunsFile: the byte-level path", () => {
  it("reads plain and other cells of a CSV file to the same runs and counts as the same records in JSON", async () => {
    const csv = tempFile("runs.csv", [COLUMNS, ...ROWS].map((r) => r.map(csvCell).join(",")).join("\n") + "\n");
    const json = tempFile("runs.json", `[\n${ROWS.map((r) => JSON.stringify(Object.fromEntries(COLUMNS.map((c, i) => [c, r[i]])))).join(",\n")}\n]\n`);
    const fromCsv = await runsOf(csv);
    const fromJson = await runsOf(json);

    expect(fromCsv.runs.map(([run]) => run)).toEqual(fromJson.runs.map(([run]) => run));
    expect(fromCsv.runs.map(([, line]) => line)).toEqual([2, 3, 4, 5, 6, 7]);
    expect(fromCsv.stats).toEqual(fromJson.stats);
    expect(fromCsv.runs[2][0]).toMatchObject({agent_model: "Sonnet 4.5", tokens: [12, 0, 1000, 12], passed: true});
    expect(fromCsv.runs[3][0]).toMatchObject({agent_model: "Haiku, 4.5", run_number: "01", cost_usd: null, total_tokens: null});
    expect(fromCsv.runs[5][0]).toMatchObject({subtest: "03", tokens: [1234567890123456, 0, 0, 0], cost_usd: 2.5, passed: false});
  });
});
