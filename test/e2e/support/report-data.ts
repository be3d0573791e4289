// What the built page should show, read from the report JSON the page itself loads, and the
// tooltip text expected for each segment, formatted here independently of the page's code.
import {builtReport} from "../../support/build-site.ts";
import {TOKEN_TYPE_LABELS} from "../../../src/components/palette.ts";

export interface ReportGroup {
  agent_model: string;
  tier: string;
  runs: number;
  input_tokens: number | null;
  cache_read_tokens: number | null;
  output_tokens: number | null;
  cache_creation_tokens: number | null;
  total: number;
}

export interface ReportView {
  experiment: string | null;
  groups: ReportGroup[];
}

export interface BuiltReport {
  models: string[];
  tiers: string[];
  experiments: string[];
  views: ReportView[];
}

export function readBuiltReport(dir: string): BuiltReport {
  return builtReport(dir) as BuiltReport;
}

/** The token column of each type, in the palette's order. */
const COLUMNS = ["input_tokens", "cache_read_tokens", "output_tokens", "cache_creation_tokens"] as const;

/** The tooltip lines expected for one segment: tier, model, type, mean, share, runs. */
export function expectedTooltip(group: ReportGroup, typeIndex: number): Record<string, string> {
  const mean = group[COLUMNS[typeIndex]]!;
  return {
    Tier: group.tier,
    "Token type": TOKEN_TYPE_LABELS[typeIndex],
    Model: group.agent_model,
    "Mean tokens": Math.round(mean).toLocaleString("en-US"),
    Share: `${Number(((mean / group.total) * 100).toPrecision(3))} %`,
    "Cache efficiency": rate(group.cache_read_tokens!, group.input_tokens! + group.cache_read_tokens!),
    "Cache hit rate": rate(
      group.cache_read_tokens!,
      group.input_tokens! + group.cache_read_tokens! + group.cache_creation_tokens!
    ),
    // Groups of fewer than three runs are marked as small samples.
    Runs: `${group.runs.toLocaleString("en-US")}${group.runs < 3 ? " (small sample)" : ""}`
  };
}

// A rate in percent with four significant digits, more where a rate below 1 would read 100 %.
function rate(part: number, whole: number): string {
  let digits = 4;
  while (part < whole && Number(((part / whole) * 100).toPrecision(digits)) === 100) digits++;
  return `${Number(((part / whole) * 100).toPrecision(digits))} %`;
}

/** A whole number with thousands separators, as the tooltip shows mean tokens. */
export const THOUSANDS = /^\d{1,3}(,\d{3})*$/;

/** A share in percent, as the tooltip shows it. */
export const PERCENT = /^\d+(\.\d+)? %$/;
