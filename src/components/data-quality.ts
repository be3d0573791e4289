// The data-quality section of the report: what was read from each runs file, what was missing,
// and every decision the build counted instead of stopping. Values from the runs files (file
// and model names, tier labels, column names) go in as text through htl, never as markup.
import {html} from "htl";
import type {DataQuality, FileQuality, GroupQuality} from "../../loaders/report.ts";
import {countedOnceText, otherExperimentText} from "./results-overlap.js";
import {format} from "d3";

const count = format(",d");

/** "1 run", "2 runs": a count and its noun. */
function plural(n: number, one: string, many = `${one}s`): string {
  return `${count(n)} ${n === 1 ? one : many}`;
}

/** The verb that goes with a count: "1 run has", "2 runs have". */
function agree(n: number, one: string, many: string): string {
  return n === 1 ? one : many;
}

/** The whole section: notes on what was counted, then a table per file and a table per group. */
export function DataQuality(quality: DataQuality, {excludeEmptyRuns = false} = {}): HTMLElement {
  return html`<div class="data-quality">
    <ul class="quality-notes">
      ${qualityNotes(quality, excludeEmptyRuns).map((note) => html`<li>${note}</li>`)}
    </ul>
    ${FileQualityTable(quality.files)} ${GroupQualityTable(quality.groups)}
  </div>`;
}

/** Sentences on what the build counted rather than stopped for; each one is plain text. */
export function qualityNotes(q: DataQuality, excludeEmptyRuns: boolean): string[] {
  return [
    readNote(q.files),
    aggregatesNote(q.files),
    countedOnceNote(q),
    otherExperimentNote(q),
    zeroRunsNote(q, excludeEmptyRuns),
    repeatsNote(q),
    repeatCheckNote(q),
    totalMismatchNote(q),
    noTokensNote(q.groups)
  ].filter((note): note is string => note !== undefined);
}

