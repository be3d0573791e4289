import {readFileSync} from "node:fs";
import {csvParse} from "d3";
import {describe, expect, it} from "vitest";
import {buildReport} from "../loaders/report.ts";
import {matchModel, parsePriceFile, readPriceFile} from "../loaders/prices.ts";
import {formatRate} from "../src/components/cost-format.ts";
import {HAS_SHARED_DATA, sharedPath} from "./support/shared-data.ts";
import {tempFile} from "./support/temp-files.ts";

const quiet = {log: () => {}};
const HEADER = "agent_model,tier,passed,cost_usd,input_tokens,output_tokens,cache_creation_tokens,cache_read_tokens";

describe.skipIf(!HAS_SHARED_DATA)("cache rates and costs of the dryrun data (one Sonnet 4.5 run per tier)", async () => {
  const report = HAS_SHARED_DATA ? await buildReport([sharedPath("scylla-dryrun", "runs.csv")], quiet) : undefined!;
  const group = (tier: string) => report.views[0].groups.find((g) => g.tier === tier)!;
  const cost = (tier: string) => report.views[0].costs.find((c) => c.tier === tier)!;

  it("computes cache efficiency and hit rate from the T0 and T4 rows", () => {
    // T0: 29 fresh, 656 output, 23,106 written, 112,686 read; T4: 23 fresh, 725 output, 23,556 written, 91,828 read.
    expect(group("T0").cache_efficiency).toBeCloseTo(112686 / (29 + 112686), 12);
    expect(group("T0").cache_hit_rate).toBeCloseTo(112686 / (29 + 112686 + 23106), 12);
    expect(group("T4").cache_efficiency).toBeCloseTo(91828 / (23 + 91828), 12);
    expect(group("T4").cache_hit_rate).toBeCloseTo(91828 / (23 + 91828 + 23556), 12);
    // 99.9749... % shows as 99.97 %, 99.9868 % (T6: 218,778 read, 29 fresh) as 99.99 %.
    expect(formatRate(group("T4").cache_efficiency)).toBe("99.97 %");
    expect(formatRate(218778 / (29 + 218778))).toBe("99.99 %");
    expect(formatRate(0.999996)).toBe("99.9996 %");
  });

  it("splits the T0 cost by token type at the Sonnet 4.5 prices, 5-minute cache writes", () => {
    const c = cost("T0");
    expect(c.priced_as).toBe("Sonnet 4.5");
    expect(c.cost.input_tokens).toBeCloseTo((29 * 3.0) / 1e6, 12);
    expect(c.cost.cache_read_tokens).toBeCloseTo((112686 * 0.3) / 1e6, 12);
    expect(c.cost.output_tokens).toBeCloseTo((656 * 15.0) / 1e6, 12);
    expect(c.cost.cache_creation_tokens).toBeCloseTo((23106 * 3.75) / 1e6, 12);
    const total = (29 * 3 + 112686 * 0.3 + 656 * 15 + 23106 * 3.75) / 1e6; // $0.1303803
    expect(c.total).toBeCloseTo(total, 12);
    expect(c.shares.cache_creation_tokens).toBeCloseTo((23106 * 3.75) / 1e6 / total, 12);
    // Without caching, the 112,686 cached tokens would have cost 3.00 instead of 0.30 per million.
    expect(c.without_cache).toBeCloseTo(total + (112686 * (3 - 0.3)) / 1e6, 12);
    expect(c.savings).toBeCloseTo((112686 * 2.7) / 1e6, 12);
  });

  it("reconciles with cost_usd: T0 explains 96.5 %, T4 only 75 % (helper models)", () => {
    const t0 = (29 * 3 + 112686 * 0.3 + 656 * 15 + 23106 * 3.75) / 1e6;
    const t4 = (23 * 3 + 91828 * 0.3 + 725 * 15 + 23556 * 3.75) / 1e6;
    expect(cost("T0").recorded).toBeCloseTo(0.1351093, 12);
    expect(cost("T0").explained).toBeCloseTo(t0 / 0.1351093, 12);
    expect(cost("T4").explained).toBeCloseTo(t4 / 0.1684904, 12);
    expect(cost("T4").explained).toBeLessThan(0.76);
  });

  it("prices a pass: the one passing run's cost", () => {
    expect(cost("T6").passed).toBe(1);
    expect(cost("T6").cost_per_pass).toBeCloseTo((29 * 3 + 218778 * 0.3 + 722 * 15 + 44337 * 3.75) / 1e6, 12);
    expect(cost("T6").recorded_cost_per_pass).toBeCloseTo(0.24744315, 12);
  });
});

