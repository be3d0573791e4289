// The page's files of the figure typeface: the package's Latin WOFF2 file of each weight, cut down
// to the characters the page keeps (PAGE_FONT_CHARACTERS). Cutting is done by HarfBuzz's subsetter
// (through subset-font) when the site is built; it takes a few tenths of a second a weight.
import {readFile} from "node:fs/promises";
import {fileURLToPath} from "node:url";
import subsetFont from "subset-font";
import {PAGE_FONT_CHARACTERS, PAGE_FONT_FILES} from "../src/components/figure-font.ts";

/** The WOFF2 file of one weight of the page's typeface, holding only the characters the page keeps. */
export async function pageFontFile(weight: keyof typeof PAGE_FONT_FILES): Promise<Buffer> {
  const source = await readFile(fileURLToPath(import.meta.resolve(PAGE_FONT_FILES[weight])));
  return subsetFont(source, pageFontText(), {targetFormat: "woff2"});
}

/** Every character the page keeps, once. */
export function pageFontText(): string {
  let text = "";
  for (const [first, last] of PAGE_FONT_CHARACTERS) for (let code = first; code <= last; code++) text += String.fromCodePoint(code);
  return text;
}
