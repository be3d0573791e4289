// Pieces of the report page that are not the figure: the table of group numbers and the row
// of download links. Every value from a runs file goes in as text, never as markup.
import {html} from "htl";
import {formatShare, formatTokens} from "./token-distribution.js";
import {formatRate} from "./cost-format.js";
import {marked} from "./small-sample.js";

export {formatRate};

/** The token columns of a group row with their labels, in the order the tables show them. */
export const TOKEN_COLUMNS = [
  ["input_tokens", "Input (Fresh)"],
  ["cache_read_tokens", "Input (Cached)"],
  ["output_tokens", "Output"],
  ["cache_creation_tokens", "Cache Creation"]
] as const;

export type TokenColumn = (typeof TOKEN_COLUMNS)[number][0];

export interface GroupRowLike extends Record<TokenColumn, number | null> {
  agent_model: string;
  tier: string;
  runs: number;
  total: number;
  shares: Record<TokenColumn, number | null>;
  cache_efficiency: number | null;
  cache_hit_rate?: number | null;
  small_sample?: boolean;
}

function formatMean(mean: number | null): string {
  return mean == null ? "no values" : formatTokens(mean);
}

export function GroupTable(groups: GroupRowLike[]): HTMLElement {
  // The wrapper scrolls sideways on narrow screens; it takes the focus so that keys scroll it too.
  return html`<div class="table-wrap" tabindex="0" role="region" aria-label="Table of the numbers behind the bars">
  <table class="group-table">
    <caption>Mean tokens per run by model and tier, with each type's share of the total</caption>
    <thead><tr>
      <th scope="col">Model</th><th scope="col">Tier</th><th scope="col">Runs</th>
      ${TOKEN_COLUMNS.map(([, label]) => html`<th scope="col">${label}</th>`)}
      <th scope="col">Total</th>
      ${TOKEN_COLUMNS.map(([, label]) => html`<th scope="col">${label} share</th>`)}
      <th scope="col">Cache efficiency</th>
      <th scope="col">Cache hit rate</th>
    </tr></thead>
    <tbody>${groups.map(
      (g) => html`<tr>
        <td>${g.agent_model}</td><td>${g.tier}</td><td>${marked(formatTokens(g.runs), g.small_sample)}</td>
        ${TOKEN_COLUMNS.map(([key]) => html`<td>${marked(formatMean(g[key]), g.small_sample)}</td>`)}
        <td>${marked(g.total > 0 ? formatTokens(g.total) : "no tokens", g.small_sample)}</td>
        ${TOKEN_COLUMNS.map(([key]) => html`<td>${marked(g.total > 0 ? formatShare(g.shares[key]) : "–", g.small_sample)}</td>`)}
        <td>${marked(formatRate(g.cache_efficiency), g.small_sample)}</td>
        <td>${marked(formatRate(g.cache_hit_rate), g.small_sample)}</td>
      </tr>`
    )}</tbody>
  </table></div>`;
}

/**
 * The files of a figure that the build writes under figures/, at addresses without hashes. The
 * links are relative to the page, so they work wherever the site is served from.
 */
export const DOWNLOAD_FORMATS = [
  {suffix: ".png", label: "PNG", title: "300 dpi image for print"},
  {suffix: ".pdf", label: "PDF", title: "vector, with searchable text"},
  {suffix: ".svg", label: "SVG", title: "vector image for the web"},
  {suffix: ".vl.json", label: "Vega-Lite", title: "specification with the data inline, for Vega or Altair"},
  {suffix: "_include.tex", label: "LaTeX", title: "figure environment that includes the PDF"},
  {suffix: ".csv", label: "CSV", title: "the long table: one row per model, tier and token type"}
];

/** The links to a figure's files, relative to a page at the root of the site. */
export function downloadLinks(
  name: string,
  suffixes: readonly string[] = DOWNLOAD_FORMATS.map((f) => f.suffix)
): {href: string; label: string; title: string}[] {
  return DOWNLOAD_FORMATS.filter(({suffix}) => suffixes.includes(suffix)).map(({suffix, label, title}) => ({
    href: `./figures/${name}${suffix}`,
    label,
    title
  }));
}

/** The download links of a figure: every format, or only the given suffixes (such as [".csv"]). */
export function DownloadRow(name: string, suffixes?: readonly string[]): HTMLElement {
  return html`<nav class="downloads" aria-label=${`Downloads of ${name}`}>
    <span>Download:</span>
    ${downloadLinks(name, suffixes).map(({href, label, title}) => html`<a href=${href} title=${title} download>${label}</a>`)}
  </nav>`;
}
