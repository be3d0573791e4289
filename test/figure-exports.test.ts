import {spawnSync} from "node:child_process";
import {mkdtempSync, readdirSync, readFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {JSDOM} from "jsdom";
import {PNG} from "pngjs";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import * as vega from "vega";
import * as vegaLite from "vega-lite";
import {beforeAll, describe, expect, it} from "vitest";
import {buildReport, type Report} from "../loaders/report.ts";
import {FIGURES} from "../export/figures.ts";
import {FIGURE_FILE_SUFFIXES, figureFiles, writeFigures} from "../export/write-figures.ts";
import {pngDpi} from "../export/png.ts";
import {ACCESSIBLE} from "../src/components/palette.ts";
import {FIGURE_TITLE} from "../src/components/token-distribution.ts";
import {HAS_SHARED_DATA, sharedPath} from "./support/shared-data.ts";
import {ROOT} from "./support/build-site.ts";
import {tempFile} from "./support/temp-files.ts";

const quiet = {log: () => {}};
const DATE = new Date(Date.UTC(2026, 0, 1));
const HAS_PDFTOTEXT = spawnSync("pdftotext", ["-v"]).status === 0;
if (!HAS_PDFTOTEXT) process.stderr.write("skipping the PDF text test: pdftotext (poppler-utils) is not installed\n");

type Files = Map<string, string | Buffer>;

async function filesOf(report: Report): Promise<Files> {
  return new Map(await figureFiles(FIGURES[0], report, ACCESSIBLE, DATE));
}

function svgSize(svg: string): {width: number; height: number} {
  const root = new JSDOM(svg, {contentType: "image/svg+xml"}).window.document.documentElement;
  return {width: Number(root.getAttribute("width")), height: Number(root.getAttribute("height"))};
}

describe.skipIf(!HAS_SHARED_DATA)("the exports of fig07 from scylla-haiku-2026-02", () => {
  let report: Report;
  let files: Files;
  beforeAll(async () => {
    report = await buildReport([sharedPath("scylla-haiku-2026-02", "runs.csv")], quiet);
    files = await filesOf(report);
  });

  it("writes one file per format", () => {
    expect([...files.keys()]).toEqual([...FIGURE_FILE_SUFFIXES]);
  });

  it("the PNG is three times the SVG's size, says 300 DPI, and shows each colour of the palette", () => {
    const png = PNG.sync.read(files.get(".png") as Buffer);
    const svg = svgSize(files.get(".svg") as string);
    expect([png.width, png.height]).toEqual([3 * svg.width, 3 * svg.height]);
    expect(Math.round(pngDpi(files.get(".png") as Buffer)!)).toBe(300);

    const counts = new Map<string, number>();
    for (let i = 0; i < png.data.length; i += 4) {
      const hex =
        "#" +
        [0, 1, 2]
          .map((k) => png.data[i + k].toString(16).padStart(2, "0"))
          .join("")
          .toUpperCase();
      counts.set(hex, (counts.get(hex) ?? 0) + 1);
    }
    // A legend swatch alone is 15 × 15 CSS pixels, 2025 pixels at this scale.
    for (const color of ACCESSIBLE.colors) expect(counts.get(color) ?? 0, color).toBeGreaterThan(2000);
    expect(counts.get("#FFFFFF")).toBeGreaterThan(png.width * png.height * 0.2);
  });

  it("the SVG is standalone: its namespace, no external references, the title and every tier", () => {
    const svg = files.get(".svg") as string;
    expect(svg).toMatch(/^<\?xml [^>]*\?>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).not.toMatch(/href=|url\(/);
    const text = new JSDOM(svg, {contentType: "image/svg+xml"}).window.document.documentElement.textContent!;
    for (const s of [FIGURE_TITLE, "Token Distribution (%)", "Tier", "haiku", ...report.tiers])
      expect(text).toContain(s);
  });

  it.skipIf(!HAS_PDFTOTEXT)("the PDF is one page of vector text: title, axis titles, tiers and legend labels", () => {
    const path = tempFile("figure.pdf", files.get(".pdf") as Buffer);
    const text = spawnSync("pdftotext", [path, "-"], {encoding: "utf8"}).stdout;
    for (const s of [
      FIGURE_TITLE,
      "Token Distribution (%)",
      "Tier",
      ...report.tiers,
      "Input (Fresh)",
      "Input (Cached)",
      "Output",
      "Cache Creation"
    ]) {
      expect(text, s).toContain(s);
    }
    const info = spawnSync("pdfinfo", [path], {encoding: "utf8"}).stdout;
    expect(info).toMatch(/Pages:\s+1\n/);
    const {width, height} = svgSize(files.get(".svg") as string);
    expect(info).toContain(`Page size:       ${+(width * 0.72).toFixed(2)} x ${+(height * 0.72).toFixed(2)} pts`);
  });

  it("the Vega-Lite spec validates against the schema, and vega renders it to SVG", async () => {
    const spec = JSON.parse(files.get(".vl.json") as string);
    const schema = JSON.parse(readFileSync(join(ROOT, "node_modules/vega-lite/build/vega-lite-schema.json"), "utf8"));
    const ajv = new Ajv({strict: false, allErrors: true});
    addFormats(ajv);
    ajv.addFormat("color-hex", /^#([0-9a-f]{3}|[0-9a-f]{6})$/i);
    const validate = ajv.compile(schema);
    expect(validate(spec), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);

    expect(spec.data.values).toHaveLength(28);
    expect(spec.spec.encoding.x.sort).toEqual(report.tiers);
    expect(spec.spec.encoding.y.stack).toBe("normalize");
    expect(spec.spec.encoding.color.scale).toEqual({
      domain: ["Input (Fresh)", "Input (Cached)", "Output", "Cache Creation"],
      range: [...ACCESSIBLE.colors]
    });
    expect(spec.spec.encoding.tooltip.find((t: {field: string}) => t.field === "tokens").format).toBe(",d");

    const view = new vega.View(vega.parse(vegaLite.compile(spec).spec), {renderer: "none"});
    const svg = await view.toSVG();
    view.finalize();
    for (const s of [FIGURE_TITLE, "haiku", ...report.tiers]) expect(svg).toContain(`>${s}</text>`);
    const drawn = spec.data.values.filter((d: {tokens: number | null}) => d.tokens != null && d.tokens > 0);
    expect(svg.match(/aria-roledescription="bar"/g)).toHaveLength(drawn.length);
  });

  it("a second run from the same runs file, in another process, writes byte-identical files", async () => {
    const first = mkdtempSync(join(tmpdir(), "token-report-figures-"));
    const second = mkdtempSync(join(tmpdir(), "token-report-figures-"));
    await writeFigures(report, first, {date: new Date(0)});
    const cli = spawnSync(
      process.execPath,
      [
        "--import",
        "tsx",
        "scripts/figures.ts",
        "--runs",
        sharedPath("scylla-haiku-2026-02", "runs.csv"),
        "--out",
        second
      ],
      {
        cwd: ROOT,
        encoding: "utf8",
        env: {...process.env, SOURCE_DATE_EPOCH: ""}
      }
    );
    expect(cli.status, cli.stderr).toBe(0);
    expect(cli.stdout).toMatch(/fig07_token_distribution\.png {2}[\d,]+ bytes/);

    const names = readdirSync(first).sort();
    // Two figures from a runs file: the token distribution and the cost distribution.
    expect(names).toHaveLength(2 * FIGURE_FILE_SUFFIXES.length);
    expect(names.filter((n) => n.startsWith("fig07_cost_distribution"))).toHaveLength(FIGURE_FILE_SUFFIXES.length);
    expect(readdirSync(second).sort()).toEqual(names);
    for (const name of names)
      expect(readFileSync(join(second, name)).equals(readFileSync(join(first, name))), name).toBe(true);
  });
});

describe("figure exports of data with unusual model names", () => {
  const HEADER = "agent_model,tier,input_tokens,output_tokens,cache_creation_tokens,cache_read_tokens";
  const MODELS = ["claude_sonnet 50% & co", "<img src=x onerror=alert(1)>"];
  let files: Files;
  beforeAll(async () => {
    const rows = MODELS.flatMap((m) => ["T0", "T1"].map((t) => `"${m}",${t},100,200,300,400000`));
    const runs = tempFile("runs.csv", `${HEADER}\n${rows.join("\n")}\n`);
    files = await filesOf(await buildReport([runs], quiet));
  });

  it("the LaTeX snippet escapes the model names and labels the figure", () => {
    const tex = files.get("_include.tex") as string;
    expect(tex).toContain("claude\\_sonnet 50\\% \\& co");
    expect(tex).toContain("\\textless{}img src=x onerror=alert(1)\\textgreater{}");
    expect(tex).toContain("\\label{fig:fig07_token_distribution}");
    expect(tex).toContain("\\includegraphics[width=\\linewidth]{fig07_token_distribution.pdf}");
    expect(tex).not.toMatch(/[^\\]_sonnet|[^\\]%/);
  });

  it("the SVG holds the model names as text, not markup", () => {
    const svg = files.get(".svg") as string;
    expect(svg).toContain("&lt;img src=x onerror=alert(1)&gt;");
    const doc = new JSDOM(svg, {contentType: "image/svg+xml"}).window.document;
    expect(doc.querySelector("img")).toBeNull();
    const texts = Array.from(doc.querySelectorAll("text"), (t) => t.textContent);
    for (const model of MODELS) expect(texts).toContain(model);
  });

  it("the Vega-Lite spec carries the names as data", () => {
    const spec = JSON.parse(files.get(".vl.json") as string);
    expect(spec.facet.column.sort).toEqual([...MODELS].sort());
  });
});
