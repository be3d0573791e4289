// The small-sample mark: every number of a group with fewer runs than the report's threshold
// is followed by a dagger, explained wherever it appears.
import {html} from "htl";
import {SMALL_SAMPLE_MARK} from "./cost-format.js";

/** A table cell's text, followed by the small-sample mark when the group has too few runs. */
export function marked(text: string, small: boolean | undefined): HTMLElement | string {
  return small ? html`<span>${text}<sup class="small-sample" title="small sample">${SMALL_SAMPLE_MARK}</sup></span>` : text;
}

/** The sentence under a table or figure that explains the mark, when anything there carries it. */
export function SmallSampleNote(rows: {small_sample?: boolean}[], runs: number): HTMLElement | string {
  return rows.some((r) => r.small_sample)
    ? html`<p class="small-sample-note"><sup class="small-sample">${SMALL_SAMPLE_MARK}</sup> small sample: fewer than ${runs} runs in the group, so its numbers say little on their own.</p>`
    : "";
}
