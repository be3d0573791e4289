// The cost sections of the page: the price table and how models were matched to it, the mean
// cost per run by token type with the savings from caching, the reconciliation with recorded
// costs, and the cost of a pass. Every value from a runs file goes in as text, never as markup.
import {html} from "htl";
import type {CostRow} from "../../loaders/cost.ts";
import type {PriceReport} from "../../loaders/report.ts";
import {formatShare, formatTokens} from "./token-distribution.js";
import {formatRate, formatUsd} from "./cost-format.js";
import {marked} from "./small-sample.js";
import {TOKEN_COLUMNS} from "./report-parts.js";

const DURATION = {"5m": "5-minute", "1h": "1-hour"} as const;

/** The price table with its date, sources and the cache-write duration it assumes. */
export function PriceTable(prices: PriceReport): HTMLElement {
  const usd = (x: number) => `$${x.toFixed(2)}`;
  const assumed = prices.cache_write_assumed;
  return html`<div>
    <p>Prices in US dollars per million tokens, as of <strong>${prices.as_of}</strong>, from <code>${prices.source}</code>.
    Cache writes are priced as <strong>${DURATION[assumed]} writes</strong>: the runs file does not say how long each cache entry lived,
    so the report assumes ${DURATION[assumed]} entries for every write (the column in bold).</p>
    <div class="table-wrap" tabindex="0" role="region" aria-label="Price table"><table class="group-table price-table">
      <caption>Price table per model family and token type</caption>
      <thead><tr>
        <th scope="col">Family</th><th scope="col">Versions</th><th scope="col">Input (Fresh)</th><th scope="col">Input (Cached)</th>
        <th scope="col">Output</th>
        <th scope="col" class=${assumed === "5m" ? "assumed" : ""}>Cache write, 5 min</th>
        <th scope="col" class=${assumed === "1h" ? "assumed" : ""}>Cache write, 1 h</th>
      </tr></thead>
      <tbody>${prices.models.map(
        (m) => html`<tr>
          <td>${capitalize(m.family)}</td><td>${m.versions.join(", ")}</td><td>${usd(m.fresh_input)}</td><td>${usd(m.cache_read)}</td>
          <td>${usd(m.output)}</td>
          <td class=${assumed === "5m" ? "assumed" : ""}>${usd(m.cache_write_5m)}</td>
          <td class=${assumed === "1h" ? "assumed" : ""}>${usd(m.cache_write_1h)}</td>
        </tr>`
      )}</tbody>
    </table></div>
    <p>Sources: ${prices.sources.map((s, i) => html`${i > 0 ? "; " : ""}<a href=${s.url}>${s.title}</a>${s.covers ? ` (${s.covers})` : ""}`)}.</p>
    ${prices.notes.length ? html`<ul>${prices.notes.map((n) => html`<li>${n}</li>`)}</ul>` : ""}
  </div>`;
}

/** How each model name of the runs was matched to the price table; unpriced models stand out. */
export function ModelMatches(prices: PriceReport): HTMLElement {
  return html`<div>
    <ul class="model-matches">${prices.matches.map(
      (m) => html`<li><code>${m.model}</code>: ${m.rule}${m.priced_as ? "" : html` — <strong class="unpriced">unpriced</strong>`}.</li>`
    )}</ul>
    ${prices.unpriced.length
      ? html`<div class="warning" label="Unpriced models">No price for ${prices.unpriced.map((m, i) => html`${i > 0 ? ", " : ""}<code>${m}</code>`)}: the rows of ${prices.unpriced.length === 1 ? "this model" : "these models"} are left out of every cost number and the cost figure, not counted as zero. Add ${prices.unpriced.length === 1 ? "its" : "their"} prices with <code>--prices PATH</code>.</div>`
      : html`<p>Every model of the runs has a price.</p>`}
  </div>`;
}

