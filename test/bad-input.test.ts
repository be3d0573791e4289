// @vitest-environment jsdom
import {execFileSync} from "node:child_process";
import {createWriteStream, mkdtempSync, readFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {csvParse} from "d3";
import {describe, expect, it} from "vitest";
import {buildReport, type Report, type ReportOptions} from "../loaders/report.ts";
import {readRunsFile, type Run} from "../loaders/read-runs.ts";
import {DataQuality, qualityNotes} from "../src/components/data-quality.ts";
import {GroupTable} from "../src/components/report-parts.ts";
import {TokenDistribution} from "../src/components/token-distribution.ts";
import {HAS_SHARED_DATA, sharedPath} from "./support/shared-data.ts";
import {tempFile} from "./support/temp-files.ts";

const HEADER =
  "experiment,agent_model,tier,subtest,run_number,input_tokens,output_tokens,cache_creation_tokens,cache_read_tokens,total_tokens";

/** The report of one runs file written from text, with the lines it logged. */
async function reportOf(
  text: string,
  options: ReportOptions = {},
  name = "runs.csv"
): Promise<{report: Report; log: string[]}> {
  const log: string[] = [];
  const report = await buildReport([tempFile(name, text)], {...options, log: (line) => log.push(line)});
  return {report, log};
}

function group(report: Report, agent_model: string, tier: string) {
  return report.views[0].groups.find((g) => g.agent_model === agent_model && g.tier === tier);
}

function quality(report: Report, agent_model: string, tier: string) {
  return report.dataQuality.groups.find((g) => g.agent_model === agent_model && g.tier === tier);
}

// A runs file with two groups of model m: T0 with tokens, T1 whose runs all have zero tokens.
const ZERO_GROUP = `${HEADER}\ne1,m,T0,00,1,10,30,40,20,100\ne1,m,T1,00,1,0,0,0,0,0\ne1,m,T1,00,2,0,0,0,0,0\n`;

describe("a (model, tier) group where every token is zero", () => {
  it("has no shares and is marked no tokens, and the other groups keep theirs", async () => {
    const {report} = await reportOf(ZERO_GROUP);
    const t1 = group(report, "m", "T1")!;
    expect([t1.runs, t1.total, t1.zero_runs]).toEqual([2, 0, 2]);
    expect(Object.values(t1.shares)).toEqual([null, null, null, null]);
    expect(report.views[0].long.filter((d) => d.tier === "T1").map((d) => d.share)).toEqual([null, null, null, null]);
    expect(group(report, "m", "T0")!.shares).toEqual({
      input_tokens: 0.1,
      cache_read_tokens: 0.2,
      output_tokens: 0.3,
      cache_creation_tokens: 0.4
    });
    expect(quality(report, "m", "T1")!.no_tokens).toBe(true);
    expect(quality(report, "m", "T0")!.no_tokens).toBe(false);
  });

  it("draws four segments for T0 and the words no tokens for T1, in the figure and the table", async () => {
    const {report} = await reportOf(ZERO_GROUP);
    const figure = TokenDistribution(
      {long: report.views[0].long, models: report.models, tiers: report.tiers},
      {document}
    );
    expect(figure.querySelectorAll('g[aria-label="bar"] rect')).toHaveLength(4);
    // Besides "no tokens", the only text marks are the small-sample labels of these 1- and 2-run groups.
    const texts = Array.from(figure.querySelectorAll('g[aria-label="text"] text'), (t) => t.textContent);
    expect(texts.filter((t) => !/^n=\d+†$/.test(t!))).toEqual(["no tokens"]);
    const rows = Array.from(GroupTable(report.views[0].groups).querySelectorAll("tbody tr"), (tr) =>
      Array.from(tr.children, (td) => td.textContent).join("|")
    );
    // Both groups have fewer than 3 runs, so every cell carries the small-sample mark †. Cache
    // efficiency 20 / (10 + 20) = 66.67 %, hit rate 20 / (10 + 20 + 40) = 28.57 %.
    expect(rows.map((row) => row.replaceAll("†", ""))).toEqual([
      "m|T0|1|10|20|30|40|100|10 %|20 %|30 %|40 %|66.67 %|28.57 %",
      "m|T1|2|0|0|0|0|no tokens|–|–|–|–|–|–"
    ]);
  });
});

describe("runs whose four token counts are all zero", () => {
  const text = `${HEADER}\ne1,m,T0,00,1,100,20,30,40,190\ne1,m,T0,00,2,0,0,0,0,0\ne1,m,T1,00,1,0,0,0,0,0\ne1,m,T2,00,1,8,8,8,8,32\n`;

  it("stay in the means and are counted per group and per file", async () => {
    const {report, log} = await reportOf(text);
    expect(group(report, "m", "T0")!.input_tokens).toBe((100 + 0) / 2);
    expect([
      quality(report, "m", "T0")!.zero_runs,
      quality(report, "m", "T1")!.zero_runs,
      quality(report, "m", "T2")!.zero_runs
    ]).toEqual([1, 1, 0]);
    expect(report.dataQuality.zeroRuns).toBe(2);
    expect(report.dataQuality.files[0].zeroRuns).toBe(2);
    expect(log[0]).toMatch(/^read \S*runs\.csv: 4 rows, 3 new groups, no empty cells; 2 all-zero runs kept \(\d+ ms\)$/);
    expect(qualityNotes(report.dataQuality, false)).toContain(
      "2 runs have all four token counts zero (a run that stopped before any model call). They stay in the means; build with --exclude-empty-runs to leave them out."
    );
  });

  it("are left out with excludeEmptyRuns, counted per group, and the page says so", async () => {
    const {report, log} = await reportOf(text, {excludeEmptyRuns: true});
    expect(group(report, "m", "T0")!.input_tokens).toBe(100);
    expect(group(report, "m", "T0")!.runs).toBe(1);
    expect(group(report, "m", "T1")).toBeUndefined();
    expect(report.excludedEmptyRuns).toBe(2);
    expect(report.dataQuality.excludedEmptyRuns).toBe(2);
    expect(quality(report, "m", "T0")).toMatchObject({runs: 1, zero_runs: 0, excluded_empty_runs: 1, no_tokens: false});
    expect(quality(report, "m", "T1")).toMatchObject({runs: 0, zero_runs: 0, excluded_empty_runs: 1, no_tokens: true});
    expect(log[0]).toMatch(/; 2 all-zero runs left out \(--exclude-empty-runs\) \(\d+ ms\)$/);
    expect(qualityNotes(report.dataQuality, true)).toContain(
      "2 runs whose four token counts were all zero were left out of the means (the build was run with --exclude-empty-runs)."
    );
    const page = DataQuality(report.dataQuality, report.options);
    expect(page.textContent).toContain("left out of the means");
    const t1 = Array.from(page.querySelectorAll("tr")).find(
      (tr) => tr.firstElementChild?.textContent === "m" && tr.children[1].textContent === "T1"
    );
    expect(Array.from(t1!.children, (td) => td.textContent)).toEqual([
      "m",
      "T1",
      "0",
      "1 (1 left out)",
      "0",
      "0",
      "no tokens"
    ]);
  });
});

describe("rows that repeat (experiment, model, tier, subtest, run number)", () => {
  const text =
    `${HEADER}\n` +
    "e1,m,T0,00,1,10,1,1,1,13\n" +
    "e1,m,T0,00,1,20,1,1,1,23\n" + // a repeat of the row above, with other tokens
    "e2,m,T0,00,1,30,1,1,1,33\n" + // another experiment
    "e1,m,T0,01,1,40,1,1,1,43\n" + // another subtest
    "e1,m,T1,00,1,50,1,1,1,53\n" + // another tier
    "e1,m,T0,00,1,60,1,1,1,63\n"; // the same key a third time

  it("are all kept in the means and counted per group", async () => {
    const {report, log} = await reportOf(text);
    const t0 = group(report, "m", "T0")!;
    expect(t0.runs).toBe(5);
    expect(t0.input_tokens).toBe((10 + 20 + 30 + 40 + 60) / 5);
    expect(quality(report, "m", "T0")!.repeats).toBe(2);
    expect(quality(report, "m", "T1")!.repeats).toBe(0);
    expect(report.dataQuality.repeats).toBe(2);
    expect(log[0]).toMatch(/; 2 repeated runs \(\d+ ms\)$/);
  });

  it("stop being remembered past maxRunKeys, and the report says the counts are a lower bound", async () => {
    const {report, log} = await reportOf(text, {maxRunKeys: 2});
    // Remembered: e1/T0/00/1 and e2/T0/00/1. Not remembered: e1/T0/01/1 and e1/T1/00/1.
    expect(report.dataQuality.repeatCheck).toEqual({maxRunKeys: 2, runKeys: 2, uncheckedRuns: 2});
    expect(report.dataQuality.repeats).toBe(2);
    expect(log).toContain(
      "warning: the repeat check stopped remembering run keys after 2; 2 later runs with a new key were not checked, so the repeat counts are a lower bound."
    );
    expect(qualityNotes(report.dataQuality, false)).toContain(
      "The repeat check remembers at most 2 run keys; 2 later rows with a new key were not checked, so the repeat counts are a lower bound."
    );
  });
});

describe("a total_tokens column that disagrees with the four token columns", () => {
  const text =
    `${HEADER}\n` +
    "e1,m,T0,00,1,10,20,30,40,100\n" + // agrees
    "e1,m,T0,00,2,10,20,30,40,60\n" + // cached tokens counted inside input: 10 + 20 + 30
    "e1,m,T0,00,3,10,20,30,40,\n" + // no total
    "e1,m,T1,00,1,10,,30,40,80\n"; // empty output cell: the total cannot be checked

  it("is counted, warned about in the build log and the page, and the four columns are used", async () => {
    const {report, log} = await reportOf(text);
    expect(report.dataQuality.totalTokensChecked).toBe(2);
    expect(report.dataQuality.totalMismatches).toBe(1);
    expect(quality(report, "m", "T0")!.total_mismatches).toBe(1);
    expect(group(report, "m", "T0")!.total).toBe(100);
    expect(log[0]).toMatch(
      /^read \S*runs\.csv: 4 rows, 2 new groups, empty cells: output_tokens 1, total_tokens 1 \(\d+ ms\)$/
    );
    expect(log[1]).toMatch(/^warning: \S*runs\.csv: 1 of 2 rows/);
    expect(log[1]).toContain(
      ": 1 of 2 rows has a total_tokens that differs from the sum of the four token columns. " +
        "The report uses the four columns; check whether the harness counted cached tokens inside input_tokens."
    );
    expect(
      qualityNotes(report.dataQuality, false).some((n) =>
        n.startsWith("Warning: 1 of 2 rows with a total_tokens value and all four token counts has a total")
      )
    ).toBe(true);
  });
});

describe("tier labels of several styles", () => {
  it("are ordered by their number, then unnumbered labels alphabetically", async () => {
    const rows = ["T10", "baseline", "T2", "t3", "Tier 4"].map((tier, i) => `e1,m,${tier},00,${i},1,1,1,1,4`);
    const {report} = await reportOf(`${HEADER}\n${rows.join("\n")}\n`);
    expect(report.tiers).toEqual(["T2", "t3", "Tier 4", "T10", "baseline"]);
    expect(report.views[0].groups.map((g) => g.tier)).toEqual(["T2", "t3", "Tier 4", "T10", "baseline"]);
  });
});

describe("a JSON array of records", () => {
  it("gives the same report as the same runs in CSV", async () => {
    const records = csvParse(ZERO_GROUP).map((d) => ({...d, input_tokens: Number(d.input_tokens)}));
    const fromJson = await reportOf(JSON.stringify(records, null, 2), {}, "runs.json");
    const fromCsv = await reportOf(ZERO_GROUP);
    expect(fromJson.report.views).toEqual(fromCsv.report.views);
    expect(fromJson.log[0]).toMatch(/^read \S*runs\.json: 3 rows, 2 new groups, no empty cells; 2 all-zero runs kept/);
  });
});

describe("values from the runs file on the page", () => {
  const model = "<img src=x onerror=alert(1)>";
  const tier = "<script>alert(2)</script>";
  const text = `${HEADER}\ne1,${model},${tier},00,1,10,20,30,40,100\ne1,${model},T1,00,1,0,0,0,0,0\n`;

  it("are text in the figure, the tables and the data-quality section, never markup", async () => {
    const {report} = await reportOf(text);
    expect(report.models).toEqual([model]);
    document.body.replaceChildren(
      TokenDistribution({long: report.views[0].long, models: report.models, tiers: report.tiers}, {document}),
      GroupTable(report.views[0].groups),
      DataQuality(report.dataQuality, report.options)
    );
    expect(document.body.querySelectorAll("img, script")).toHaveLength(0);
    const texts = Array.from(document.body.querySelectorAll("td, text"), (e) => e.textContent);
    expect(texts.filter((t) => t === model).length).toBeGreaterThanOrEqual(5); // facet header, 2 + 2 table cells
    expect(texts.filter((t) => t === tier).length).toBeGreaterThanOrEqual(3); // x axis, one cell in each table
    expect(document.body.textContent).toContain(`${model} T1.`); // the note on groups with no tokens
  });
});

describe("a file too large for memory", () => {
  it("is streamed: rows reach the aggregation while the file is still being written", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "token-report-")), "runs.csv");
    execFileSync("mkfifo", [path]);
    const writer = createWriteStream(path);
    writer.write(`${HEADER}\ne1,m,T0,00,1,1,2,3,4,10\ne1,m,T0,00,2,5,6,7,8,26\n`);

    // The last row is written only after the reader has handed on the first one; a reader that
    // waited for the whole file would wait forever. (csv-parse holds back the last record it has
    // until more text arrives, so the second row is already there.)
    const runs: Run[] = [];
    let firstRun!: () => void;
    const first = new Promise<void>((resolve) => (firstRun = resolve));
    const reading = readRunsFile(path, (run) => runs.push(run) === 1 && firstRun());
    await first;
    expect(runs.length).toBeLessThan(3);
    writer.end("e1,m,T0,00,3,0,0,0,1,1\n");
    expect((await reading).rows).toBe(3);
    expect(runs.map((r) => r.tokens)).toEqual([
      [1, 4, 2, 3],
      [5, 8, 6, 7],
      [0, 1, 0, 0]
    ]);
  }, 20_000);
});

describe.skipIf(!HAS_SHARED_DATA)("the data-quality counts of the haiku runs", () => {
  it("match all-zero runs and repeated run keys counted here from the CSV", async () => {
    const path = sharedPath("scylla-haiku-2026-02", "runs.csv");
    const rows = csvParse(readFileSync(path, "utf8"));
    const tokens = ["input_tokens", "output_tokens", "cache_creation_tokens", "cache_read_tokens"];
    const zero = rows.filter((d) => tokens.every((t) => d[t] === "0")).length;
    const keys = rows.map((d) => [d.experiment, d.agent_model, d.tier, d.subtest, d.run_number].join("|"));
    const repeats = keys.length - new Set(keys).size;

    const report = await buildReport([path], {log: () => {}});
    expect(report.dataQuality.rows).toBe(rows.length);
    expect(report.dataQuality.zeroRuns).toBe(zero);
    expect(report.dataQuality.repeats).toBe(repeats);
    expect(report.dataQuality.groups.reduce((n, g) => n + g.runs, 0)).toBe(rows.length);
    expect(report.dataQuality.files[0].emptyCells.api_calls).toBe(rows.filter((d) => d.api_calls === "").length);
  });
});
