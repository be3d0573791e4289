// The real dryrun data: at T4 and T6 almost all input came from the cache, so the fresh-input
// segment is a sliver far under 0.1 % of its bar. Its tooltip must still be reachable and exact.
import {describe, expect, it} from "vitest";
import {ACCESSIBLE} from "../../src/components/palette.ts";
import {chromiumForTests, expectCleanPage, hoverSegment, readSegments, showFigure, site} from "./support/browser.ts";

const dryrun = site("dryrun");
if (!dryrun) process.stderr.write("skipping the tiny-segment tests: ../shared/data/scylla-dryrun is not there\n");

// The T4 and T6 rows of scylla-dryrun/runs.csv: one run each, fresh, output, cache creation, cached.
const ROWS = {
  T4: {fresh: 23, output: 725, creation: 23_556, cached: 91_828},
  T6: {fresh: 29, output: 722, creation: 44_337, cached: 218_778}
};

describe.skipIf(!dryrun)("a fresh-input segment under 0.1 % of its bar (dryrun data)", () => {
  const openPage = chromiumForTests();

  for (const [tier, row] of Object.entries(ROWS)) {
    it(`${tier}: the tooltip of the fresh-input sliver reads its mean of ${row.fresh} tokens and its share`, async () => {
      const opened = await openPage(dryrun!.url);
      try {
        const {page} = opened;
        await showFigure(page);
        const segments = await readSegments(page);
        const bar = segments.filter((s) => s.tier === tier);
        const fresh = bar.find((s) => s.fill.toUpperCase() === ACCESSIBLE.colors[0]);
        expect(fresh, `the fresh-input segment of ${tier}`).toBeDefined();

        // It really is a sliver: under 0.1 % of the bar's height.
        const barHeight = bar.reduce((sum, s) => sum + s.height, 0);
        expect(fresh!.height / barHeight).toBeLessThan(0.001);

        const total = row.fresh + row.output + row.creation + row.cached;
        const share = (row.fresh / total) * 100;
        expect(share).toBeLessThan(0.1);
        const tooltip = await hoverSegment(page, fresh!);
        expect(tooltip).toEqual({
          Tier: tier,
          "Token type": "Input (Fresh)",
          Model: "Sonnet 4.5",
          "Mean tokens": String(row.fresh),
          // three significant digits, trailing zeros dropped: 0.0198 %, 0.011 %
          Share: `${Number(share.toPrecision(3))} %`,
          // cached / (fresh + cached) and cached / (fresh + cached + written), four significant digits
          "Cache efficiency": `${Number(((row.cached / (row.fresh + row.cached)) * 100).toPrecision(4))} %`,
          "Cache hit rate": `${Number(((row.cached / (row.fresh + row.cached + row.creation)) * 100).toPrecision(4))} %`,
          // one run is a small sample
          Runs: "1 (small sample)"
        });
        expectCleanPage(opened.log, new URL(dryrun!.url).origin);
      } finally {
        await opened.close();
      }
    });
  }
});
