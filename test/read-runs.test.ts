import {dirname} from "node:path";
import {describe, expect, it} from "vitest";
import {RunAccumulator} from "../loaders/accumulate.ts";
import {readRunsFile, RunsFileError, type Run} from "../loaders/read-runs.ts";
import {readRunsFileParallel} from "../loaders/read-runs-parallel.ts";
import {isWholeDecimal, parseTokenCount} from "../loaders/parse-cells.ts";
import {tempFile} from "./support/temp-files.ts";

const HEADER = "agent_model,tier,input_tokens,output_tokens,cache_creation_tokens,cache_read_tokens";
const EXPECTED_COUNT = "expected a whole number of tokens such as 1234 (or 1234.0, 1e5), or an empty cell";

/** Reads a runs file written from text; returns the runs and the file's stats. */
async function read(text: string | Buffer, name = "runs.csv") {
  const runs: Run[] = [];
  const lines: number[] = [];
  const stats = await readRunsFile(tempFile(name, text), (run, line) => (runs.push(run), lines.push(line)), {name});
  return {runs, lines, stats};
}

/** The problem lines of a runs file that must fail. */
async function problems(text: string | Buffer, name = "runs.csv"): Promise<string[]> {
  const error = await read(text, name).then(
    () => undefined,
    (e: unknown) => e
  );
  expect(error).toBeInstanceOf(RunsFileError);
  return (error as RunsFileError).message.split("\n");
}

describe("readRunsFile: the header", () => {
  it("rejects a missing required column, naming it", async () => {
    expect(await problems("agent_model,tier,input_tokens,output_tokens,cache_creation_tokens\nm,T0,1,2,3\n")).toEqual([
      'runs.csv:1:1: "agent_model,tier,input_tokens,output_tokens,cache_creation_tokens" missing required column cache_read_tokens; ' +
        "expected a header row (comma-separated) that names agent_model, tier, input_tokens, cache_read_tokens, output_tokens, cache_creation_tokens"
    ]);
  });

  it("rejects a required column named twice, at the second one", async () => {
    expect(await problems(`${HEADER},tier\nm,T0,1,2,3,4,T1\n`)).toEqual([
      'runs.csv:1:7: "tier" column tier is named twice (also column 2); expected each column name once'
    ]);
  });
});

describe("readRunsFile: token cells", () => {
  const bad: [string, string][] = [
    ["abc", "is not a number"],
    ["-5", "is negative"],
    ["12.5", "is not a whole number"],
    ['"1,234"', "has a thousands separator"],
    ["NaN", "is not a number"],
    ["inf", "is not a number"],
    ["9007199254740993", "is above 2^53 - 1, too large to count exactly"],
    ["1e400", "is above 2^53 - 1, too large to count exactly"]
  ];
  it("rejects each value that is not a non-negative whole number, one message per cell", async () => {
    const rows = bad.map(([value]) => `m,T0,1,2,3,${value}`).join("\n");
    expect(await problems(`${HEADER}\n${rows}\n`)).toEqual(
      bad.map(
        ([value, message], i) =>
          `runs.csv:${i + 2}:6 (column cache_read_tokens): ${JSON.stringify(value.replace(/"/g, ""))} ${message}; ${EXPECTED_COUNT}`
      )
    );
  });

  it("accepts whole numbers written in scientific notation or with a zero fraction", async () => {
    const {runs} = await read(`${HEADER}\nm,T0,1e5,1.5E3,12.0,130e-1\n`);
    // Runs hold tokens in stacking order: fresh, cached, output, cache creation.
    expect(runs[0].tokens).toEqual([100000, 13, 1500, 12]);
  });

  it("accepts 2^53 - 1 and rejects a fraction too small for a double to keep", async () => {
    expect(parseTokenCount("9007199254740991")).toBe(2 ** 53 - 1);
    expect(parseTokenCount("12.000000000000000001")).toEqual({
      message: "is not a whole number",
      expected: expect.any(String)
    });
    expect(isWholeDecimal("12", "5", 0)).toBe(false);
    expect(isWholeDecimal("12", "50", 1)).toBe(true);
    expect(isWholeDecimal("1200", "", -2)).toBe(true);
    expect(isWholeDecimal("1250", "", -2)).toBe(false);
    expect(isWholeDecimal("0", "000", -400)).toBe(true);
  });

  it("reports the problems of a row from left to right, and every row's problems", async () => {
    expect(await problems(`${HEADER}\nm,T0,x,-1,3,4\nm,T1,1,2,3.5,4\n`)).toEqual([
      `runs.csv:2:3 (column input_tokens): "x" is not a number; ${EXPECTED_COUNT}`,
      `runs.csv:2:4 (column output_tokens): "-1" is negative; ${EXPECTED_COUNT}`,
      `runs.csv:3:5 (column cache_creation_tokens): "3.5" is not a whole number; ${EXPECTED_COUNT}`
    ]);
  });

  it("describes the first 20 problems and counts the rest", async () => {
    const rows = Array.from({length: 25}, () => "m,T0,x,2,3,4").join("\n");
    const lines = await problems(`${HEADER}\n${rows}\n`);
    expect(lines).toHaveLength(21);
    expect(lines[19]).toBe(`runs.csv:21:3 (column input_tokens): "x" is not a number; ${EXPECTED_COUNT}`);
    expect(lines[20]).toBe("... and 5 more problems in runs.csv");
  });

  it("treats an empty token cell as missing, not zero, and counts it", async () => {
    const {runs, stats} = await read(`${HEADER}\nm,T0,,2,3,4\nm,T0,1,, ,4\n`);
    expect(runs.map((r) => r.tokens)).toEqual([
      [null, 4, 2, 3],
      [1, 4, null, null]
    ]);
    expect(stats.emptyCells).toEqual({
      agent_model: 0,
      tier: 0,
      input_tokens: 1,
      output_tokens: 1,
      cache_creation_tokens: 1,
      cache_read_tokens: 0
    });
  });
});

