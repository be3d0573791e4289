import {readFileSync} from "node:fs";
import {join} from "node:path";
import {DuckDBInstance} from "@duckdb/node-api";
import {csvParse} from "d3";
import {describe, expect, it} from "vitest";
import {writeSyntheticRuns} from "../bench/synthetic-runs.ts";
import {longTableCsv} from "../loaders/figure-files.ts";
import {RunsFileError} from "../loaders/problems.ts";
import {buildReport, type Report} from "../loaders/report.ts";
import {TOKEN_KEYS} from "../loaders/token-types.ts";
import {ROOT} from "./support/build-site.ts";
import {HAS_SHARED_DATA, sharedPath} from "./support/shared-data.ts";
import {tempFile} from "./support/temp-files.ts";

const quiet = {log: () => {}};
const QUERY = readFileSync(join(ROOT, "sql/aggregates.sql"), "utf8");

/** Runs sql/aggregates.sql in DuckDB over a table `runs` read from the runs files; writes its result as CSV. */
async function aggregateWithDuckDB(runsFiles: string[]): Promise<string> {
  const out = tempFile("aggregates.csv", "");
  const connection = await (await DuckDBInstance.create(":memory:")).connect();
  const files = runsFiles.map((f) => `'${f}'`).join(", ");
  const types = TOKEN_KEYS.map((key) => `'${key}': 'BIGINT'`).join(", ");
  await connection.run(`CREATE VIEW runs AS SELECT * FROM read_csv([${files}], header = true, union_by_name = true, types = {${types}})`);
  await connection.run(`COPY (${QUERY}) TO '${out}' (HEADER, DELIMITER ',')`);
  return out;
}

function syntheticRuns(rows: number): string {
  const path = tempFile("runs.csv", "");
  writeSyntheticRuns(path, {rows, seed: 7});
  return path;
}

/** What the page shows per group: runs and the four means. */
function groupNumbers(report: Report) {
  return report.views[0].groups.map((g) => [g.agent_model, g.tier, g.runs, ...TOKEN_KEYS.map((k) => g[k])]);
}

describe("--aggregates", () => {
  it("building from the query's output in DuckDB gives the same numbers as building from the runs", async () => {
    const runs = syntheticRuns(5_000);
    const direct = await buildReport([runs], quiet);
    const fromAggregates = await buildReport([], {...quiet, aggregates: [await aggregateWithDuckDB([runs])]});

    expect(direct.sources[0].emptyCells.output_tokens).toBeGreaterThan(0);
    expect(groupNumbers(direct)).toHaveLength(21);
    expect(groupNumbers(fromAggregates)).toEqual(groupNumbers(direct));
    expect(longTableCsv(fromAggregates.views[0].long)).toBe(longTableCsv(direct.views[0].long));
    expect(fromAggregates.sources[0].rows).toBe(5_000);
    expect(fromAggregates.sources[0].emptyCells).toMatchObject(pick(direct.sources[0].emptyCells, TOKEN_KEYS));
  });

  it("adds up aggregates of parts of the runs to the numbers of all the runs", async () => {
    const whole = syntheticRuns(3_000);
    const [header, ...lines] = readFileSync(whole, "utf8").trimEnd().split("\n");
    const first = tempFile("first.csv", [header, ...lines.slice(0, 1_234)].join("\n") + "\n");
    const second = tempFile("second.csv", [header, ...lines.slice(1_234)].join("\n") + "\n");
    const parts = [await aggregateWithDuckDB([first]), await aggregateWithDuckDB([second])];

    const direct = await buildReport([whole], quiet);
    const merged = await buildReport([], {...quiet, aggregates: parts});
    expect(groupNumbers(merged)).toEqual(groupNumbers(direct));
    expect(readFileSync(parts[0], "utf8").split("\n")[0]).toBe(
      "agent_model,tier,runs,input_tokens_sum,input_tokens_count,cache_read_tokens_sum,cache_read_tokens_count,output_tokens_sum,output_tokens_count,cache_creation_tokens_sum,cache_creation_tokens_count"
    );
  });

  it("adds aggregates to runs files given with them", async () => {
    const runs = syntheticRuns(2_000);
    const both = await buildReport([runs], {...quiet, aggregates: [await aggregateWithDuckDB([runs])]});
    const direct = await buildReport([runs], quiet);
    expect(both.views[0].groups.map((g) => g.runs)).toEqual(direct.views[0].groups.map((g) => g.runs * 2));
    expect(groupNumbers(both).map((g) => g.slice(3))).toEqual(groupNumbers(direct).map((g) => g.slice(3)));
  });

  it.skipIf(!HAS_SHARED_DATA)("matches the reference long table of the haiku data when built from its aggregates", async () => {
    const aggregates = await aggregateWithDuckDB([sharedPath("scylla-haiku-2026-02", "runs.csv")]);
    const report = await buildReport([], {...quiet, aggregates: [aggregates]});
    const actual = csvParse(longTableCsv(report.views[0].long));
    const expected = csvParse(readFileSync(sharedPath("scylla-haiku-2026-02", "fig07_token_distribution.expected.csv"), "utf8"));
    expect(actual.map((d) => [d.agent_model, d.tier, d.token_type])).toEqual(expected.map((d) => [d.agent_model, d.tier, d.token_type]));
    expected.forEach((e, i) => expect(Math.abs(Number(actual[i].tokens) / Number(e.tokens) - 1)).toBeLessThanOrEqual(1e-9));
  });

  it("reports a cell that is not a whole number with its file, line and column", async () => {
    const header = "agent_model,tier,runs,input_tokens_sum,input_tokens_count,cache_read_tokens_sum,cache_read_tokens_count,output_tokens_sum,output_tokens_count,cache_creation_tokens_sum,cache_creation_tokens_count";
    const path = tempFile("aggregates.csv", `${header}\nm,T0,2,10,2,20,2,30,2,40,2\nm,T1,2,12x,2,20,2,30,2,40,3\n`);
    const error = await buildReport([], {...quiet, aggregates: [path]}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RunsFileError);
    expect((error as Error).message).toContain(`${path}:3:4 (column input_tokens_sum): "12x" is not a number`);
    expect((error as Error).message).toContain(`${path}:3:11 (column cache_creation_tokens_count): "3" is more than the group's 2 runs`);
  });

  it("names the missing columns of a file that is not an aggregates file", async () => {
    const path = tempFile("aggregates.csv", "agent_model,tier,input_tokens\nm,T0,1\n");
    await expect(buildReport([], {...quiet, aggregates: [path]})).rejects.toThrow(/missing columns runs, input_tokens_sum, input_tokens_count/);
  });
});

function pick(object: Record<string, number>, keys: readonly string[]): Record<string, number> {
  return Object.fromEntries(keys.map((k) => [k, object[k]]));
}
