// Screenshots of the report at desktop and phone widths, light and dark, kept in
// test-results/screenshots/ for people to look at. The test checks what a picture would show
// wrong: a theme that does not follow the reader's colour scheme, or a page wider than a phone.
import {mkdirSync} from "node:fs";
import {join} from "node:path";
import type {Page} from "playwright-core";
import {beforeAll, describe, expect, it} from "vitest";
import {ACCESSIBLE} from "../../src/components/palette.ts";
import {chromiumForTests, DESKTOP, expectCleanPage, FIGURE, hoverSegment, PHONE, readSegments, showFigure, site} from "./support/browser.ts";
import {SCREENSHOTS_DIR} from "./support/sites.ts";

const openPage = chromiumForTests();

beforeAll(() => {
  mkdirSync(SCREENSHOTS_DIR, {recursive: true});
});

// The relative luminance (0 black to 1 white) of an element's text colour or of the first
// background behind it that is not transparent (white when there is none).
function luminanceOf(page: Page, selector: string, property: "color" | "background-color"): Promise<number> {
  return page.locator(selector).first().evaluate((element, property) => {
    const channels = (e: Element) => getComputedStyle(e).getPropertyValue(property).match(/\d+(\.\d+)?/g)!.map(Number);
    let from: Element | null = element;
    while (property === "background-color" && from && (channels(from)[3] ?? 1) === 0) from = from.parentElement;
    const [r, g, b] = from ? channels(from) : [255, 255, 255];
    const linear = (c: number) => ((c /= 255) <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
  }, property);
}

describe("screenshots of the report", () => {
  const sample = site("sample")!;
  for (const [width, viewport] of [
    ["desktop", DESKTOP],
    ["phone", PHONE]
  ] as const) {
    for (const colorScheme of ["light", "dark"] as const) {
      it(`sample report, ${width} (${viewport.width} px), ${colorScheme}`, async () => {
        const opened = await openPage(sample.url, {viewport, colorScheme, deviceScaleFactor: width === "phone" ? 2 : 1});
        try {
          const {page} = opened;
          await page.screenshot({path: join(SCREENSHOTS_DIR, `sample-${width}-${colorScheme}.png`), fullPage: true});

          // The theme follows the colour scheme: dark text on light ground, or the reverse.
          const ground = await luminanceOf(page, "body", "background-color");
          const text = await luminanceOf(page, `${FIGURE} svg`, "color");
          if (colorScheme === "dark") expect([ground, text].map((l) => l < 0.2)).toEqual([true, false]);
          else expect([ground, text].map((l) => l > 0.8)).toEqual([true, false]);

          // Nothing makes the page wider than the window; a wide figure scrolls inside its card.
          expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
          expectCleanPage(opened.log, new URL(sample.url).origin);
        } finally {
          await opened.close();
        }
      });
    }
  }

  const dryrun = site("dryrun");
  it.skipIf(!dryrun)("dryrun report with the tooltip of the T4 fresh-input sliver", async () => {
    const opened = await openPage(dryrun!.url);
    try {
      const {page} = opened;
      await showFigure(page);
      const sliver = (await readSegments(page)).find((s) => s.tier === "T4" && s.fill.toUpperCase() === ACCESSIBLE.colors[0])!;
      expect((await hoverSegment(page, sliver))?.["Mean tokens"]).toBe("23");
      await page.locator(FIGURE).screenshot({path: join(SCREENSHOTS_DIR, "dryrun-desktop-light-tooltip.png")});
      expectCleanPage(opened.log, new URL(dryrun!.url).origin);
    } finally {
      await opened.close();
    }
  });

  const markup = site("markup")!;
  it("report whose model name is markup", async () => {
    const opened = await openPage(markup.url);
    try {
      await opened.page.screenshot({path: join(SCREENSHOTS_DIR, "markup-desktop-light.png"), fullPage: true});
      expectCleanPage(opened.log, new URL(markup.url).origin);
    } finally {
      await opened.close();
    }
  });
});
