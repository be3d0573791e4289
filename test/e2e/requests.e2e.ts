// What the page loads: nothing from any origin but its own, on first view and while it is used,
// and the weight of the first view (HTML, scripts, styles, data), printed and written to
// test-results/e2e/page-weight.json for the benchmark that will hold the budget.
import {mkdirSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {chromiumForTests, expectCleanPage, hoverSegment, readSegments, showFigure, site, type RecordedResponse} from "./support/browser.ts";
import {E2E_DIR} from "./support/sites.ts";

const sample = site("sample")!;
const openPage = chromiumForTests();

const KINDS = [
  ["HTML", /^text\/html/],
  ["scripts", /javascript/],
  ["styles", /^text\/css/],
  ["data", /^(application\/json|text\/csv)/],
  ["images", /^image\//],
  ["fonts", /^font\//]
] as const;

type Kind = (typeof KINDS)[number][0] | "other";

function kindOf(response: RecordedResponse): Kind {
  return KINDS.find(([, type]) => type.test(response.contentType))?.[0] ?? "other";
}

describe("the requests of the report page", () => {
  it("go to the page's own origin only, on first view and while the reader hovers and changes the controls", async () => {
    const opened = await openPage(sample.url);
    try {
      const {page, log} = opened;
      expect(log.requests.length).toBeGreaterThan(1);

      // Use the page: hover every segment, then try every option of every control.
      await showFigure(page);
      for (const segment of await readSegments(page)) await hoverSegment(page, segment);
      for (const select of await page.locator(".controls select").all()) {
        for (const label of await select.locator("option").allTextContents()) await select.selectOption({label});
      }
      for (const radio of await page.locator(".controls input[type=radio]").all()) await radio.check();
      await page.waitForLoadState("networkidle");
      expectCleanPage(log, new URL(sample.url).origin);
    } finally {
      await opened.close();
    }
  });

  it("weigh this much on first view (printed)", async () => {
    const opened = await openPage(sample.url);
    try {
      const responses = opened.log.responses;
      const weight = new Map<Kind, {files: number; bytes: number}>();
      for (const response of responses) {
        const kind = kindOf(response);
        const sum = weight.get(kind) ?? {files: 0, bytes: 0};
        weight.set(kind, {files: sum.files + 1, bytes: sum.bytes + response.bytes});
      }
      const total = responses.reduce((sum, r) => sum + r.bytes, 0);

      // Every response is of a known kind, and the page loaded its HTML, scripts, styles and data.
      expect(responses.filter((r) => kindOf(r) === "other").map((r) => `${r.contentType} ${r.url}`)).toEqual([]);
      for (const kind of ["HTML", "scripts", "styles", "data"] as const) expect(weight.get(kind)?.bytes, kind).toBeGreaterThan(0);
      expect(new Set(responses.map((r) => r.url)).size, "no file loaded twice").toBe(responses.length);

      const kinds = [...KINDS.map(([kind]) => kind), "other" as const].filter((kind) => weight.has(kind));
      const lines = kinds.map((kind) => [kind, weight.get(kind)!] as const).map(([kind, {files, bytes}]) => `  ${kind.padEnd(8)} ${kB(bytes).padStart(9)}  ${files} file${files > 1 ? "s" : ""}`);
      process.stdout.write(`\nfirst-view weight of the report page (sample data, uncompressed):\n${lines.join("\n")}\n  ${"total".padEnd(8)} ${kB(total).padStart(9)}  ${responses.length} files\n`);
      mkdirSync(E2E_DIR, {recursive: true});
      writeFileSync(
        join(E2E_DIR, "page-weight.json"),
        JSON.stringify({total, byKind: Object.fromEntries(weight), files: responses.map(({url, contentType, bytes}) => ({path: new URL(url).pathname, contentType, bytes}))}, null, 2)
      );
      expectCleanPage(opened.log, new URL(sample.url).origin);
    } finally {
      await opened.close();
    }
  });
});

function kB(bytes: number): string {
  return `${(bytes / 1000).toFixed(1)} kB`;
}
