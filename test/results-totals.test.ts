import {priceLookup, readPriceFile} from "../loaders/prices.ts";
import {execFileSync} from "node:child_process";
import {readFileSync} from "node:fs";
import {csvParse} from "d3";
import {describe, expect, it} from "vitest";
import {buildReport} from "../loaders/report.ts";
import {reconcileRun, useCost, type PriceRecord} from "../loaders/results/model-cost.ts";
import {readResultsDir} from "../loaders/results/read-results-dir.ts";
import {HARNESS_COLUMNS} from "../loaders/results/runs-columns.ts";
import {HAS_SHARED_DATA, sharedPath} from "./support/shared-data.ts";
import {ROOT} from "./support/build-site.ts";

const RAW = sharedPath("scylla-dryrun", "raw");
const RUNS = sharedPath("scylla-dryrun", "runs.csv");
const quiet = {log: () => {}};

// Published list prices of the three models of the dryrun, US dollars per million tokens. Only
// for these tests: the project's own price table lives in the price data file.
const DRYRUN_PRICES: Record<string, PriceRecord> = {
  "claude-sonnet-4-5-20250929": {input: 3, cacheRead: 0.3, output: 15, cacheWrite5m: 3.75, cacheWrite1h: 6},
  "claude-haiku-4-5-20251001": {input: 1, cacheRead: 0.1, output: 5, cacheWrite5m: 1.25, cacheWrite1h: 2},
  "claude-opus-4-5-20251101": {input: 5, cacheRead: 0.5, output: 25, cacheWrite5m: 6.25, cacheWrite1h: 10}
};
const priceOf = (model: string) => DRYRUN_PRICES[model];

describe("useCost", () => {
  it("prices one-hour cache writes at their own price and the rest as five-minute writes", () => {
    const use = {
      model: "m",
      role: "main" as const,
      tokens: [1e6, 2e6, 3e6, 4e6] as [number, number, number, number],
      cacheWrite1h: 1e6,
      costUSD: null
    };
    const cost = useCost(use, DRYRUN_PRICES["claude-sonnet-4-5-20250929"]);
    expect(cost.input).toBeCloseTo(3, 12);
    expect(cost.cacheRead).toBeCloseTo(2 * 0.3, 12);
    expect(cost.output).toBeCloseTo(3 * 15, 12);
    expect(cost.cacheWrite).toBeCloseTo(3 * 3.75 + 1 * 6, 12);
    expect(cost.total).toBeCloseTo(3 + 0.6 + 45 + 17.25, 12);
  });
});

