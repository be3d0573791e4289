// Accessibility of the report page: axe-core finds no serious or critical violation in the light
// or the dark theme, the figure has a text alternative, and the numbers are a real table.
import {createRequire} from "node:module";
import type {AxeResults} from "axe-core";
import type {Page} from "playwright-core";
import {describe, expect, it} from "vitest";
import {TOKEN_TYPE_LABELS} from "../../src/components/palette.ts";
import {chromiumForTests, expectCleanPage, site} from "./support/browser.ts";
import {readBuiltReport} from "./support/report-data.ts";

const AXE_SCRIPT = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

const sample = site("sample")!;
const openPage = chromiumForTests();

// Runs axe-core in the page and returns its violations.
async function axeViolations(page: Page): Promise<AxeResults["violations"]> {
  await page.addScriptTag({path: AXE_SCRIPT});
  return page.evaluate(async () => {
    const axe = (window as unknown as {axe: {run(context: Document, options: object): Promise<AxeResults>}}).axe;
    return (await axe.run(document, {resultTypes: ["violations"]})).violations;
  });
}

describe("accessibility of the report page", () => {
  for (const colorScheme of ["light", "dark"] as const) {
    it(`has no serious or critical axe-core violation (${colorScheme})`, async () => {
      const opened = await openPage(sample.url, {colorScheme});
      try {
        const violations = await axeViolations(opened.page);
        const summary = violations.map((v) => `${v.impact}: ${v.id}: ${v.help} (${v.nodes.length}×, e.g. ${v.nodes[0]?.target.join(" ")})`);
        if (summary.length > 0) process.stderr.write(`axe-core (${colorScheme}):\n  ${summary.join("\n  ")}\n`);
        expect(summary.filter((line) => /^(serious|critical):/.test(line))).toEqual([]);
        expectCleanPage(opened.log, new URL(sample.url).origin);
      } finally {
        await opened.close();
      }
    });
  }

  it("gives the figure a text alternative and puts its numbers in a table with headers", async () => {
    const opened = await openPage(sample.url);
    try {
      const {page} = opened;
      await expect.poll(() => page.getByRole("figure", {name: /token distribution/i}).count()).toBe(1);

      const report = readBuiltReport(sample.dir);
      const table = page.getByRole("table", {name: /mean tokens/i});
      const headers = await table.getByRole("columnheader").allTextContents();
      expect(headers.slice(0, 3)).toEqual(["Model", "Tier", "Runs"]);
      for (const label of TOKEN_TYPE_LABELS) expect(headers).toContain(label);

      const rows = table.getByRole("row");
      expect(await rows.count()).toBe(report.views[0].groups.length + 1);
      const firstGroup = report.views[0].groups[0];
      expect((await rows.nth(1).getByRole("cell").allTextContents()).slice(0, 3)).toEqual([
        firstGroup.agent_model,
        firstGroup.tier,
        String(firstGroup.runs)
      ]);
      expectCleanPage(opened.log, new URL(sample.url).origin);
    } finally {
      await opened.close();
    }
  });
});