// What was read, by kind of input: "Read 304 rows from 1 runs file and 7 runs from 1 results directory."
function readNote(files: FileQuality[]): string {
  const of = (kind: FileQuality["kind"]) => files.filter((f) => f.kind === kind);
  const rows = (list: FileQuality[]) => list.reduce((n, f) => n + f.rows, 0);
  const [runs, aggregates, results] = [of("runs"), of("aggregates"), of("results")];
  const parts = [
    runs.length > 0 ? `${plural(rows(runs), "row")} from ${plural(runs.length, "runs file")}` : undefined,
    aggregates.length > 0 ? `${plural(rows(aggregates), "run")} from ${plural(aggregates.length, "aggregates file")}` : undefined,
    results.length > 0
      ? `${plural(rows(results), "run")} from ${plural(results.length, "results directory", "results directories")}`
      : undefined
  ].filter((part): part is string => part !== undefined);
  if (parts.length === 0) return "Nothing was read.";
  return `Read ${parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}`}.`;
}

// Aggregates files hold sums, so the checks that look at one run at a time could not be made.
function aggregatesNote(files: FileQuality[]): string | undefined {
  if (!files.some((f) => f.kind === "aggregates")) return undefined;
  return (
    "An aggregates file holds sums and counts only, so its runs could not be checked one by one for all-zero " +
    "token counts, repeats or total_tokens mismatches; those cells of its rows show –."
  );
}

// Runs of the results directories that a runs file also gave, counted once.
function countedOnceNote({resultsOverlap}: DataQuality): string | undefined {
  if (!resultsOverlap || resultsOverlap.countedOnce === 0) return undefined;
  return `${countedOnceText(resultsOverlap)} The figures over every model read them from the results.`;
}

function otherExperimentNote({resultsOverlap}: DataQuality): string | undefined {
  if (!resultsOverlap || resultsOverlap.otherExperiment === 0) return undefined;
  return `Warning: ${otherExperimentText(resultsOverlap)}`;
}

// Runs that stopped before any model call: kept, or left out by --exclude-empty-runs.
function zeroRunsNote({zeroRuns, excludedEmptyRuns}: DataQuality, excludeEmptyRuns: boolean): string | undefined {
  if (excludeEmptyRuns && excludedEmptyRuns === 0) {
    return "The build was run with --exclude-empty-runs, and no run had all four token counts zero.";
  }
  if (excludeEmptyRuns) {
    return (
      `${plural(excludedEmptyRuns, "run")} whose four token counts were all zero ` +
      `${agree(excludedEmptyRuns, "was", "were")} left out of the means (the build was run with --exclude-empty-runs).`
    );
  }
  if (zeroRuns === 0) return undefined;
  return (
    `${plural(zeroRuns, "run")} ${agree(zeroRuns, "has", "have")} all four token counts zero ` +
    "(a run that stopped before any model call). They stay in the means; build with --exclude-empty-runs to leave them out."
  );
}

// Rows that repeat a run key.
function repeatsNote({repeats}: DataQuality): string | undefined {
  if (repeats === 0) return undefined;
  return (
    `${plural(repeats, "row")} ${agree(repeats, "repeats", "repeat")} the experiment, model, tier, subtest and run ` +
    "number of an earlier row. Repeated rows are kept in the means."
  );
}

// The repeat check keeps a bounded number of run keys; past that its counts are a lower bound.
function repeatCheckNote({repeatCheck: {maxRunKeys, uncheckedRuns}}: DataQuality): string | undefined {
  if (uncheckedRuns === 0) return undefined;
  return (
    `The repeat check remembers at most ${count(maxRunKeys)} run keys; ${plural(uncheckedRuns, "later row")} with a ` +
    `new key ${agree(uncheckedRuns, "was", "were")} not checked, so the repeat counts are a lower bound.`
  );
}

// A total_tokens column that disagrees with the four token columns.
function totalMismatchNote({totalMismatches, totalTokensChecked}: DataQuality): string | undefined {
  if (totalMismatches === 0) return undefined;
  return (
    `Warning: ${count(totalMismatches)} of ${plural(totalTokensChecked, "row")} with a total_tokens value and all four token counts ` +
    `${agree(totalMismatches, "has", "have")} a total that differs from the sum of the four token columns. The report ` +
    "uses the four columns; a harness that counted cached tokens inside input_tokens would cause this."
  );
}

// Groups whose shares are undefined because they have no tokens at all.
function noTokensNote(groups: GroupQuality[]): string | undefined {
  const empty = groups.filter((g) => g.no_tokens);
  if (empty.length === 0) return undefined;
  const one = empty.length === 1;
  return (
    `${plural(empty.length, "group")} ${one ? "has" : "have"} no tokens at all, so ${one ? "its" : "their"} shares are ` +
    `undefined and ${one ? "it is" : "they are"} marked "no tokens": ` +
    `${empty.map((g) => `${g.agent_model} ${g.tier}`).join(", ")}.`
  );
}

export function FileQualityTable(files: FileQuality[]): HTMLElement {
  return html`<div class="table-wrap" tabindex="0" role="region" aria-label="Rows and empty cells per input">
    <table class="quality-table">
      <caption>
        Rows read and empty cells per input
      </caption>
      <thead>
        <tr>
          <th scope="col">Input</th>
          <th scope="col" class="text">Kind</th>
          <th scope="col">Rows or runs</th>
          <th scope="col" class="text">Empty cells per column</th>
          <th scope="col">All-zero runs</th>
          <th scope="col">Repeated runs</th>
          <th scope="col">total_tokens mismatches</th>
        </tr>
      </thead>
      <tbody>
        ${files.map(
          (f) =>
            html`<tr>
              <td>${f.file}</td>
              <td class="text">${KIND_LABELS[f.kind]}</td>
              <td>${count(f.rows)}</td>
              <td class="wrap">${emptyCellsText(f.emptyCells)}</td>
              <td>${f.kind === "aggregates" ? "–" : zeroRunsText(f.zeroRuns, f.excludedEmptyRuns)}</td>
              <td>${f.kind === "aggregates" ? "–" : count(f.repeats)}</td>
              <td>${f.totalTokensChecked > 0 ? count(f.totalMismatches) : "–"}</td>
            </tr>`
        )}
      </tbody>
    </table>
  </div>`;
}

export function GroupQualityTable(groups: GroupQuality[]): HTMLElement {
  return html`<div class="table-wrap" tabindex="0" role="region" aria-label="Runs and counted problems per model and tier">
    <table class="quality-table">
      <caption>
        Rows per model and tier
      </caption>
      <thead>
        <tr>
          <th scope="col">Model</th>
          <th scope="col" class="text">Tier</th>
          <th scope="col">Runs in the means</th>
          <th scope="col">All-zero runs</th>
          <th scope="col">Repeated runs</th>
          <th scope="col">total_tokens mismatches</th>
          <th scope="col" class="text">Note</th>
        </tr>
      </thead>
      <tbody>
        ${groups.map(
          (g) =>
            html`<tr>
              <td>${g.agent_model}</td>
              <td class="text">${g.tier}</td>
              <td>${count(g.runs)}</td>
              <td>${unchecked(g) ? "–" : zeroRunsText(g.zero_runs, g.excluded_empty_runs)}</td>
              <td>${unchecked(g) ? "–" : count(g.repeats)}</td>
              <td>${unchecked(g) ? "–" : count(g.total_mismatches)}</td>
              <td class="text">${groupNote(g)}</td>
            </tr>`
        )}
      </tbody>
    </table>
  </div>`;
}

const KIND_LABELS: Record<FileQuality["kind"], string> = {
  runs: "runs file",
  aggregates: "aggregates file",
  results: "results directory"
};

// Every run of the group came from aggregates files: none could be checked.
function unchecked(g: GroupQuality): boolean {
  return g.runs > 0 && g.unchecked_runs === g.runs;
}

// "no tokens", and how many of a group's runs came from aggregates when only some did.
function groupNote(g: GroupQuality): string {
  const notes = [];
  if (g.no_tokens) notes.push("no tokens");
  if (g.unchecked_runs > 0 && !unchecked(g)) notes.push(`${count(g.unchecked_runs)} of the runs from aggregates, not checked`);
  return notes.join("; ");
}

/** Empty cells of the columns that have any, such as "output_tokens 3, cost_usd 1", or "none". */
export function emptyCellsText(emptyCells: Record<string, number>): string {
  const empty = Object.entries(emptyCells).filter(([, n]) => n > 0);
  return empty.length === 0 ? "none" : empty.map(([column, n]) => `${column} ${count(n)}`).join(", ");
}

function zeroRunsText(kept: number, excluded: number): string {
  return excluded > 0 ? `${count(kept + excluded)} (${count(excluded)} left out)` : count(kept);
}