describe.skipIf(!HAS_SHARED_DATA)("every model of the dryrun runs", () => {
  it("the main-model scope from the raw results equals the one from runs.csv", async () => {
    const fromRuns = (await buildReport([RUNS], quiet)).views[0].groups;
    const fromResults = (await buildReport([], {...quiet, results: [RAW]})).views[0].groups;
    expect(fromResults.length).toBe(7);
    const numbers = (g: (typeof fromRuns)[number]) => [
      g.agent_model,
      g.tier,
      g.runs,
      g.input_tokens,
      g.cache_read_tokens,
      g.output_tokens,
      g.cache_creation_tokens
    ];
    expect(fromResults.map(numbers)).toEqual(fromRuns.map(numbers));
    fromResults.forEach((g, i) => expect(g.cost_usd).toBeCloseTo(fromRuns[i].cost_usd!, 12));
  });

  it("the all-models scope adds the helper's and the delegate's tokens", async () => {
    const report = await buildReport([], {...quiet, results: [RAW]});
    const all = report.results!.views[0].all.groups;
    const t4 = all.find((g) => g.tier === "T4")!;
    // Sonnet (main) + Haiku (helper) + Opus (delegate), from T4's modelUsage.
    expect([t4.input_tokens, t4.cache_read_tokens, t4.output_tokens, t4.cache_creation_tokens]).toEqual([
      23 + 1316 + 4,
      91828 + 0 + 4374,
      725 + 93 + 374,
      23556 + 0 + 4532
    ]);
    expect(t4.cache_efficiency).toBeCloseTo(96202 / (1343 + 96202), 12);
    expect(t4.cache_efficiency! * 100).toBeCloseTo(98.62, 2);
    expect(report.views[0].groups.find((g) => g.tier === "T4")!.cache_efficiency).toBeCloseTo(91828 / (23 + 91828), 12);

    const t0 = all.find((g) => g.tier === "T0")!;
    expect([t0.input_tokens, t0.output_tokens]).toEqual([29 + 3774, 656 + 191]);

    const fresh = report.results!.views[0].byRole.filter((d) => d.tier === "T4" && d.token_type === "input_tokens");
    expect(fresh.map((d) => [d.role, d.tokens, d.models])).toEqual([
      ["main", 23, "claude-sonnet-4-5-20250929"],
      ["helper", 1316, "claude-haiku-4-5-20251001"],
      ["delegate", 4, "claude-opus-4-5-20251101"]
    ]);
    expect(fresh[1].share).toBeCloseTo(1316 / 1343, 12);
  });

  it("the prices reproduce each model's recorded costUSD and each run's total_cost_usd", async () => {
    const {results} = await readResultsDir(RAW);
    const t4 = reconcileRun(
      results.find((r) => r.tier === "T4")!,
      priceOf
    );
    const opus = t4.models.find((m) => m.model === "claude-opus-4-5-20251101")!;
    expect(opus.recorded).toBe(0.039882);
    expect(opus.priced).toBeCloseTo((4 * 5 + 4374 * 0.5 + 374 * 25 + 4532 * 6.25) / 1e6, 12);
    expect(opus.priced).toBeCloseTo(0.03988, 5);

    for (const result of results) {
      const {models, recordedTotal, pricedTotal} = reconcileRun(result, priceOf);
      for (const m of models) expect(Math.abs(m.priced! - m.recorded), `${result.tier} ${m.model}`).toBeLessThan(1e-6);
      expect(Math.abs(pricedTotal! - recordedTotal), result.tier).toBeLessThan(1e-6);
    }
  });

  it("says per tier how much of the recorded cost the main model explains", async () => {
    const report = await buildReport([], {...quiet, results: [RAW], priceOf});
    const costs = report.results!.views[0].costs;
    const t4 = costs.find((c) => c.tier === "T4")!;
    expect(t4.main_share).toBeCloseTo(0.1268274 / 0.1684904, 9);
    expect(t4.helper + t4.delegate).toBeCloseTo(0.001781 + 0.039882, 12);
    expect(t4.priced!.delegate).toBeCloseTo(0.039882, 9);
    expect(t4.priced_by_type!.delegate).toEqual(
      [4 * 5, 4374 * 0.5, 374 * 25, 4532 * 6.25].map((usd) => expect.closeTo(usd / 1e6, 12))
    );
    expect(t4.priced_by_type!.helper).toEqual([1316 * 1, 0, 93 * 5, 0].map((usd) => expect.closeTo(usd / 1e6, 12)));
    const t0 = costs.find((c) => c.tier === "T0")!;
    expect(t0.main_share).toBeCloseTo(0.1303803 / 0.1351093, 9);
    expect(t0.priced!.main).toBeCloseTo((29 * 3 + 112686 * 0.3 + 656 * 15 + 23106 * 3.75) / 1e6, 12);
  });

  it("the all-models cost figure prices every model at its own price and adds up to the recorded total", async () => {
    const report = await buildReport([], {...quiet, results: [RAW], priceOf});
    const t4 = report.results!.views[0].all.costLong.filter((d) => d.tier === "T4");
    const cost = Object.fromEntries(t4.map((d) => [d.token_type, d.cost]));
    // Sonnet (main), Haiku (helper) and Opus (delegate) at their list prices; one run, so the mean is the run.
    expect(cost.input_tokens).toBeCloseTo((23 * 3 + 1316 * 1 + 4 * 5) / 1e6, 12);
    expect(cost.cache_read_tokens).toBeCloseTo((91828 * 0.3 + 0 * 0.1 + 4374 * 0.5) / 1e6, 12);
    expect(cost.output_tokens).toBeCloseTo((725 * 15 + 93 * 5 + 374 * 25) / 1e6, 12);
    const sum = t4.reduce((a, d) => a + d.cost!, 0);
    expect(Math.abs(sum - 0.1684904)).toBeLessThan(1e-6);
    const output = t4.find((d) => d.token_type === "output_tokens")!;
    expect(output.cost_share).toBeCloseTo(cost.output_tokens! / sum, 12);
    expect(output.tokens).toBe(725 + 93 + 374);

    // A run with a model the prices do not know gets no cost, never a cost of zero.
    const partial = await buildReport([], {...quiet, results: [RAW], priceOf: (model) => (model.includes("opus") ? undefined : priceOf(model))});
    const all = partial.results!.views[0].all.costLong;
    expect(all.filter((d) => d.tier === "T4").map((d) => d.cost)).toEqual([null, null, null, null]);
    expect(all.find((d) => d.tier === "T0" && d.token_type === "output_tokens")!.cost).toBeCloseTo((656 * 15 + 191 * 5) / 1e6, 12);
  });

  it("npm run runs writes the harness's columns as runs.csv has them", () => {
    const csv = execFileSync(
      process.execPath,
      ["--import", "tsx", "scripts/runs.ts", "--results", RAW, "--experiment", "2026-01-20T06-13-07-test-001"],
      {
        cwd: ROOT,
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"]
      }
    );
    const written = csvParse(csv);
    const harness = csvParse(readFileSync(RUNS, "utf8"));
    expect(written.columns.slice(0, HARNESS_COLUMNS.length)).toEqual(harness.columns);
    const compared = [
      "experiment",
      "agent_model",
      "tier",
      "subtest",
      "run_number",
      "cost_usd",
      "input_tokens",
      "output_tokens",
      "cache_creation_tokens",
      "cache_read_tokens",
      "total_tokens",
      "exit_code"
    ];
    expect(written.map((r) => compared.map((c) => r[c]))).toEqual(harness.map((r) => compared.map((c) => r[c])));
    const t4 = written.find((r) => r.tier === "T4")!;
    expect([t4.helper_input_tokens, t4.delegate_input_tokens, t4.delegate_cost_usd, t4.delegate_models]).toEqual([
      "1316",
      "4",
      "0.039882",
      "claude-opus-4-5-20251101"
    ]);
  });
});

describe("priceLookup", () => {
  it("gives the project's price table the list prices the dryrun's recorded costs were computed with", async () => {
    const lookup = priceLookup(await readPriceFile());
    for (const [model, prices] of Object.entries(DRYRUN_PRICES)) expect(lookup(model), model).toEqual(prices);
    expect(lookup("gpt-4o")).toBeUndefined();
  });
});
