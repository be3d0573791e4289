import {readFileSync} from "node:fs";
import {csvParse} from "d3";
import {describe, expect, it} from "vitest";
import {buildReport} from "../loaders/report.ts";
import {longTableCsv} from "../loaders/figure-files.ts";
import {DATASETS, HAS_SHARED_DATA, sharedPath} from "./support/shared-data.ts";

const quiet = {log: () => {}};

function key(d: {agent_model: string; tier: string; token_type: string}): string {
  return `${d.agent_model}|${d.tier}|${d.token_type}`;
}

describe.skipIf(!HAS_SHARED_DATA)("long table against the reference implementation", () => {
  for (const dataset of DATASETS) {
    it(`buildReport(${dataset}/runs.csv) matches fig07_token_distribution.expected.csv to 1e-9`, async () => {
      const report = await buildReport([sharedPath(dataset, "runs.csv")], quiet);
      const expected = csvParse(readFileSync(sharedPath(dataset, "fig07_token_distribution.expected.csv"), "utf8"));
      const actual = csvParse(longTableCsv(report.views[0].long));

      expect(actual.columns.slice(0, 6)).toEqual(expected.columns);
      expect(actual.length).toBe(expected.length);
      const byKey = new Map(actual.map((d) => [key(d as never), d]));
      for (const e of expected) {
        const a = byKey.get(key(e as never));
        expect(a, key(e as never)).toBeDefined();
        expect(a!.token_type_label).toBe(e.token_type_label);
        expect(a!.token_type_order).toBe(e.token_type_order);
        const relative = Math.abs(Number(a!.tokens) - Number(e.tokens)) / Math.abs(Number(e.tokens));
        expect(relative, key(e as never)).toBeLessThanOrEqual(1e-9);
      }
      // Rows come in the reference's order: token column of the file, then model, then tier.
      expect(actual.map((d) => key(d as never))).toEqual(expected.map((d) => key(d as never)));
    });
  }

  it("counts the runs of the dryrun data: one per tier", async () => {
    const report = await buildReport([sharedPath("scylla-dryrun", "runs.csv")], quiet);
    expect(report.sources[0].rows).toBe(7);
    expect(report.tiers).toEqual(["T0", "T1", "T2", "T3", "T4", "T5", "T6"]);
    expect(report.views[0].groups.map((g) => g.runs)).toEqual([1, 1, 1, 1, 1, 1, 1]);
  });

  it("skips empty token cells column by column in the haiku data", async () => {
    const report = await buildReport([sharedPath("scylla-haiku-2026-02", "runs.csv")], quiet);
    const rows = csvParse(readFileSync(sharedPath("scylla-haiku-2026-02", "runs.csv"), "utf8"));
    const t0 = rows.filter((d) => d.tier === "T0");
    const filled = t0.filter((d) => d.output_tokens !== "");
    const mean = filled.reduce((s, d) => s + Number(d.output_tokens), 0) / filled.length;
    const group = report.views[0].groups.find((g) => g.tier === "T0")!;
    expect(group.runs).toBe(t0.length);
    expect(group.output_tokens).toBeCloseTo(mean, 9);
  });
});
