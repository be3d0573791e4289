// The download row under the figure: every link is relative, answers 200 with the content type
// its extension implies and a body of that format, and the browser saves it under its name.
// The links are read from the page, so formats added later are checked the same way.
import {basename} from "node:path";
import {readFile} from "node:fs/promises";
import {csvParse} from "d3";
import type {Page} from "playwright-core";
import {describe, expect, it} from "vitest";
import {DOWNLOAD_FORMATS} from "../../src/components/report-parts.ts";
import {chromiumForTests, expectCleanPage, site} from "./support/browser.ts";

/** What a static host sends for each kind of file, and how to recognise its body. */
const FORMATS: {suffix: string; type: string; looksRight: (body: Buffer) => boolean}[] = [
  {suffix: ".csv", type: "text/csv", looksRight: (body) => csvParse(body.toString("utf8")).columns.length > 1},
  {suffix: ".json", type: "application/json", looksRight: (body) => typeof JSON.parse(body.toString("utf8")) === "object"},
  {suffix: ".svg", type: "image/svg+xml", looksRight: (body) => /<svg[\s>]/.test(body.toString("utf8"))},
  {suffix: ".png", type: "image/png", looksRight: (body) => body.subarray(0, 8).equals(Buffer.from("89504e470d0a1a0a", "hex"))},
  {suffix: ".pdf", type: "application/pdf", looksRight: (body) => body.subarray(0, 5).toString("latin1") === "%PDF-"},
  {suffix: ".tex", type: "application/x-tex", looksRight: (body) => /\\[a-z]+/.test(body.toString("utf8"))}
];

const sample = site("sample")!;
const openPage = chromiumForTests();

async function downloadLinks(page: Page): Promise<{href: string; text: string}[]> {
  return page
    .locator("nav.downloads a")
    .evaluateAll((links) => links.map((a) => ({href: a.getAttribute("href") ?? "", text: a.textContent ?? ""})));
}

describe("the download row under the figure", () => {
  for (const [where, url] of [
    ["at the root", sample.url],
    ["under a sub-path", sample.subPathUrl]
  ]) {
    it(`links every figure format, each answering 200 with its content type (${where})`, async () => {
      const opened = await openPage(url);
      try {
        const links = await downloadLinks(opened.page);
        const rows = await opened.page.locator("nav.downloads").count();
        expect(rows, "one download row per figure").toBeGreaterThan(0);
        expect(links.length).toBe(DOWNLOAD_FORMATS.length * rows);
        for (const {href, text} of links) {
          expect(href, `${text}: a relative link`).toMatch(/^\.\/[^/]/);
          const format = FORMATS.find((f) => href.endsWith(f.suffix));
          expect(format, `${href}: a content type for this extension is known to the test and the server`).toBeDefined();

          const response = await opened.page.request.get(new URL(href, url).href);
          expect(response.status(), href).toBe(200);
          expect(response.headers()["content-type"]?.split(";")[0], href).toBe(format!.type);
          expect(format!.looksRight(await response.body()), `${href}: a body in the ${format!.suffix} format`).toBe(true);
        }
        expectCleanPage(opened.log, new URL(url).origin);
      } finally {
        await opened.close();
      }
    });
  }

  it("makes the browser save each file under its own name, with the served bytes", async () => {
    // Chromium stops a page's downloads after about ten, as a guard against download floods, so
    // each file is downloaded from a freshly opened page.
    const first = await openPage(sample.url);
    const hrefs = (await downloadLinks(first.page)).map((link) => link.href);
    await first.close();
    for (const href of hrefs) {
      const opened = await openPage(sample.url);
      try {
        const link = opened.page.locator(`nav.downloads a[href="${href}"]`);
        const [download] = await Promise.all([opened.page.waitForEvent("download"), link.click()]);
        expect(download.suggestedFilename()).toBe(basename(href));
        const served = await (await opened.page.request.get(new URL(href, sample.url).href)).body();
        expect((await readFile((await download.path())!)).equals(served), href).toBe(true);
        expectCleanPage(opened.log, new URL(sample.url).origin);
      } finally {
        await opened.close();
      }
    }
  });
});
