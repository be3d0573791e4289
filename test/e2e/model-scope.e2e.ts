// The Models switch of a report built from raw agent results (the dryrun): the main model
// alone, every model of a run summed, and one token type split by role. Both figures follow it,
// and so do their download rows. Screenshots of each scope go to test-results/screenshots/.
import {join} from "node:path";
import type {Page} from "playwright-core";
import {describe, expect, it} from "vitest";
import {ACCESSIBLE, ROLE_COLORS} from "../../src/components/palette.ts";
import {chromiumForTests, expectCleanPage, FIGURE, hoverSegment, readSegments, showFigure, site} from "./support/browser.ts";
import {SCREENSHOTS_DIR} from "./support/sites.ts";

const dryrun = site("dryrun");
if (!dryrun) process.stderr.write("skipping the model-scope tests: ../shared/data/scylla-dryrun is not there\n");

const COST_FIGURE = '[role=figure][aria-label*="cost distribution" i]';

async function chooseScope(page: Page, scope: string): Promise<void> {
  await page.getByRole("radio", {name: scope, exact: true}).check();
  await page.waitForFunction((s) => (document.querySelector(".scope-note") !== null) === (s !== "main model"), scope);
}

async function downloadNames(page: Page, figure: string): Promise<string[]> {
  return page.locator(`${figure} nav.downloads a`).evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
}

async function fills(page: Page, figure: string): Promise<string[]> {
  return page
    .locator(`${figure} svg g[aria-label=bar] rect`)
    .evaluateAll((rects) => Array.from(new Set(rects.map((r) => (r.getAttribute("fill") ?? "").toUpperCase()))));
}

describe.skipIf(!dryrun)("the Models switch (dryrun raw results)", () => {
  const openPage = chromiumForTests();

  it("shows T4's fresh input as 23 tokens for the main model and 23 + 1,316 + 4 for all models", async () => {
    const opened = await openPage(dryrun!.url);
    try {
      const {page} = opened;
      const t4Fresh = async () => {
        await showFigure(page);
        const sliver = (await readSegments(page)).find((s) => s.tier === "T4" && s.fill.toUpperCase() === ACCESSIBLE.colors[0])!;
        return (await hoverSegment(page, sliver))?.["Mean tokens"];
      };
      expect(await t4Fresh()).toBe("23");
      expect(await downloadNames(page, COST_FIGURE)).toContain("./figures/fig07_cost_distribution.csv");
      await page.locator(".figures").screenshot({path: join(SCREENSHOTS_DIR, "dryrun-scope-main-model.png")});

      await chooseScope(page, "all models");
      expect(await t4Fresh()).toBe((23 + 1316 + 4).toLocaleString("en-US"));
      expect(await downloadNames(page, FIGURE)).toContain("./figures/fig07_token_distribution_all_models.csv");
      expect(await downloadNames(page, COST_FIGURE)).toContain("./figures/fig07_cost_distribution_all_models.csv");
      await page.mouse.move(0, 0);
      await page.locator(".figures").screenshot({path: join(SCREENSHOTS_DIR, "dryrun-scope-all-models.png")});
      expectCleanPage(opened.log, new URL(dryrun!.url).origin);
    } finally {
      await opened.close();
    }
  });

  it("the by-role view draws the main, helper and delegate colours and its token type select", async () => {
    const opened = await openPage(dryrun!.url);
    try {
      const {page} = opened;
      await chooseScope(page, "by role");
      await page.getByRole("combobox", {name: "Token type"}).selectOption("Input (Fresh)");
      await page.waitForFunction((figure) => document.querySelector(`${figure} svg g[aria-label=bar]`) !== null, FIGURE);
      expect((await fills(page, FIGURE)).sort()).toEqual(ROLE_COLORS.map((c) => c.toUpperCase()).sort());
      expect(await downloadNames(page, FIGURE)).toEqual(["./figures/fig07_token_distribution_by_role.csv"]);
      // The cost figure beside it prices every model.
      expect(await downloadNames(page, COST_FIGURE)).toContain("./figures/fig07_cost_distribution_all_models.pdf");
      await page.locator(".controls").first().screenshot({path: join(SCREENSHOTS_DIR, "dryrun-scope-switch.png")});
      await page.locator(".figures").screenshot({path: join(SCREENSHOTS_DIR, "dryrun-scope-by-role.png")});
      expectCleanPage(opened.log, new URL(dryrun!.url).origin);
    } finally {
      await opened.close();
    }
  });
});
