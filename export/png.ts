// A figure as a PNG for print: the SVG rendered by resvg at three times its CSS pixel size, on
// white, in the embedded typeface only, with a pHYs chunk that records 300 pixels per inch.
import {Resvg} from "@resvg/resvg-js";
import encodeChunks from "png-chunks-encode";
import extractChunks from "png-chunks-extract";
import {FONT_FAMILY} from "../src/components/figure-font.ts";
import {fontPath} from "./fonts.ts";
import type {FigureSvg} from "./svg.ts";

/** Pixels per CSS pixel, and the resolution the file declares: 300 DPI. */
export const PNG_SCALE = 3;
export const PNG_DPI = 300;

export function figurePng(svg: FigureSvg): Buffer {
  const resvg = new Resvg(svg.text, {
    fitTo: {mode: "zoom", value: PNG_SCALE},
    background: "white",
    font: {fontFiles: [fontPath("regular"), fontPath("bold")], loadSystemFonts: false, defaultFontFamily: FONT_FAMILY}
  });
  return withDpi(resvg.render().asPng(), PNG_DPI);
}

/** The PNG with its physical pixel density set to `dpi`, replacing any pHYs chunk it had. */
export function withDpi(png: Uint8Array, dpi: number): Buffer {
  const perMetre = Math.round(dpi / 0.0254);
  const data = new Uint8Array(9);
  const view = new DataView(data.buffer);
  view.setUint32(0, perMetre);
  view.setUint32(4, perMetre);
  data[8] = 1; // the unit is the metre
  const chunks = extractChunks(png).filter((c) => c.name !== "pHYs");
  const header = chunks.findIndex((c) => c.name === "IHDR");
  if (header < 0) throw new Error("not a PNG: no IHDR chunk");
  chunks.splice(header + 1, 0, {name: "pHYs", data});
  return Buffer.from(encodeChunks(chunks));
}

/** The pixel density a PNG declares, in pixels per inch; null when it has no pHYs in metres. */
export function pngDpi(png: Uint8Array): number | null {
  const chunk = extractChunks(png).find((c) => c.name === "pHYs");
  if (!chunk || chunk.data[8] !== 1) return null;
  return new DataView(chunk.data.buffer, chunk.data.byteOffset).getUint32(0) * 0.0254;
}