describe("readRunsFile: files that are not runs files", () => {
  it("rejects an empty file", async () => {
    expect(await problems("")).toEqual([
      "runs.csv:1:1: file is empty; expected a header row naming the columns agent_model, tier, input_tokens, cache_read_tokens, output_tokens, cache_creation_tokens, then one row per run"
    ]);
  });

  it("rejects a header without rows", async () => {
    expect(await problems(`${HEADER}\n`)).toEqual([
      "runs.csv:2:1: file has a header but no runs; expected at least one row after the header"
    ]);
  });

  it("says a JSON file named .csv looks like JSON", async () => {
    const [line] = await problems('[{"agent_model": "m", "tier": "T0"}]');
    expect(line).toMatch(
      /^runs\.csv:1:1: "\[\{" looks like JSON, not CSV; expected a JSON array of records in a file whose name ends in \.json/
    );
  });

  it("rejects a file that is not CSV at all for its missing columns", async () => {
    const [line] = await problems(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]));
    expect(line).toMatch(/^runs\.csv:1:1: ".*" missing required columns agent_model, tier, input_tokens/);
  });

  it("names a file that does not exist", async () => {
    await expect(readRunsFile("/nonexistent/runs.csv", () => {})).rejects.toThrow(
      "Cannot read the runs file /nonexistent/runs.csv: it does not exist or is not readable. Check the path given to --runs."
    );
  });

  it("names a file that does not exist, or is a folder, when the build reads it (in parts when large)", async () => {
    const folder = dirname(tempFile("runs.csv", ""));
    const read = (path: string) => readRunsFileParallel(path, new RunAccumulator(), {name: path});
    await expect(read("/nonexistent/runs.csv")).rejects.toThrow("Cannot read the runs file /nonexistent/runs.csv: it does not exist");
    await expect(read(folder)).rejects.toThrow(
      `Cannot read the runs file ${folder}: it is a folder. Give --runs the path of a .csv or .json file in it.`
    );
  });
});

describe("readRunsFile: a file without line breaks", () => {
  it("stops at a record longer than maxRecordSize instead of reading the file whole", async () => {
    const path = tempFile("runs.csv", `${HEADER}\nm,T0,1,2,3,4\n${"x".repeat(5000)}`);
    const error = await readRunsFile(path, () => {}, {name: "runs.csv", maxRecordSize: 1000}).catch((e: unknown) => e);
    expect((error as Error).message).toBe(
      "runs.csv:3:1: row is longer than 1000 characters; expected a CSV file with one run per line; is this a runs file?"
    );
  });
});

