// The page's font files hold the characters the page keeps, and no others.
import * as fontkit from "fontkit";
import {describe, expect, it} from "vitest";
import {PAGE_FONT_RANGE} from "../src/components/figure-font.ts";
import {pageFontFile, pageFontText} from "../export/page-font.ts";

describe("the page's font files", () => {
  it("name their characters as a unicode-range", () => {
    expect(PAGE_FONT_RANGE).toBe("U+0020-007E, U+00A0-00FF, U+2013-2014, U+2018-2019, U+201C-201D, U+2026, U+20AC, U+2212");
    // 95 printable ASCII characters, 96 of Latin-1, and 8 more.
    expect(pageFontText().length).toBe(95 + 96 + 2 + 2 + 2 + 1 + 1 + 1);
  });

  for (const weight of ["regular", "bold"] as const) {
    it(`hold the page's characters and no others (${weight})`, async () => {
      const file = await pageFontFile(weight);
      const font = fontkit.create(file) as fontkit.Font;
      expect(font.familyName).toBe("Inter");
      // 0xFFFF ends the character map's last segment: no character.
      const kept = new Set(font.characterSet.filter((code) => code !== 0xffff));
      const wanted = [...pageFontText()].map((c) => c.codePointAt(0)!);
      // The package's Latin file has every one of them but the soft hyphen.
      expect(wanted.filter((code) => !kept.has(code)).map((code) => code.toString(16))).toEqual(["ad"]);
      expect([...kept].filter((code) => !wanted.includes(code)).map((code) => code.toString(16))).toEqual([]);
      // The letters the cut leaves out: Latin Extended-A, Greek, arrows.
      for (const c of "ĀŁαβ→") expect(font.hasGlyphForCodePoint(c.codePointAt(0)!)).toBe(false);
      expect(file.length).toBeLessThan(20_000);
    });
  }
});
