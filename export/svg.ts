// A figure as a standalone SVG file: title, legend and the chart in one <svg> element with its
// namespace and no external references. Plot draws the chart; a legend of an ordinal colour
// scale is HTML on the page, so it is composed here in SVG from the chart's own colour scale.
import * as Plot from "@observablehq/plot";
import {JSDOM} from "jsdom";
import {FONT_STACK} from "../src/components/figure-font.ts";
import {textWidth} from "./fonts.ts";

const SVG_NS = "http://www.w3.org/2000/svg";

/**
 * Sizes of the parts above the chart, in CSS pixels; the page's look at the same scale. The
 * margin is white space around the whole figure, so that the title and the last labels do not
 * touch the edge of the sheet where the figure is set.
 */
const LAYOUT = {margin: 12, titleSize: 17, titleBaseline: 22, legendTop: 38, swatch: 15, legendText: 10, gap: 16, chartTop: 64};

export interface FigureSvg {
  /** The SVG document as text, with an XML declaration. */
  text: string;
  /** Its size in CSS pixels. */
  width: number;
  height: number;
}

/**
 * Renders a figure's Plot options (with a title and a colour legend, as the page shows them)
 * to a standalone SVG. The options must not carry a document; one is made here.
 */
export function figureSvg(options: Plot.PlotOptions): FigureSvg {
  const {window} = new JSDOM("");
  const document = window.document;
  const chart = Plot.plot({...options, document, title: undefined, color: {...options.color, legend: false}});
  const width = Number(chart.getAttribute("width")) + 2 * LAYOUT.margin;
  const height = LAYOUT.chartTop + Number(chart.getAttribute("height")) + 2 * LAYOUT.margin;

  // The outer element: the chart's text settings, a white sheet, then title, legend and chart.
  const svg = element(document, "svg", {
    xmlns: SVG_NS,
    width,
    height,
    viewBox: `0 0 ${width} ${height}`,
    color: "black",
    "font-family": FONT_STACK,
    "font-size": 10
  });
  svg.append(element(document, "rect", {width, height, fill: "white"}));
  const figure = element(document, "g", {transform: `translate(${LAYOUT.margin},${LAYOUT.margin})`});
  if (options.title != null) figure.append(title(document, String(options.title)));
  const color = chart.scale("color");
  if (color?.domain && color.range)
    figure.append(legend(document, Array.from(color.domain, String), Array.from(color.range, String)));
  figure.append(chartGroup(document, chart));
  svg.append(figure);

  const text = `<?xml version="1.0" encoding="UTF-8"?>\n${new window.XMLSerializer().serializeToString(svg)}\n`;
  return {text, width, height};
}

function title(document: Document, text: string): SVGElement {
  const node = element(document, "text", {
    x: 0,
    y: LAYOUT.titleBaseline,
    "font-size": LAYOUT.titleSize,
    "font-weight": 700,
    fill: "black"
  });
  node.textContent = text;
  return node;
}

// One swatch and label per colour, in the scale's order, on one line as Plot's HTML legend has them.
function legend(document: Document, labels: string[], colors: string[]): SVGElement {
  const group = element(document, "g", {"aria-label": "legend", transform: `translate(0,${LAYOUT.legendTop})`});
  let x = 0;
  labels.forEach((label, i) => {
    group.append(
      element(document, "rect", {x, y: 0, width: LAYOUT.swatch, height: LAYOUT.swatch, fill: colors[i % colors.length]})
    );
    const text = element(document, "text", {
      x: x + LAYOUT.swatch + 4,
      y: LAYOUT.swatch / 2,
      dy: "0.35em",
      fill: "black",
      "font-size": LAYOUT.legendText
    });
    text.textContent = label;
    group.append(text);
    x += LAYOUT.swatch + 4 + textWidth(label, LAYOUT.legendText) + LAYOUT.gap;
  });
  return group;
}

// The chart's content moved into a group below the legend, keeping the chart's own text and
// paint settings. The chart's stylesheet only sets how a browser lays out the element, so it goes.
function chartGroup(document: Document, chart: SVGSVGElement | HTMLElement): SVGElement {
  const group = element(document, "g", {transform: `translate(0,${LAYOUT.chartTop})`});
  for (const name of ["fill", "font-family", "font-size", "font-variant", "text-anchor"]) {
    const value = chart.getAttribute(name);
    if (value != null) group.setAttribute(name, value);
  }
  if (chart.style.fontFamily) group.setAttribute("font-family", chart.style.fontFamily);
  for (const child of Array.from(chart.childNodes)) {
    if (child.nodeName !== "style") group.append(child);
  }
  return group;
}

function element(document: Document, name: string, attributes: Record<string, string | number>): SVGElement {
  const node = document.createElementNS(SVG_NS, name) as SVGElement;
  for (const [key, value] of Object.entries(attributes)) {
    if (key !== "xmlns") node.setAttribute(key, typeof value === "number" ? String(round(value)) : value);
  }
  return node;
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
