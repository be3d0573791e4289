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
import {withDocument} from "./support/dom.ts";
import {DataQuality} from "../src/components/data-quality.ts";
import {GroupTable} from "../src/components/report-parts.ts";
import {TokenDistribution} from "../src/components/token-distribution.ts";

const HEADER = "experiment,agent_model,tier,subtest,run_number,input_tokens,output_tokens,cache_creation_tokens,cache_read_tokens";

const MARKUP_HEADER = `${HEADER},total_tokens`;
const MODEL = "<img src=x onerror=alert(1)>";
// A site build takes a minute or more on a busy two-core machine; a test may run three.
const BUILD_TIMEOUT = {timeout: 600_000};

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "token-report-build-"));
}

describe("npm run build", {timeout: 600_000}, () => {
  const haikuTitle = "--runs haiku writes figures/fig07_token_distribution.csv equal to the reference, and every export";
  it.skipIf(!HAS_SHARED_DATA)(haikuTitle, BUILD_TIMEOUT, async () => {
    const out = join(tempDir(), "site");
    const {status, stderr} = buildSite(["--runs", sharedPath("scylla-haiku-2026-02", "runs.csv"), "--out", out]);
    expect(status, stderr).toBe(0);
    expect(stderr).toMatch(/read \S*\/runs\.csv: 620 rows, 7 new groups/);

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

  it("builds a site from a runs file whose model name is markup, shows it as text, and keeps it when a later build fails", () => {
    const dir = tempDir();
    const runs = join(dir, "runs.csv");
    const out = join(dir, "site");
    writeFileSync(runs, `${MARKUP_HEADER}\ne1,${MODEL},T0,00,1,10,20,30,40,100\ne1,${MODEL},T0,00,2,10,20,30,40,60\ne1,${MODEL},T1,00,1,0,0,0,0,0\n`);

    // The build log: one line per file, and the total_tokens warning.
    const built = buildSite(["--runs", runs, "--out", out]);
    expect(built.status, built.stderr).toBe(0);
    expect(built.stderr).toMatch(/^read \S*runs\.csv: 3 rows, 2 new groups, no empty cells; 1 all-zero run kept \(\d+ ms\)$/m);
    expect(built.stderr).toContain(`warning: ${runs}: 1 of 3 rows has a total_tokens that differs from the sum of the four token columns.`);

    // The report data and the figure file hold the name as a string.
    const report = builtReport(out);
    expect(report.models).toEqual([MODEL]);
    expect(report.dataQuality.groups.map((g: {tier: string; no_tokens: boolean}) => [g.tier, g.no_tokens])).toEqual([
      ["T0", false],
      ["T1", true]
    ]);
    expect(csvParse(readFileSync(join(out, "figures", "fig07_token_distribution.csv"), "utf8"))[0].agent_model).toBe(MODEL);
    expect(readFileSync(join(out, "index.html"), "utf8")).not.toContain("<img");

    // What the page draws from that data: the name as text, no element made from it.
    withDocument((document) => {
      document.body.replaceChildren(
        TokenDistribution({long: report.views[0].long, models: report.models, tiers: report.tiers}, {document}),
        GroupTable(report.views[0].groups),
        DataQuality(report.dataQuality, report.options)
      );
      expect(document.body.querySelectorAll("img")).toHaveLength(0);
      expect(document.body.querySelector('g[aria-label="fx-axis tick label"] text')?.textContent).toBe(MODEL);
      expect(Array.from(document.body.querySelectorAll("td"), (td) => td.textContent).filter((t) => t === MODEL)).toHaveLength(4);
    });

    // A malformed JSON runs file fails the build with its position and leaves the site as it was.
    const before = snapshotTree(out);
    const bad = join(dir, "runs.json");
    const json = '[\n  {"agent_model": "m", "tier": "T0",}\n]';
    writeFileSync(bad, json);
    const failed = buildSite(["--runs", bad, "--out", out]);
    expect(failed.status).toBe(1);
    expect(failed.stderr).toContain(`error: the runs file has problems, nothing was built\n${bad}:2:37: "}" is not valid JSON: `);
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
