// A figure as a one-page vector PDF: the SVG drawn by svg-to-pdfkit into a PDFKit document,
// with its text as text in the embedded typeface, so that it can be searched and copied.
import PDFDocument from "pdfkit";
import SVGtoPDF from "svg-to-pdfkit";
import {fontPath} from "./fonts.ts";
import type {FigureSvg} from "./svg.ts";

/**
 * PDF points per CSS pixel: the page has the printed size of the 300 DPI PNG (three pixels per
 * CSS pixel), so both files place at the same size: 0.72 pt = 1/100 inch per CSS pixel.
 */
export const POINTS_PER_PIXEL = 0.72;

export interface PdfOptions {
  title: string;
  /** The date the file records; a fixed one keeps builds byte-identical. */
  date: Date;
}

export function figurePdf(svg: FigureSvg, {title, date}: PdfOptions): Promise<Buffer> {
  const width = svg.width * POINTS_PER_PIXEL;
  const height = svg.height * POINTS_PER_PIXEL;
  const doc = new PDFDocument({
    size: [width, height],
    margin: 0,
    info: {Title: title, Creator: "token-report", Producer: "PDFKit", CreationDate: date, ModDate: date}
  });
  doc.registerFont("regular", fontPath("regular"));
  doc.registerFont("bold", fontPath("bold"));
  SVGtoPDF(doc, fitToViewport(svg.text), 0, 0, {
    width,
    height,
    fontCallback: (_family: string, bold: boolean) => (bold ? "bold" : "regular")
  });
  return finish(doc);
}

// The root's width and height would set the drawing's size in CSS pixels (0.75 pt each);
// without them, its viewBox is fitted to the page.
function fitToViewport(text: string): string {
  const fitted = text.replace(/(<svg[^>]*?) width="[^"]*" height="[^"]*"/, "$1");
  if (fitted === text) throw new Error("svg: no width and height on the root element");
  return fitted;
}

function finish(doc: PDFKit.PDFDocument): Promise<Buffer> {
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
    doc.end();
  });
}
