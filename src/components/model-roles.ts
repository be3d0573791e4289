// The parts of the page that show every model of a run: the bars of one token type split by
// the role of the model (main, helper, delegate), the table behind them, and the recorded cost
// by role. Every value from a result file goes in as text, never as markup.
import * as Plot from "@observablehq/plot";
import {format} from "d3";
import {html} from "htl";
import {ROLE_COLORS, ROLE_LABELS} from "./palette.js";
import {formatShare, formatTokens} from "./token-distribution.js";

/** A row of the by-role long table: mean tokens per run of one role and one token type. */
export interface RoleRow {
  agent_model: string;
  tier: string;
  role: string;
  role_label: string;
  token_type: string;
  token_type_label: string;
  tokens: number;
  share: number | null;
  runs: number;
  models: string;
}

export interface RoleCost {
  agent_model: string;
  tier: string;
  runs: number;
  main: number;
  helper: number;
  delegate: number;
  total: number;
  main_share: number | null;
}

export interface RoleFigureOptions {
  width?: number;
  height?: number;
  document?: Document;
}

export const formatUSD = format("$,.4f");

/** Normalized stacked bars of one token type by role: one bar per tier, one panel per model. */
export function RoleBars(
  rows: RoleRow[],
  {models, tiers, tokenType}: {models: string[]; tiers: string[]; tokenType: string},
  {width = 960, height = 440, document}: RoleFigureOptions = {}
) {
  const shown = rows.filter((d) => d.token_type_label === tokenType && d.tokens > 0);
  return Plot.plot({
    title: `${tokenType} by model role`,
    width,
    height,
    marginLeft: 56,
    marginBottom: 44,
    document,
    fx: {domain: models, label: null, padding: 0.1},
    x: {domain: tiers, label: "Tier", labelAnchor: "center", labelArrow: "none", padding: 0.2},
    y: {
      domain: [0, 1],
      label: `Share of ${tokenType} tokens (%)`,
      labelArrow: "none",
      tickFormat: (d: number) => `${Math.round(d * 100)}`,
      grid: true
    },
    color: {domain: [...ROLE_LABELS], range: [...ROLE_COLORS], legend: true},
    marks: [
      Plot.barY(
        shown,
        Plot.stackY({
          offset: "normalize",
          order: [...ROLE_LABELS],
          fx: "agent_model",
          x: "tier",
          y: "tokens",
          fill: "role_label",
          channels: {
            Model: "agent_model",
            "Model ids": "models",
            "Mean tokens": "tokens",
            Share: "share",
            Runs: "runs"
          },
          tip: {
            format: {
              fx: false,
              y: false,
              x: true,
              fill: true,
              Model: true,
              "Model ids": true,
              "Mean tokens": (d: number) => formatTokens(d),
              Share: (d: number) => formatShare(d),
              Runs: true
            }
          }
        })
      ),
      Plot.ruleY([0])
    ]
  });
}

/** Mean tokens per run by model, tier and role, with the models that played each role. */
export function RoleTable(rows: RoleRow[], tokenType: string): HTMLElement {
  // A role no model played in a group has no row.
  const shown = rows.filter((d) => d.token_type_label === tokenType && d.models !== "");
  return html`<div class="table-wrap" tabindex="0" role="region" aria-label="Tokens by model role">
    <table class="group-table role-table">
      <caption>
        Mean ${tokenType} tokens per run by model role, and each role's share of them
      </caption>
      <thead>
        <tr>
          <th scope="col">Model</th>
          <th scope="col">Tier</th>
          <th scope="col">Role</th>
          <th scope="col">Model ids</th>
          <th scope="col">Runs</th>
          <th scope="col">Mean tokens</th>
          <th scope="col">Share</th>
        </tr>
      </thead>
      <tbody>
        ${shown.map(
          (d) =>
            html`<tr>
              <td>${d.agent_model}</td>
              <td>${d.tier}</td>
              <td>${d.role_label}</td>
              <td>${d.models || "–"}</td>
              <td>${formatTokens(d.runs)}</td>
              <td>${formatTokens(d.tokens)}</td>
              <td>${d.share == null ? "–" : formatShare(d.share)}</td>
            </tr>`
        )}
      </tbody>
    </table>
  </div>`;
}

/** Recorded cost per run by role, and how much of the run's recorded total the main model explains. */
export function RoleCostTable(costs: RoleCost[]): HTMLElement {
  return html`<div class="table-wrap" tabindex="0" role="region" aria-label="Recorded cost by model role">
    <table class="group-table cost-role-table">
      <caption>
        Mean recorded cost per run in US dollars, by model role
      </caption>
      <thead>
        <tr>
          <th scope="col">Model</th>
          <th scope="col">Tier</th>
          <th scope="col">Runs</th>
          ${ROLE_LABELS.map((label) => html`<th scope="col">${label}</th>`)}
          <th scope="col">Recorded total</th>
          <th scope="col">Main model explains</th>
        </tr>
      </thead>
      <tbody>
        ${costs.map(
          (c) =>
            html`<tr>
              <td>${c.agent_model}</td>
              <td>${c.tier}</td>
              <td>${formatTokens(c.runs)}</td>
              <td>${formatUSD(c.main)}</td>
              <td>${formatUSD(c.helper)}</td>
              <td>${formatUSD(c.delegate)}</td>
              <td>${formatUSD(c.total)}</td>
              <td>${c.main_share == null ? "–" : `${format(".3~r")(c.main_share * 100)} %`}</td>
            </tr>`
        )}
      </tbody>
    </table>
  </div>`;
}

/** The result files left out with --skip-bad-results, counted and listed with their reasons. */
export function SkippedResults(skipped: {text: string}[]): HTMLElement | string {
  if (skipped.length === 0) return "";
  const n = skipped.length;
  return html`<div class="note skipped-results" role="note">
    <p>
      <strong>${n} result file${n === 1 ? "" : "s"} could not be read and ${n === 1 ? "was" : "were"} left out</strong>
      of every number on this page:
    </p>
    <ul>
      ${skipped.map((s) => html`<li><code>${s.text}</code></li>`)}
    </ul>
  </div>`;
}
