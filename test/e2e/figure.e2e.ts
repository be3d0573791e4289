// The figure of the sample report in Chromium: facets, bars, colours, legend and title; a
// tooltip on every segment that matches the numbers the page loaded; and every control changes
// the figure while the tooltip keeps working.
import type {Locator, Page} from "playwright-core";
import {beforeAll, describe, expect, it} from "vitest";
import {ACCESSIBLE, TOKEN_TYPE_LABELS} from "../../src/components/palette.ts";
import {FIGURE_TITLE, Y_TITLE} from "../../src/components/token-distribution.ts";
import {
  chromiumForTests,
  expectCleanPage,
  FIGURE,
  hoverSegment,
  readTooltip,
  readSegments,
  showFigure,
  site,
  type OpenedPage,
  type Segment
} from "./support/browser.ts";
import {expectedTooltip, PERCENT, readBuiltReport, THOUSANDS, type BuiltReport, type ReportView} from "./support/report-data.ts";

const sample = site("sample")!;
const openPage = chromiumForTests();
let report: BuiltReport;

beforeAll(() => {
  report = readBuiltReport(sample.dir);
});

async function withReport(run: (opened: OpenedPage) => Promise<void>): Promise<void> {
  const opened = await openPage(sample.url);
  try {
    await run(opened);
    expectCleanPage(opened.log, new URL(sample.url).origin);
  } finally {
    await opened.close();
  }
}

describe("the figure of the sample report", () => {
  it("has a title, a legend, one facet per model and one bar per tier in tier order, in the palette's colours", async () => {
    await withReport(async ({page}) => {
      const figure = page.locator(FIGURE);
      await expect.poll(() => figure.locator("h2").first().textContent()).toBe(FIGURE_TITLE);

      // The legend: the four token types in stacking order, in the default palette.
      const swatches = figure.locator("[class$=-swatch]");
      expect(await swatches.allTextContents()).toEqual([...TOKEN_TYPE_LABELS]);
      expect(await swatches.locator("svg").evaluateAll((svgs) => svgs.map((s) => s.getAttribute("fill")))).toEqual([...ACCESSIBLE.colors]);

      // One facet per model, headed with the model's name, and the y axis titled.
      expect(await figure.locator('g[aria-label="fx-axis tick label"] text').allTextContents()).toEqual(report.models);
      expect(await figure.locator('g[aria-label="y-axis label"] text').allTextContents()).toEqual([Y_TITLE]);

      // In every facet, the bars stand left to right in tier order, four segments each.
      const segments = await readSegments(page);
      expect(segments.length).toBe(report.models.length * report.tiers.length * 4);
      for (const model of report.models) {
        expect(barOrder(segments.filter((s) => s.model === model)), model).toEqual(report.tiers);
      }
      expect(new Set(segments.map((s) => s.fill.toUpperCase()))).toEqual(new Set(ACCESSIBLE.colors));
    });
  });

  it("shows on every segment a tooltip with its tier, type, model, mean tokens, share and runs", async () => {
    await withReport(async ({page}) => {
      await expectTooltipsMatch(page, report.views[0]);
    });
  });

  it("changes with every choice of every control, and keeps its tooltip working", async () => {
    await withReport(async ({page}) => {
      const choices = await controlChoices(page);
      // The sample data has two experiments, so at least the experiment and the palette.
      expect(choices.length).toBeGreaterThanOrEqual(2 + 1);

      for (const {name, choose} of choices) {
        const before = await figureSignature(page);
        await choose();
        await expect.poll(() => figureSignature(page), {message: `${name} changes the figure`}).not.toBe(before);
        await expectSomeTooltip(page, name);
      }
    });
  });

  it("shows each experiment's own numbers in the tooltips when that experiment is chosen", async () => {
    await withReport(async ({page}) => {
      const select = page.locator(".controls select").first();
      for (const view of report.views.filter((v) => v.experiment != null)) {
        const before = await figureSignature(page);
        await select.selectOption({label: view.experiment!});
        await expect.poll(() => figureSignature(page)).not.toBe(before);
        await expectTooltipsMatch(page, view);
      }
    });
  });
});

// The tier labels of a facet's bars, left to right, each bar counted once.
function barOrder(segments: Segment[]): string[] {
  const byX = [...segments].sort((a, b) => a.x - b.x);
  return byX.map((s) => s.tier).filter((tier, i, all) => i === 0 || tier !== all[i - 1]);
}

// Hovers every segment and compares its tooltip with the numbers of the view for its bar.
async function expectTooltipsMatch(page: Page, view: ReportView): Promise<void> {
  await showFigure(page);
  const colours = await paletteInUse(page);
  for (const segment of await readSegments(page)) {
    const group = view.groups.find((g) => g.agent_model === segment.model && g.tier === segment.tier);
    expect(group, `a group for the bar of ${segment.model} ${segment.tier}`).toBeDefined();
    const typeIndex = colours.indexOf(segment.fill.toUpperCase());
    const tooltip = await hoverSegment(page, segment);
    expect(tooltip, `the tooltip of ${segment.model} ${segment.tier} ${TOKEN_TYPE_LABELS[typeIndex]}`).toEqual(expectedTooltip(group!, typeIndex));
  }
}

