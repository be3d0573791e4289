import {mkdtempSync, readFileSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {csvParse} from "d3";
import {describe, expect, it} from "vitest";
import {FIGURE_FILE_SUFFIXES} from "../export/write-figures.ts";
import {downloadLinks} from "../src/components/report-parts.ts";
import {FIGURE_NAME} from "../src/components/token-distribution.ts";
import {serveFolder} from "./support/serve-folder.ts";
import {HAS_SHARED_DATA, sharedPath} from "./support/shared-data.ts";
import {buildSite, builtReport, snapshotTree} from "./support/build-site.ts";

const HEADER = "experiment,agent_model,tier,subtest,run_number,input_tokens,output_tokens,cache_creation_tokens,cache_read_tokens";

// A site build takes a minute or more on a busy two-core machine; the second test runs three.
const BUILD_TIMEOUT = {timeout: 360_000};

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "token-report-build-"));
}

describe("npm run build", () => {
  const haikuTitle = "--runs haiku writes figures/fig07_token_distribution.csv equal to the reference, and every export";
  it.skipIf(!HAS_SHARED_DATA)(haikuTitle, BUILD_TIMEOUT, async () => {
    const out = join(tempDir(), "site");
    const {status, stderr} = buildSite(["--runs", sharedPath("scylla-haiku-2026-02", "runs.csv"), "--out", out]);
    expect(status, stderr).toBe(0);
    expect(stderr).toMatch(/read runs\.csv: 620 rows, 7 new groups/);

    const actual = csvParse(readFileSync(join(out, "figures", "fig07_token_distribution.csv"), "utf8"));
    const expected = csvParse(readFileSync(sharedPath("scylla-haiku-2026-02", "fig07_token_distribution.expected.csv"), "utf8"));
    expect(actual.length).toBe(28);
    expected.forEach((e, i) => {
      expect([actual[i].agent_model, actual[i].tier, actual[i].token_type]).toEqual([e.agent_model, e.tier, e.token_type]);
      expect(Math.abs(Number(actual[i].tokens) / Number(e.tokens) - 1)).toBeLessThan(1e-9);
    });
    expect(readFileSync(join(out, "index.html"), "utf8")).toContain("Token distribution by tier");
    await expectDownloadsServed(out);
  });

  it("shows new numbers after the runs file changed, and keeps the old site when a build fails", BUILD_TIMEOUT, () => {
    const dir = tempDir();
    const runs = join(dir, "runs.csv");
    const out = join(dir, "site");

    writeFileSync(runs, `${HEADER}\ne1,m,T0,00,1,10,20,30,40\ne1,m,T0,00,2,30,20,30,40\n`);
    expect(buildSite(["--runs", runs, "--out", out]).status).toBe(0);
    expect(builtReport(out).views[0].groups[0].input_tokens).toBe((10 + 30) / 2);

    writeFileSync(runs, `${HEADER}\ne1,m,T0,00,1,100,20,30,40\ne1,m,T0,00,2,300,20,30,40\n`);
    expect(buildSite(["--runs", runs, "--out", out]).status).toBe(0);
    expect(builtReport(out).views[0].groups[0].input_tokens).toBe((100 + 300) / 2);

    const before = snapshotTree(out);
    writeFileSync(runs, `${HEADER}\ne1,m,T0,00,1,abc,20,30,40\n`);
    const failed = buildSite(["--runs", runs, "--out", out]);
    expect(failed.status).toBe(1);
    expect(failed.stderr).toContain(`${runs}:2:6 (column input_tokens): "abc" is not a number`);
    expect(snapshotTree(out)).toEqual(before);
  });
});

// Every link of the page's download row answers with the file the build wrote, whether the
// site is served from the root of a host or from a sub-folder.
async function expectDownloadsServed(out: string): Promise<void> {
  const hrefs = downloadLinks(FIGURE_NAME).map((link) => link.href);
  expect(hrefs.map((h) => h.slice(`./figures/${FIGURE_NAME}`.length)).sort()).toEqual([...FIGURE_FILE_SUFFIXES].sort());

  const server = await serveFolder(out, "/sub/");
  try {
    for (const page of [`${server.origin}/`, `${server.origin}/sub/`]) {
      for (const href of hrefs) {
        const response = await fetch(new URL(href, page));
        expect(response.status, `${href} from ${page}`).toBe(200);
        const body = Buffer.from(await response.arrayBuffer());
        expect(body.equals(readFileSync(join(out, "figures", href.slice("./figures/".length))))).toBe(true);
        expect(body.length).toBeGreaterThan(100);
      }
    }
  } finally {
    await server.close();
  }
}
