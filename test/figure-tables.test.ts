// The report file the page loads leaves out the long tables; the page folds them again from the
// group rows. What it folds must be what the build wrote, for the sample data and for a report
// with raw results, whose all-models cost table is kept because it cannot be folded again.
import {describe, expect, it} from "vitest";
import {buildReport, type Report} from "../loaders/report.ts";
import {withFigureTables, withoutFigureTables} from "../src/components/figure-tables.ts";
import {HAS_SHARED_DATA, sharedPath} from "./support/shared-data.ts";

const quiet = {log: () => {}};

// What the page gets: the report without its long tables, through JSON, with them folded again.
function throughThePage(report: Report): {sent: string; report: Report} {
  const sent = JSON.stringify(withoutFigureTables(report));
  return {sent, report: withFigureTables(JSON.parse(sent))};
}

describe("the long tables the page folds again", () => {
  it("are those of the build for the sample data, and are not sent", async () => {
    const report = await buildReport(["data/sample-runs.csv"], quiet);
    expect(report.views.length).toBeGreaterThan(1);
    const {sent, report: folded} = throughThePage(report);
    expect(sent).not.toContain('"long"');
    expect(sent).not.toContain('"costLong"');
    expect(folded).toEqual(JSON.parse(JSON.stringify(report)));

    // Four rows per group, and the first is the fresh input of the first group.
    const view = report.views[0];
    expect(view.long.length).toBe(4 * view.groups.length);
    const [first] = view.groups;
    expect(view.long[0]).toMatchObject({agent_model: first.agent_model, tier: first.tier, token_type: "input_tokens", tokens: first.input_tokens});
    expect(view.long[0].share).toBeCloseTo(first.input_tokens! / first.total, 12);
  });

  it.runIf(HAS_SHARED_DATA)("keep the all-models cost table of raw results, which cannot be folded again", async () => {
    const report = await buildReport([], {...quiet, results: [sharedPath("scylla-dryrun", "raw")]});
    const {sent, report: folded} = throughThePage(report);
    expect(sent).toContain('"costLong"');
    expect(folded).toEqual(JSON.parse(JSON.stringify(report)));
  });
});
