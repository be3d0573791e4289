// A runs file whose model and experiment names are markup: the page shows them as text, builds
// no element from them and runs no script.
import {describe, expect, it} from "vitest";
import {chromiumForTests, expectCleanPage, FIGURE, hoverSegment, readSegments, showFigure, site} from "./support/browser.ts";
import {MARKUP_EXPERIMENT, MARKUP_MODEL} from "./support/sites.ts";

const markup = site("markup")!;
const openPage = chromiumForTests();

describe("a runs file whose names hold markup", () => {
  it("renders the names as text in the figure, the tooltip, the controls and the table, and runs nothing", async () => {
    const opened = await openPage(markup.url);
    try {
      const {page, log} = opened;

      // The names appear as text where names belong.
      const facetHeaders = await page.locator(`${FIGURE} g[aria-label="fx-axis tick label"] text`).allTextContents();
      expect(facetHeaders).toEqual([MARKUP_MODEL]);
      expect(await page.locator(".controls select option").allTextContents()).toContain(MARKUP_EXPERIMENT);
      const modelCells = await page.getByRole("region", {name: "Table of the numbers behind the bars"}).getByRole("row").locator("td:first-child").allTextContents();
      expect(modelCells.length).toBe(2);
      for (const cell of modelCells) expect(cell).toBe(MARKUP_MODEL);

      await showFigure(page);
      const [segment] = await readSegments(page);
      expect((await hoverSegment(page, segment))?.Model).toBe(MARKUP_MODEL);

      // Choosing the experiment named with a script tag redraws without running it.
      await page.locator(".controls select").selectOption({label: MARKUP_EXPERIMENT});
      await page.waitForTimeout(300);

      // No element was made from the names: no image, no script that holds the alert.
      const images = await page.evaluate(() => Array.from(document.images, (img) => img.getAttribute("src")));
      expect(images).not.toContain("x");
      const scripts = await page.evaluate(() => Array.from(document.scripts, (s) => s.textContent ?? ""));
      expect(scripts.filter((text) => text.includes("alert("))).toEqual([]);
      expect(log.dialogs).toEqual([]);
      expectCleanPage(log, new URL(markup.url).origin);
    } finally {
      await opened.close();
    }
  });
});