describe.skipIf(!HAS_SHARED_DATA)("costs of the haiku data (model label `haiku`)", () => {
  it("prices `haiku` as Haiku 4.5 and reconciles the T3 means with the file's own arithmetic", async () => {
    const report = await buildReport([sharedPath("scylla-haiku-2026-02", "runs.csv")], quiet);
    expect(report.prices.matches[0]).toMatchObject({model: "haiku", priced_as: "Haiku 4.5"});

    const rows = csvParse(readFileSync(sharedPath("scylla-haiku-2026-02", "runs.csv"), "utf8")).filter((d) => d.tier === "T3");
    const mean = (column: string) => {
      const values = rows.filter((d) => d[column] !== "").map((d) => Number(d[column]));
      return values.reduce((a, b) => a + b, 0) / values.length;
    };
    const priced = (mean("input_tokens") * 1 + mean("cache_read_tokens") * 0.1 + mean("output_tokens") * 5 + mean("cache_creation_tokens") * 1.25) / 1e6;
    const c = report.views[0].costs.find((d) => d.tier === "T3")!;
    expect(c.total).toBeCloseTo(priced, 12);
    expect(c.recorded).toBeCloseTo(mean("cost_usd"), 12);
    expect(c.explained).toBeCloseTo(priced / mean("cost_usd"), 12);

    const sum = (column: string) => rows.reduce((a, d) => a + (d[column] === "" ? 0 : Number(d[column])), 0);
    const passes = rows.filter((d) => d.passed === "True").length;
    const totalCost = (sum("input_tokens") * 1 + sum("cache_read_tokens") * 0.1 + sum("output_tokens") * 5 + sum("cache_creation_tokens") * 1.25) / 1e6;
    expect(c.passed).toBe(passes);
    expect(c.cost_per_pass).toBeCloseTo(totalCost / passes, 10);
  });
});

describe("matchModel", () => {
  it("reads the family and version of the names runs files use", async () => {
    const prices = await readPriceFile();
    const read = (name: string) => matchModel(name, prices).priced_as;
    expect(read("claude-haiku-4-5")).toBe("Haiku 4.5");
    expect(read("claude-haiku-4-5-20251001")).toBe("Haiku 4.5");
    expect(read("Sonnet 4.5")).toBe("Sonnet 4.5");
    expect(read("claude-sonnet-4-5-20250929")).toBe("Sonnet 4.5");
    expect(read("claude-sonnet-4-20250514")).toBe("Sonnet 4");
    expect(read("claude-3-5-haiku-20241022")).toBe("Haiku 3.5");
    expect(read("claude-opus-4-1")).toBe("Opus 4.1");
    expect(read("haiku")).toBe("Haiku 4.5");
    expect(read("SONNET")).toBe("Sonnet 4.5");
  });

  it("leaves names without a family word, or with an unlisted version, unpriced", async () => {
    const prices = await readPriceFile();
    for (const name of ["gpt-4o", "sonnets-4", "claude-haiku-5-5", "Opus 2"]) {
      const match = matchModel(name, prices);
      expect(match.prices, name).toBeNull();
      expect(match.rule, name).toMatch(/no family name|does not list/);
    }
  });

  it("prices cache writes at the duration the table assumes", async () => {
    const prices = await readPriceFile();
    expect(matchModel("sonnet 4.5", prices).prices!.cache_creation_tokens).toBe(3.75);
    expect(matchModel("sonnet 4.5", {...prices, cache_write_assumed: "1h"}).prices!.cache_creation_tokens).toBe(6);
  });
});

