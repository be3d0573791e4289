// The tier checks as the page lists them: each rule with its thresholds, then the groups that
// triggered it with their numbers, or a plain statement that none did.
import {html} from "htl";
import type {CheckFinding, CheckRule} from "../../loaders/tier-checks.ts";
import {SMALL_SAMPLE_MARK} from "./cost-format.js";

export function TierChecks(rules: CheckRule[], findings: CheckFinding[]): HTMLElement {
  return html`<div class="tier-checks">${rules.map((rule) => {
    const found = findings.filter((f) => f.check === rule.id);
    return html`<section class=${`tier-check ${found.length ? "fired" : "quiet"}`}>
      <h3>${found.length ? "⚑ " : "✓ "}${rule.title} <span class="count">${found.length ? `${found.length} group${found.length === 1 ? "" : "s"}` : "none"}</span></h3>
      <p class="rule">${rule.rule}</p>
      ${found.length
        ? html`<ul>${found.map(
            (f) => html`<li><strong>${f.agent_model}, ${f.tier}</strong>${f.small_sample ? html`<sup class="small-sample" title="small sample">${SMALL_SAMPLE_MARK}</sup>` : ""}: ${f.detail}</li>`
          )}</ul>`
        : html`<p class="none">No group triggered this check.</p>`}
    </section>`;
  })}</div>`;
}
