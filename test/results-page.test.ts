// @vitest-environment jsdom
import {describe, expect, it} from "vitest";
import {buildReport} from "../loaders/report.ts";
import {RoleBars, RoleCostTable, SkippedResults} from "../src/components/model-roles.ts";
import {ROLE_COLORS} from "../src/components/palette.ts";
import {HAS_SHARED_DATA, sharedPath} from "./support/shared-data.ts";

const RAW = sharedPath("scylla-dryrun", "raw");

// The height of each bar segment of one fill colour, in drawing order.
function heights(svg: Element, fill: string): number[] {
  return Array.from(svg.querySelectorAll(`g[aria-label="bar"] rect[fill="${fill}"]`)).map((r) =>
    Number(r.getAttribute("height"))
  );
}

describe.skipIf(!HAS_SHARED_DATA)("the by-role view of the dryrun results", () => {
  it("RoleBars splits T4's fresh input into main, helper and delegate in proportion to their tokens", async () => {
    const report = await buildReport([], {results: [RAW], log: () => {}});
    const rows = report.results!.views[0].byRole.filter((d) => d.tier === "T4");
    const figure = RoleBars(rows, {models: ["Sonnet 4.5"], tiers: ["T4"], tokenType: "Input (Fresh)"});
    const [main, helper, delegate] = ROLE_COLORS.map((c) => heights(figure, c)[0]);
    const total = main + helper + delegate;
    expect(main / total).toBeCloseTo(23 / 1343, 2);
    expect(helper / total).toBeCloseTo(1316 / 1343, 2);
    expect(delegate / total).toBeCloseTo(4 / 1343, 2);
  });

  it("RoleCostTable shows how much of the recorded cost the main model explains", async () => {
    const report = await buildReport([], {results: [RAW], log: () => {}});
    const table = RoleCostTable(report.results!.views[0].costs);
    const t4 = Array.from(table.querySelectorAll("tbody tr")).find((tr) => tr.children[1].textContent === "T4")!;
    const cells = Array.from(t4.children).map((td) => td.textContent);
    expect(cells).toEqual([
      "Sonnet 4.5",
      "T4",
      "1",
      "$0.1268",
      "$0.0018",
      "$0.0399",
      "$0.1685",
      `${((100 * 0.1268274) / 0.1684904).toPrecision(3)} %`
    ]);
    expect(SkippedResults([])).toBe("");
    expect((SkippedResults([{text: "a/result.json:1:2: not valid JSON"}]) as HTMLElement).textContent).toMatch(
      /1 result file could not be read and was left out/
    );
  });
});