// The absolute view draws a dot per type and tier instead of bars: hover one and read its tooltip.
async function expectDotTooltip(page: Page, after: string): Promise<void> {
  const box = (await page.locator(`${FIGURE} svg g[aria-label=dot] circle`).first().boundingBox())!;
  expect(box, `a dot after ${after}`).not.toBeNull();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const tooltip = await readTooltip(page);
  expect(tooltip, `a tooltip after ${after}`).not.toBeNull();
  expect(report.tiers, after).toContain(tooltip!.Tier);
  expect(TOKEN_TYPE_LABELS, after).toContain(tooltip!["Token type"]);
  expect(tooltip!["Mean tokens"], after).toMatch(THOUSANDS);
}

// Hovers the largest segment and checks that the tooltip has its parts, well formatted.
async function expectSomeTooltip(page: Page, after: string): Promise<void> {
  await showFigure(page);
  if ((await page.locator(`${FIGURE} svg g[aria-label=bar]`).count()) === 0) return expectDotTooltip(page, after);
  const segments = await readSegments(page);
  const largest = segments.reduce((a, b) => (a.width * a.height >= b.width * b.height ? a : b));
  const tooltip = await hoverSegment(page, largest);
  expect(tooltip, `a tooltip after ${after}`).not.toBeNull();
  expect(tooltip!.Tier, after).toBe(largest.tier);
  expect(TOKEN_TYPE_LABELS, after).toContain(tooltip!["Token type"]);
  expect(tooltip!["Mean tokens"], after).toMatch(THOUSANDS);
  expect(tooltip!.Share, after).toMatch(PERCENT);
  await page.mouse.move(0, 0);
}

// The legend's colours in token-type order: the palette the figure is drawn with right now.
async function paletteInUse(page: Page): Promise<string[]> {
  return page
    .locator(`${FIGURE} [class$=-swatch] svg`)
    .evaluateAll((svgs) => svgs.map((s) => (s.getAttribute("fill") ?? "").toUpperCase()));
}

// Everything drawn in the figure, to tell whether a control changed it.
function figureSignature(page: Page): Promise<string> {
  return page.locator(FIGURE).evaluate((figure) => {
    const rects = Array.from(figure.querySelectorAll("svg rect"), (r) =>
      ["x", "y", "width", "height", "fill"].map((a) => r.getAttribute(a)).join(",")
    );
    const texts = Array.from(figure.querySelectorAll("text, span"), (t) => t.textContent);
    return JSON.stringify([rects, texts]);
  });
}

interface ControlChoice {
  name: string;
  choose(): Promise<void>;
}

// Every other value of every control above the figure: each option of a select, each radio
// button, each checkbox toggled. Found on the page, so controls added later are covered too.
async function controlChoices(page: Page): Promise<ControlChoice[]> {
  const controls = page.locator(".controls");
  const choices: ControlChoice[] = [];

  const selects = controls.locator("select");
  for (let i = 0; i < (await selects.count()); i++) {
    const select = selects.nth(i);
    const labels = await select.locator("option").allTextContents();
    const current = await select.evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent);
    for (const label of [...labels.filter((l) => l !== current), current!]) {
      choices.push({name: `choosing "${label}" in select ${i + 1}`, choose: async () => void (await select.selectOption({label}))});
    }
  }

  const radios = controls.locator("input[type=radio]");
  const groups = new Map<string, Locator[]>();
  for (let i = 0; i < (await radios.count()); i++) {
    const radio = radios.nth(i);
    const group = await radio.evaluate(
      (r: HTMLInputElement) => `${Array.from(document.querySelectorAll(".controls form")).indexOf(r.form!)}/${r.name}`
    );
    groups.set(group, [...(groups.get(group) ?? []), radio]);
  }
  for (const buttons of groups.values()) {
    const checked = await Promise.all(buttons.map((b) => b.isChecked()));
    const order = [...buttons.filter((_, i) => !checked[i]), ...buttons.filter((_, i) => checked[i])];
    for (const button of order) {
      const label = await button.evaluate((b) => b.closest("label")?.textContent?.trim() ?? b.getAttribute("value"));
      choices.push({name: `choosing "${label}"`, choose: () => button.check()});
    }
  }

  const boxes = controls.locator("input[type=checkbox]");
  for (let i = 0; i < (await boxes.count()); i++) {
    const box = boxes.nth(i);
    const label = await box.evaluate((b) => b.closest("label")?.textContent?.trim() ?? "checkbox");
    for (const step of ["toggling", "toggling back"]) {
      choices.push({name: `${step} "${label}"`, choose: () => box.click()});
    }
  }
  return choices;
}
