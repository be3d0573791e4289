import {PNG} from "pngjs";
import {expect, it} from "vitest";
import {escapeLatex, latexInclude} from "../export/latex.ts";
import {pngDpi, withDpi} from "../export/png.ts";
import {sourceDate} from "../export/write-figures.ts";

it("escapeLatex escapes every character that means something to TeX", () => {
  expect(escapeLatex("a_b %c &d #e $f {g} ~h ^i \\j <k>")).toBe(
    "a\\_b \\%c \\&d \\#e \\$f \\{g\\} \\textasciitilde{}h \\textasciicircum{}i \\textbackslash{}j \\textless{}k\\textgreater{}"
  );
  expect(escapeLatex("plain text 1.5")).toBe("plain text 1.5");
});

it("latexInclude captions with the escaped title, labels fig:<name> and includes the PDF", () => {
  const tex = latexInclude({name: "fig07_token_distribution", title: "Tokens & costs", description: "Models: a_b."});
  expect(tex).toContain("\\caption[Tokens \\& costs]{Tokens \\& costs. Models: a\\_b.}");
  expect(tex).toContain("\\label{fig:fig07_token_distribution}");
  expect(tex).toMatch(
    /\\begin\{figure\}[\s\S]*\\includegraphics\[width=\\linewidth\]\{fig07_token_distribution\.pdf\}[\s\S]*\\end\{figure\}\n$/
  );
  expect(() => latexInclude({name: "a b", title: "t"})).toThrow(/figure name: a b/);
});

it("withDpi adds a pHYs chunk that pngDpi reads back, and the image still decodes", () => {
  const image = new PNG({width: 2, height: 1});
  image.data.fill(255);
  const plain = PNG.sync.write(image);
  expect(pngDpi(plain)).toBeNull();
  const marked = withDpi(plain, 300);
  // 300 per inch is 11811 per metre; read back, 11811 × 0.0254 = 299.9994.
  expect(pngDpi(marked)).toBeCloseTo(11811 * 0.0254, 9);
  expect(pngDpi(withDpi(marked, 72))).toBeCloseTo(2835 * 0.0254, 9);
  expect(PNG.sync.read(marked).width).toBe(2);
});

it("sourceDate reads SOURCE_DATE_EPOCH in seconds, defaults to 1970, and rejects anything else", () => {
  expect(sourceDate({SOURCE_DATE_EPOCH: "1700000000"}).toISOString()).toBe("2023-11-14T22:13:20.000Z");
  expect(sourceDate({}).getTime()).toBe(0);
  expect(() => sourceDate({SOURCE_DATE_EPOCH: "yesterday"})).toThrow(
    /SOURCE_DATE_EPOCH must be a whole number of seconds, not "yesterday"/
  );
});
