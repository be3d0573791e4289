// The site served from a folder rather than the root of its host, as on a code host's project
// page: every address it uses stays under that folder, and the figure and tooltip work.
import {describe, expect, it} from "vitest";
import {chromiumForTests, expectCleanPage, hoverSegment, readSegments, showFigure, site} from "./support/browser.ts";
import {readBuiltReport} from "./support/report-data.ts";
import {SUB_PATH} from "./support/sites.ts";

const sample = site("sample")!;
const openPage = chromiumForTests();

describe(`the site served under ${SUB_PATH}`, () => {
  it("loads everything from under that path and draws the whole figure", async () => {
    const opened = await openPage(sample.subPathUrl);
    try {
      const {page, log} = opened;
      expect(log.requests.filter((url) => !new URL(url).pathname.startsWith(SUB_PATH))).toEqual([]);

      const report = readBuiltReport(sample.dir);
      await showFigure(page);
      const segments = await readSegments(page);
      expect(segments.length).toBe(report.models.length * report.tiers.length * 4);
      const largest = segments.reduce((a, b) => (a.width * a.height >= b.width * b.height ? a : b));
      expect((await hoverSegment(page, largest))?.Tier).toBe(largest.tier);
      expect(await page.getByRole("region", {name: "Table of the numbers behind the bars"}).getByRole("row").count()).toBe(report.views[0].groups.length + 1);
      expectCleanPage(log, new URL(sample.subPathUrl).origin);
    } finally {
      await opened.close();
    }
  });
});