describe("readRunsFile: CSV as spreadsheets and harnesses write it", () => {
  it("reads a byte-order mark, CRLF line ends, quoted commas, quotes and line breaks, and spaces around numbers", async () => {
    const text =
      `\uFEFF${HEADER},note\r\n` +
      `"m, large",T0, 12 ,2,3,4,"said ""hi"""\r\n` +
      `m,T1,1,2,3,4,"two\r\nlines"\r\n` +
      `m,T2,1,2,3,4,plain\r\n`;
    const {runs, lines, stats} = await read(text);
    expect(runs.map((r) => [r.agent_model, r.tier, r.tokens])).toEqual([
      ["m, large", "T0", [12, 4, 2, 3]],
      ["m", "T1", [1, 4, 2, 3]],
      ["m", "T2", [1, 4, 2, 3]]
    ]);
    expect(lines).toEqual([2, 3, 5]);
    expect(stats.columns[0]).toBe("agent_model");
  });

  for (const [name, eol] of [
    ["LF", "\n"],
    ["CRLF", "\r\n"],
    ["CR", "\r"]
  ]) {
    it(`gives the right line for a row after quoted fields with ${name} line breaks inside`, async () => {
      const text = [
        `${HEADER},note`,
        `m,T0,1,2,3,4,"a${eol}b${eol}${eol}c"`,
        "",
        `m,T0,1,2,3,4,x`,
        `m,T0,1,2,bad,4,x`,
        ""
      ].join(eol);
      // Lines: 1 header, 2 to 5 the quoted record, 6 empty, 7 a good row, 8 the bad one.
      expect(await problems(text)).toEqual([
        `runs.csv:8:5 (column cache_creation_tokens): "bad" is not a number; ${EXPECTED_COUNT}`
      ]);
    });
  }

  it("reports a row with fewer or more fields than the header", async () => {
    expect(await problems(`${HEADER}\nm,T0,1,2,3\nm,T0,1,2,3,4,5\n`)).toEqual([
      "runs.csv:2:6: row has 5 fields but the header has 6; expected one field per header column (quote fields that contain commas)",
      'runs.csv:3:7: "5" row has 7 fields but the header has 6; expected one field per header column (quote fields that contain commas)'
    ]);
  });

  it("reports an empty agent_model or tier", async () => {
    expect(await problems(`${HEADER}\n ,T0,1,2,3,4\nm,,1,2,3,4\n`)).toEqual([
      `runs.csv:2:1 (column agent_model): " " agent_model is empty; expected the model's name`,
      "runs.csv:3:2 (column tier): tier is empty; expected a tier label such as T0"
    ]);
  });

  it("reports a quoted field that is never closed at the line where it opens", async () => {
    const [line] = await problems(`${HEADER}\nm,T0,1,2,3,4\nm,T0,"1,2,3,4\nm,T1,1,2,3,4\n`);
    expect(line).toBe(
      'runs.csv:3:3: a quoted field that starts in this row is never closed; expected fields that hold commas, quotes or line breaks in double quotes, with quotes inside them doubled: "say ""hi"""'
    );
  });

  it("reports a stray quote at its line and field, after a multi-line CRLF field and the rows before it", async () => {
    const lines = await problems(`${HEADER},note\r\nm,T0,1,2,3,4,"a\r\nb"\r\nm,T0,x,2,3,4,n\r\nm,T0,1,2"x",3,4,n\r\n`);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe(`runs.csv:4:3 (column input_tokens): "x" is not a number; ${EXPECTED_COUNT}`);
    expect(lines[1]).toMatch(/^runs\.csv:5:4: "2" has a quote inside a field that does not start with one; expected /);
  });
});

describe("readRunsFile: a JSON array of records", () => {
  it("reads records from a .json file, null and missing keys as empty cells", async () => {
    const text = JSON.stringify([
      {
        agent_model: "m",
        tier: "T0",
        input_tokens: 1,
        output_tokens: 2,
        cache_creation_tokens: 3,
        cache_read_tokens: 4,
        passed: true
      },
      {
        agent_model: "m",
        tier: "T1",
        input_tokens: "5",
        output_tokens: null,
        cache_creation_tokens: 0,
        cache_read_tokens: 1e5
      }
    ]);
    const {runs, stats} = await read(text, "runs.json");
    expect(runs.map((r) => [r.tier, r.tokens, r.passed])).toEqual([
      ["T0", [1, 4, 2, 3], true],
      ["T1", [5, 100000, null, 0], null]
    ]);
    expect(stats.emptyCells.output_tokens).toBe(1);
    expect(stats.emptyCells.passed).toBe(1);
  });

  it("reports a bad cell at the line and column where its record starts", async () => {
    const text = `[\n  {"agent_model": "m", "tier": "T0", "input_tokens": 1, "output_tokens": 2, "cache_creation_tokens": 3, "cache_read_tokens": 4},\n  {"agent_model": "m", "tier": "T1", "input_tokens": -5, "output_tokens": 2, "cache_creation_tokens": 3, "cache_read_tokens": 4}\n]`;
    expect(await problems(text, "runs.json")).toEqual([
      `runs.json:3:3 (column input_tokens): "-5" is negative; ${EXPECTED_COUNT}`
    ]);
  });

  it("reports malformed JSON with its line and column", async () => {
    const [line] = await problems(
      '[\n  {"agent_model": "m", "tier": "T0",\n   "input_tokens": 1,, "output_tokens": 2}\n]',
      "runs.json"
    );
    expect(line).toMatch(/^runs\.json:3:22: ", \\"output_tokens\\": 2}" is not valid JSON: /);
  });

  it("rejects JSON that is not an array of records", async () => {
    expect((await problems('{"agent_model": "m"}', "runs.json"))[0]).toMatch(
      /^runs\.json:1:1: .* is not a JSON array; expected /
    );
    expect(await problems("[]", "runs.json")).toEqual([
      "runs.json:1:1: the JSON array holds no records; expected at least one record"
    ]);
  });
});