describe("price tables", () => {
  it("rejects a table with a missing price, naming the file and the field", () => {
    const broken = {...JSON.parse(readFileSync("data/prices.json", "utf8"))};
    delete broken.models[0].output;
    expect(() => parsePriceFile(broken, "mine.json")).toThrow(/mine\.json: models\.0\.output/);
  });

  it("lists a model without a price as unpriced and leaves it out of every cost", async () => {
    const runs = tempFile("runs.csv", `${HEADER}\nmystery-model,T0,True,0.5,10,20,30,40\nclaude-haiku-4-5,T0,True,0.5,10,20,30,40\n`);
    const report = await buildReport([runs], quiet);
    expect(report.prices.unpriced).toEqual(["mystery-model"]);
    const mystery = report.views[0].costs.find((c) => c.agent_model === "mystery-model")!;
    expect([mystery.total, mystery.cost.input_tokens, mystery.cost_per_pass, mystery.explained]).toEqual([null, null, null, null]);
    // The cost figure keeps the group, with no cost, so that it says "no price" instead of a bar.
    const long = report.views[0].costLong.filter((d) => d.agent_model === "mystery-model");
    expect(long.map((d) => [d.cost, d.cost_share])).toEqual(Array(4).fill([null, null]));
    expect(long.map((d) => d.tokens)).toEqual([10, 40, 20, 30]);
  });

  it("rejects an unversioned rule that points at a missing row", () => {
    const table = JSON.parse(readFileSync("data/prices.json", "utf8"));
    table.unversioned = {haiku: "9"};
    expect(() => parsePriceFile(table, "mine.json")).toThrow(/mine\.json: unversioned haiku names .* no haiku 9/);
  });

  it("uses a user's table and says where it came from", async () => {
    const table = JSON.parse(readFileSync("data/prices.json", "utf8"));
    table.as_of = "2030-01-01";
    table.unversioned = {haiku: "4.5"};
    table.models = [{family: "haiku", versions: ["4.5"], fresh_input: 10, cache_read: 1, output: 50, cache_write_5m: 12.5, cache_write_1h: 20}];
    const runs = tempFile("runs.csv", `${HEADER}\nclaude-haiku-4-5,T0,False,0.5,10,20,30,40\n`);
    const report = await buildReport([runs], {...quiet, prices: parsePriceFile(table), pricesSource: "mine.json"});
    expect(report.prices).toMatchObject({source: "mine.json", as_of: "2030-01-01"});
    const c = report.views[0].costs[0];
    expect(c.total).toBeCloseTo((10 * 10 + 40 * 1 + 20 * 50 + 30 * 12.5) / 1e6, 12);
    expect(c.cost_per_pass).toBeNull(); // no passing runs: never a division by zero
  });
});

describe("experiment views", () => {
  it("give each experiment its own costs and checks, and all experiments their pooled ones", async () => {
    const header = "experiment,agent_model,tier,passed,input_tokens,output_tokens,cache_creation_tokens,cache_read_tokens";
    const runs = tempFile("runs.csv", `${header}\na,haiku,T0,True,1000,0,0,0\nb,haiku,T0,False,1000,0,0,9000\nb,haiku,T0,True,1000,0,0,9000\n`);
    const report = await buildReport([runs], quiet);
    const view = (experiment: string | null) => report.views.find((v) => v.experiment === experiment)!;
    // Haiku 4.5: 1.00 fresh input, 0.10 cache read per million tokens.
    expect(view("a").costs[0].total).toBeCloseTo((1000 * 1) / 1e6, 12);
    expect(view("b").costs[0].total).toBeCloseTo((1000 * 1 + 9000 * 0.1) / 1e6, 12);
    expect(view(null).costs[0].total).toBeCloseTo((1000 * 1 + 6000 * 0.1) / 1e6, 12);
    expect(view("b").costs[0].cost_per_pass).toBeCloseTo((2 * (1000 + 900)) / 1e6, 12);
    expect(view(null).costs[0].cost_per_pass).toBeCloseTo((3000 + 1800) / 1e6 / 2, 12);
    // T0 caching: none in a, 90 % in b, 6,000 of 7,000 (85.7 %) pooled.
    expect(view("a").checks.map((c) => c.check)).toEqual(["small-sample"]);
    expect(view("b").checks.map((c) => c.check)).toEqual(["prompt-only-caching", "small-sample"]);
    expect(view(null).checks.find((c) => c.check === "prompt-only-caching")!.values.cache_efficiency).toBeCloseTo(6000 / 7000, 12);
  });
});
