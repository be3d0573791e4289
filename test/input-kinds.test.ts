// Runs files, aggregates files and results directories together: what the data-quality section
// says of each kind, and a run given both as a runs file's row and as a raw result.
import {cpSync, mkdtempSync, readFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {csvParse} from "d3";
import {describe, expect, it} from "vitest";
import {buildReport} from "../loaders/report.ts";
import {qualityNotes} from "../src/components/data-quality.ts";
import {HAS_SHARED_DATA, sharedPath} from "./support/shared-data.ts";
import {tempFile} from "./support/temp-files.ts";

const RAW = sharedPath("scylla-dryrun", "raw");
const RUNS = sharedPath("scylla-dryrun", "runs.csv");
const quiet = {log: () => {}};

// The dryrun's raw results in a folder named after the experiment its runs file records.
function resultsNamedAfterExperiment(): string {
  const experiment = csvParse(readFileSync(RUNS, "utf8"))[0].experiment;
  const dir = join(mkdtempSync(join(tmpdir(), "token-report-results-")), experiment);
  cpSync(RAW, dir, {recursive: true});
  return dir;
}

describe.skipIf(!HAS_SHARED_DATA)("a run in both a runs file and a results directory", () => {
  it("is counted once, from the runs file, when the experiment names agree", async () => {
    const alone = await buildReport([RUNS], quiet);
    const both = await buildReport([RUNS], {...quiet, results: [resultsNamedAfterExperiment()]});

    expect(both.dataQuality.resultsOverlap).toMatchObject({countedOnce: 7, otherExperiment: 0});
    expect(both.views[0].groups.map((g) => g.runs)).toEqual(alone.views[0].groups.map((g) => g.runs));
    expect(both.views[0].long).toEqual(alone.views[0].long);
    expect(both.dataQuality.repeats).toBe(0);
    // The figures over every model still come from the results: all seven runs.
    expect(both.results!.views[0].all.groups.reduce((n, g) => n + g.runs, 0)).toBe(7);
    expect(qualityNotes(both.dataQuality, false)[0]).toBe("Read 7 rows from 1 runs file and 7 runs from 1 results directory.");
    expect(qualityNotes(both.dataQuality, false)[1]).toMatch(/^7 runs of the results are also in a runs file .* count each once/);
  });

  it("is counted twice, with a warning naming the runs file's experiment, when the names differ", async () => {
    const messages: string[] = [];
    const experiment = csvParse(readFileSync(RUNS, "utf8"))[0].experiment;
    const both = await buildReport([RUNS], {log: (m) => messages.push(m), results: [RAW]});

    expect(both.dataQuality.resultsOverlap).toEqual({countedOnce: 0, otherExperiment: 7, otherExperiments: [experiment]});
    expect(both.views[0].groups.every((g) => g.runs === 2)).toBe(true);
    expect(messages.find((m) => m.startsWith("warning: 7 runs of the results have the model"))).toContain(experiment);
    expect(qualityNotes(both.dataQuality, false).find((n) => n.startsWith("Warning:"))).toContain("counted twice");
  });

  it("names a results directory as what it is in the data-quality section", async () => {
    const report = await buildReport([], {...quiet, results: [RAW]});
    expect(report.dataQuality.files).toMatchObject([{kind: "results", file: RAW, rows: 7}]);
    expect(report.dataQuality.rows).toBe(7);
    expect(qualityNotes(report.dataQuality, false)[0]).toBe("Read 7 runs from 1 results directory.");
    expect(report.dataQuality.resultsOverlap).toEqual({countedOnce: 0, otherExperiment: 0, otherExperiments: []});
  });
});

describe("an aggregates file in the data-quality section", () => {
  const aggregates = tempFile(
    "aggregates.csv",
    [
      "agent_model,tier,runs,input_tokens_sum,input_tokens_count,cache_read_tokens_sum,cache_read_tokens_count," +
        "output_tokens_sum,output_tokens_count,cache_creation_tokens_sum,cache_creation_tokens_count",
      "M,T1,4,0,4,0,4,0,4,0,4",
      "M,T2,2,20,2,200,2,40,2,60,2"
    ].join("\n")
  );
  const runs = tempFile(
    "runs.csv",
    ["agent_model,tier,input_tokens,cache_read_tokens,output_tokens,cache_creation_tokens", "M,T2,0,0,0,0", "M,T2,5,5,5,5"].join("\n")
  );

  it("marks its runs as not checked, and says so", async () => {
    const report = await buildReport([runs], {...quiet, aggregates: [aggregates]});
    const {files, groups} = report.dataQuality;
    expect(files.map((f) => [f.kind, f.rows])).toEqual([
      ["runs", 2],
      ["aggregates", 6]
    ]);
    // T1 came from the aggregates file alone; T2 has two runs of each kind.
    expect(groups.map((g) => [g.tier, g.runs, g.unchecked_runs, g.zero_runs, g.no_tokens])).toEqual([
      ["T1", 4, 4, 0, true],
      ["T2", 4, 2, 1, false]
    ]);
    const notes = qualityNotes(report.dataQuality, false);
    expect(notes[0]).toBe("Read 2 rows from 1 runs file and 6 runs from 1 aggregates file.");
    expect(notes[1]).toMatch(/^An aggregates file holds sums and counts only/);
  });
});

describe("the cost of a pass when some runs do not say whether they passed", () => {
  it("divides the mean cost of a run by the pass rate of the runs whose outcome is known", async () => {
    // Three Haiku 4.5 runs of 1e6 fresh input tokens each ($1 a million): one passed, one failed, one unknown.
    const runs = tempFile(
      "runs.csv",
      [
        "agent_model,tier,input_tokens,cache_read_tokens,output_tokens,cache_creation_tokens,passed",
        "Haiku 4.5,T0,1000000,0,0,0,True",
        "Haiku 4.5,T0,1000000,0,0,0,False",
        "Haiku 4.5,T0,1000000,0,0,0,"
      ].join("\n")
    );
    const [cost] = (await buildReport([runs], quiet)).views[0].costs;
    expect([cost.passed, cost.passed_known]).toEqual([1, 2]);
    // Mean cost $1 a run; half of the known runs pass: $2 a pass (not the $3 of all runs ÷ 1 pass).
    expect(cost.cost_per_pass).toBeCloseTo(1 / (1 / 2), 12);
  });
});
