// The figure typeface's files on disk, and text measured in it, for the exports.
import {fileURLToPath} from "node:url";
import * as fontkit from "fontkit";
import {FONT_FILES} from "../src/components/figure-font.ts";

export type FontWeight = keyof typeof FONT_FILES;

/** The path of one weight's TrueType file inside node_modules. */
export function fontPath(weight: FontWeight): string {
  return fileURLToPath(import.meta.resolve(FONT_FILES[weight]));
}

const opened = new Map<FontWeight, fontkit.Font>();

function font(weight: FontWeight): fontkit.Font {
  let f = opened.get(weight);
  if (!f) {
    const file = fontkit.openSync(fontPath(weight));
    if (!("layout" in file)) throw new Error(`not a single font: ${fontPath(weight)}`);
    opened.set(weight, (f = file));
  }
  return f;
}

/** The width of a line of text in CSS pixels, set at `size` pixels in the given weight. */
export function textWidth(text: string, size: number, weight: FontWeight = "regular"): number {
  const f = font(weight);
  return (f.layout(text).advanceWidth / f.unitsPerEm) * size;
}