/** Mean cost per run split by token type, and what caching saved. */
export function CostSplitTable(costs: CostRow[]): HTMLElement {
  return table(
    "Mean cost per run by token type, and the savings from caching",
    ["Model", "Tier", "Runs", "Priced as", ...TOKEN_COLUMNS.map(([, label]) => label), "Total", ...TOKEN_COLUMNS.map(([, label]) => `${label} share`), "Without caching", "Saved", "Saved share"],
    costs.map((c) => [
      c.agent_model,
      c.tier,
      marked(formatTokens(c.runs), c.small_sample),
      c.priced_as ?? html`<span class="unpriced">unpriced</span>`,
      ...TOKEN_COLUMNS.map(([key]) => cell(formatUsd(c.cost[key]), c)),
      cell(formatUsd(c.total), c),
      ...TOKEN_COLUMNS.map(([key]) => cell(c.total ? formatShare(c.shares[key]) : "–", c)),
      cell(formatUsd(c.without_cache), c),
      cell(formatUsd(c.savings), c),
      cell(formatRate(c.savings_share), c)
    ])
  );
}

/** The priced cost against the recorded cost_usd, with a note where they are far apart. */
export function ReconciliationTable(costs: CostRow[], gap: {minExplained: number; maxExplained: number}): HTMLElement {
  const recorded = costs.filter((c) => c.recorded_runs > 0);
  if (recorded.length === 0) return html`<p>No run has a recorded cost (a runs file's <code>cost_usd</code> column, or a result's total cost), so there is nothing to compare with.</p>`;
  const off = (c: CostRow) => c.explained !== null && (c.explained < gap.minExplained || c.explained > gap.maxExplained);
  return table(
    "Priced token cost against the recorded cost_usd, mean per run",
    ["Model", "Tier", "Runs with cost_usd", "Recorded", "Priced from tokens", "Explained", "Note"],
    recorded.map((c) => [
      c.agent_model,
      c.tier,
      marked(`${formatTokens(c.recorded_runs)} of ${formatTokens(c.runs)}`, c.small_sample),
      cell(formatUsd(c.recorded), c),
      cell(formatUsd(c.total), c),
      cell(formatRate(c.explained), c),
      c.total === null
        ? "unpriced"
        : off(c)
          ? html`<strong class="gap">${c.explained! < 1 ? `${formatUsd(c.recorded! - c.total)} per run not in the token columns` : `tokens priced ${formatUsd(c.total - c.recorded!)} above the record`}</strong>`
          : ""
    ])
  );
}

/** The priced cost of all runs of a group over its passing runs. */
export function CostPerPassTable(costs: CostRow[]): HTMLElement {
  const known = costs.filter((c) => c.passed_known > 0);
  if (known.length === 0) return html`<p>No run says whether it passed (a runs file's <code>passed</code> column; aggregates files and raw results do not record it), so there is no cost of a pass.</p>`;
  return table(
    "Cost of a passing run: the group's total cost over its passing runs",
    ["Model", "Tier", "Runs", "Passed", "Total priced cost", "Priced cost per pass", "Recorded cost per pass"],
    known.map((c) => [
      c.agent_model,
      c.tier,
      marked(formatTokens(c.runs), c.small_sample),
      cell(`${formatTokens(c.passed)} of ${formatTokens(c.passed_known)}`, c),
      cell(formatUsd(c.total_cost), c),
      c.passed === 0 ? "no passing runs" : c.total_cost === null ? "unpriced" : cell(formatUsd(c.cost_per_pass), c),
      c.passed === 0 ? "no passing runs" : cell(formatUsd(c.recorded_cost_per_pass), c)
    ])
  );
}

function cell(text: string, row: {small_sample: boolean}): HTMLElement | string {
  return marked(text, row.small_sample);
}

function table(caption: string, headers: string[], rows: unknown[][]): HTMLElement {
  return html`<div class="table-wrap" tabindex="0" role="region" aria-label=${caption}><table class="group-table">
    <caption>${caption}</caption>
    <thead><tr>${headers.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead>
    <tbody>${rows.map((cells) => html`<tr>${cells.map((c) => html`<td>${c}</td>`)}</tr>`)}</tbody>
  </table></div>`;
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
