// Number formats of the cost and cache numbers, shared by the page and the build: rates with
// four significant digits, dollars, and the small-sample mark.
import {format} from "d3";

const significant = (digits: number) => format(`.${digits}~r`);

/**
 * A rate (0 to 1) as a percentage with four significant digits, enough to tell 99.98 % from
 * 99.9 %; a rate below 1 gets more digits rather than showing as 100 %.
 */
export function formatRate(rate: number | null | undefined): string {
  return rate == null || Number.isNaN(rate) ? "–" : showRate(rate, digitsFor(rate));
}

/**
 * A rate next to the threshold it is compared with, each with as many digits as it takes to
 * tell them apart (99.976 % against 99.98 %, never 99.98 % against 99.98 %).
 */
export function formatRateAgainst(rate: number, threshold: number): [string, string] {
  let digits = Math.max(digitsFor(rate), digitsFor(threshold));
  while (digits < 10 && rate !== threshold && showRate(rate, digits) === showRate(threshold, digits)) digits++;
  return [showRate(rate, digits), showRate(threshold, digits)];
}

function showRate(rate: number, digits: number): string {
  return `${significant(digits)(rate * 100)} %`;
}

// Four significant digits, or more for a rate below 1 that would otherwise round to 100 %.
function digitsFor(rate: number): number {
  let digits = 4;
  while (rate < 1 && digits < 10 && significant(digits)(rate * 100) === "100") digits++;
  return digits;
}

/** US dollars with four significant digits: $0.1304, $0.0000870, $1,235. */
export function formatUsd(amount: number | null | undefined): string {
  return amount == null || Number.isNaN(amount) ? "–" : format("$,.4~r")(amount);
}

/** The mark that follows every number of a group with too few runs to say much on its own. */
export const SMALL_SAMPLE_MARK = "†";
