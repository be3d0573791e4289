// @vitest-environment jsdom
import {describe, expect, it} from "vitest";
import {buildReport} from "../loaders/report.ts";
import {TokenDistribution} from "../src/components/token-distribution.ts";
import {CostDistribution} from "../src/components/cost-distribution.ts";
import {GroupTable} from "../src/components/report-parts.ts";
import {CostPerPassTable, CostSplitTable, ReconciliationTable} from "../src/components/cost-tables.ts";
import {TierChecks} from "../src/components/tier-checks.ts";
import {HAS_SHARED_DATA, sharedPath} from "./support/shared-data.ts";

const quiet = {log: () => {}};

describe.skipIf(!HAS_SHARED_DATA)("the small-sample mark on the dryrun data (one run per tier)", async () => {
  const report = HAS_SHARED_DATA ? await buildReport([sharedPath("scylla-dryrun", "runs.csv")], quiet) : undefined!;
  const view = report?.views[0];
  const data = () => ({long: view.long, models: report.models, tiers: report.tiers});

  it("marks all seven 1-run groups in the report", () => {
    expect(report.smallSampleRuns).toBe(3);
    expect(view.groups.map((g) => [g.tier, g.small_sample])).toEqual(report.tiers.map((t) => [t, true]));
    expect(view.costs.every((c) => c.small_sample)).toBe(true);
    expect(view.long.every((d) => d.small_sample)).toBe(true);
  });

  it("writes n=1† over each bar of both figures", () => {
    const marks = (figure: Element) => Array.from(figure.querySelectorAll("text")).filter((t) => t.textContent === "n=1†");
    expect(marks(TokenDistribution(data()) as Element)).toHaveLength(7);
    expect(marks(CostDistribution({...data(), long: view.costLong}) as Element)).toHaveLength(7);
  });

  it("follows every number of the token table with the mark: runs, 4 means, total, 4 shares, 2 rates", () => {
    const table = GroupTable(view.groups);
    const rows = Array.from(table.querySelectorAll("tbody tr"));
    expect(rows).toHaveLength(7);
    for (const row of rows) expect(row.querySelectorAll("sup.small-sample")).toHaveLength(1 + 4 + 1 + 4 + 2);
  });

  it("marks the numbers of the cost tables and the tier checks", () => {
    const perRow = (table: HTMLElement) => Array.from(table.querySelectorAll("tbody tr")).map((r) => r.querySelectorAll("sup.small-sample").length);
    // Split: runs, 4 costs, total, 4 shares, without caching, saved, saved share.
    expect(perRow(CostSplitTable(view.costs))).toEqual(Array(7).fill(1 + 4 + 1 + 4 + 3));
    // Reconciliation: runs with cost_usd, recorded, priced, explained.
    expect(perRow(ReconciliationTable(view.costs, report.checkConfig.costGap))).toEqual(Array(7).fill(4));
    // Cost of a pass: runs, passed, total, priced per pass, recorded per pass.
    expect(perRow(CostPerPassTable(view.costs))).toEqual(Array(7).fill(5));
    const checks = TierChecks(report.checkRules, view.checks);
    expect(checks.querySelectorAll("li sup.small-sample")).toHaveLength(view.checks.length);
  });
});

describe("the small-sample mark", () => {
  it("is absent when every group has three runs or more", () => {
    const long = ["Input (Fresh)", "Input (Cached)", "Output", "Cache Creation"].map((label, i) => ({
      agent_model: "m",
      tier: "T0",
      token_type_label: label,
      tokens: 10 * (i + 1),
      share: (i + 1) / 10,
      runs: 3,
      small_sample: false
    }));
    const figure = TokenDistribution({long, models: ["m"], tiers: ["T0"]}) as Element;
    expect(Array.from(figure.querySelectorAll("text")).some((t) => t.textContent?.startsWith("n="))).toBe(false);
  });
});
