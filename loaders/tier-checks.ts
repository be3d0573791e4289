import {format} from "d3-format";
import {formatRate, formatRateAgainst, formatUsd} from "../src/components/cost-format.ts";
import type {GroupRow} from "./aggregate.ts";
import type {CostRow} from "./cost.ts";
import {tierNumber} from "./tier-order.ts";
import {SMALL_SAMPLE_RUNS, TIER_CHECKS} from "./tier-checks-config.ts";

export type CheckId =
  | "prompt-only-caching"
  | "efficiency-drop"
  | "full-stack-caching"
  | "unused-cache-writes"
  | "output-heavy"
  | "cost-gap"
  | "small-sample";

/** A rule of the tier checks, with its thresholds written into the sentence. */
export interface CheckRule {
  id: CheckId;
  title: string;
  rule: string;
}

/** One group (or pair of tiers) that a rule flagged, with the numbers that triggered it. */
export interface CheckFinding {
  check: CheckId;
  agent_model: string;
  tier: string;
  small_sample: boolean;
  detail: string;
  /** The numbers behind the finding, by name: shares and rates are fractions from 0 to 1. */
  values: Record<string, number>;
}

export type TierCheckConfig = typeof TIER_CHECKS;

const pct = formatRate;
const tokens = format(",.0f");

/** The rules as the page lists them. */
export function checkRules(config: TierCheckConfig = TIER_CHECKS, smallSampleRuns = SMALL_SAMPLE_RUNS): CheckRule[] {
  const c = config;
  return [
    {
      id: "prompt-only-caching",
      title: "Caching in the prompt-only tier",
      rule: `In ${tierList(c.promptOnlyCaching.tiers)}, more than ${pct(c.promptOnlyCaching.maxCachedShareOfInput)} of input came from the cache. A prompt-only tier has little to cache: this can be a configuration error, or a harness that always caches.`
    },
    {
      id: "efficiency-drop",
      title: "Cache efficiency falls between tiers",
      rule: `Within ${tierList(c.efficiencyDrop.tiers)}, cache efficiency of a model falls by more than ${format(".2~r")(c.efficiencyDrop.maxFall * 100)} percentage points from one tier to the next, although each tier adds context that should be reused.`
    },
    {
      id: "full-stack-caching",
      title: "Fresh input in the full-stack tiers",
      rule: `In ${tierList(c.fullStackCaching.tiers)}, cache efficiency is below ${pct(c.fullStackCaching.minEfficiency)}, or fresh input is more than ${pct(c.fullStackCaching.maxFreshShare)} of the bar (large enough to see).`
    },
    {
      id: "unused-cache-writes",
      title: "Cache written but not read back",
      rule: `Cache creation is more than ${c.unusedCacheWrites.maxWriteToRead === 1 ? "" : `${c.unusedCacheWrites.maxWriteToRead} × `}the cache reads of the same group: the writes did not pay for themselves.`
    },
    {
      id: "output-heavy",
      title: "Generation-heavy groups",
      rule: `Output is more than ${pct(c.outputHeavy.maxOutputShare)} of all tokens of a group.`
    },
    {
      id: "cost-gap",
      title: "Recorded cost the token columns do not explain",
      rule: `The priced token columns explain less than ${pct(c.costGap.minExplained)} or more than ${pct(c.costGap.maxExplained)} of the mean recorded cost_usd, for example because a run also used helper models whose tokens are not in the token columns.`
    },
    {
      id: "small-sample",
      title: "Small samples",
      rule: `Fewer than ${smallSampleRuns} runs in a group: its numbers carry a small-sample mark (†) and say little on their own.`
    }
  ];
}

/** Evaluates every rule on the groups of one view; costs are matched to groups by model and tier. */
export function evaluateTierChecks(
  rows: GroupRow[],
  costs: CostRow[],
  config: TierCheckConfig = TIER_CHECKS,
  smallSampleRuns = SMALL_SAMPLE_RUNS
): CheckFinding[] {
  const small = (r: {runs: number}) => r.runs < smallSampleRuns;
  const finding: Finder = (check, r, detail, values) => ({
    check,
    agent_model: r.agent_model,
    tier: r.tier,
    small_sample: small(r),
    detail,
    values
  });
  return [
    ...promptOnlyCaching(rows, config, finding),
    ...efficiencyDrops(rows, config, small),
    ...fullStackCaching(rows, config, finding),
    ...unusedCacheWrites(rows, config, finding),
    ...outputHeavy(rows, config, finding),
    ...costGaps(costs, config, finding),
    ...rows.filter(small).map((r) => finding("small-sample", r, `${r.runs} run${r.runs === 1 ? "" : "s"}, fewer than ${smallSampleRuns}.`, {runs: r.runs}))
  ];
}

type Finder = (check: CheckId, group: GroupRow | CostRow, detail: string, values: Record<string, number>) => CheckFinding;

function promptOnlyCaching(rows: GroupRow[], config: TierCheckConfig, finding: Finder): CheckFinding[] {
  const {tiers, maxCachedShareOfInput} = config.promptOnlyCaching;
  return inTiers(rows, tiers)
    .filter((r) => r.cache_efficiency !== null && r.cache_efficiency > maxCachedShareOfInput)
    .map((r) =>
      finding(
        "prompt-only-caching",
        r,
        `${against(r.cache_efficiency!, maxCachedShareOfInput, "above")} of input came from the cache (${tokens(r.cache_read_tokens ?? 0)} cached and ${tokens(r.input_tokens ?? 0)} fresh tokens per run).`,
        {cache_efficiency: r.cache_efficiency!, cache_read_tokens: r.cache_read_tokens ?? 0, input_tokens: r.input_tokens ?? 0}
      )
    );
}

function efficiencyDrops(rows: GroupRow[], config: TierCheckConfig, small: (r: {runs: number}) => boolean): CheckFinding[] {
  const {tiers, maxFall} = config.efficiencyDrop;
  const findings: CheckFinding[] = [];
  const models = Array.from(new Set(rows.map((r) => r.agent_model)));
  for (const model of models) {
    const chain = inTiers(rows.filter((r) => r.agent_model === model && r.cache_efficiency !== null), tiers);
    for (let i = 1; i < chain.length; i++) {
      const [before, after] = [chain[i - 1], chain[i]];
      const fall = before.cache_efficiency! - after.cache_efficiency!;
      if (fall <= maxFall) continue;
      const [to, from] = formatRateAgainst(after.cache_efficiency!, before.cache_efficiency!);
      findings.push({
        check: "efficiency-drop",
        agent_model: model,
        tier: `${before.tier} → ${after.tier}`,
        small_sample: small(before) || small(after),
        detail: `Cache efficiency fell from ${from} in ${before.tier} to ${to} in ${after.tier}, by ${format(".3~r")(fall * 100)} percentage points.`,
        values: {before: before.cache_efficiency!, after: after.cache_efficiency!, fall}
      });
    }
  }
  return findings;
}

function fullStackCaching(rows: GroupRow[], config: TierCheckConfig, finding: Finder): CheckFinding[] {
  const {tiers, minEfficiency, maxFreshShare} = config.fullStackCaching;
  return inTiers(rows, tiers).flatMap((r) => {
    const efficiency = r.cache_efficiency;
    const fresh = r.shares.input_tokens;
    const lowEfficiency = efficiency !== null && efficiency < minEfficiency;
    const visibleFresh = fresh !== null && fresh > maxFreshShare;
    if (!lowEfficiency && !visibleFresh) return [];
    const reasons = [
      lowEfficiency ? `cache efficiency is ${against(efficiency!, minEfficiency, "below")}` : null,
      visibleFresh ? `fresh input is ${against(fresh!, maxFreshShare, "above")} of the bar` : null
    ].filter((s) => s !== null);
    const detail = `${capitalize(reasons.join("; "))}: ${tokens(r.input_tokens ?? 0)} fresh and ${tokens(r.cache_read_tokens ?? 0)} cached tokens per run.`;
    return [finding("full-stack-caching", r, detail, {cache_efficiency: efficiency ?? NaN, fresh_share: fresh ?? NaN, input_tokens: r.input_tokens ?? 0})];
  });
}

function unusedCacheWrites(rows: GroupRow[], config: TierCheckConfig, finding: Finder): CheckFinding[] {
  const {maxWriteToRead} = config.unusedCacheWrites;
  return rows
    .filter((r) => (r.cache_creation_tokens ?? 0) > maxWriteToRead * (r.cache_read_tokens ?? 0))
    .map((r) =>
      finding(
        "unused-cache-writes",
        r,
        `${tokens(r.cache_creation_tokens!)} tokens written to the cache per run against ${tokens(r.cache_read_tokens ?? 0)} read from it.`,
        {cache_creation_tokens: r.cache_creation_tokens!, cache_read_tokens: r.cache_read_tokens ?? 0}
      )
    );
}

function outputHeavy(rows: GroupRow[], config: TierCheckConfig, finding: Finder): CheckFinding[] {
  const {maxOutputShare} = config.outputHeavy;
  return rows
    .filter((r) => r.shares.output_tokens !== null && r.shares.output_tokens > maxOutputShare)
    .map((r) =>
      finding(
        "output-heavy",
        r,
        `Output is ${against(r.shares.output_tokens!, maxOutputShare, "above")} of all tokens (${tokens(r.output_tokens!)} of ${tokens(r.total)} per run).`,
        {output_share: r.shares.output_tokens!, output_tokens: r.output_tokens!, total: r.total}
      )
    );
}

function costGaps(costs: CostRow[], config: TierCheckConfig, finding: Finder): CheckFinding[] {
  const {minExplained, maxExplained} = config.costGap;
  const usd = formatUsd;
  return costs
    .filter((c) => c.explained !== null && (c.explained < minExplained || c.explained > maxExplained))
    .map((c) =>
      finding(
        "cost-gap",
        c,
        `The token columns, priced as ${c.priced_as}, explain ${pct(c.explained!)} of the recorded cost: ${usd(c.total!)} against ${usd(c.recorded!)} per run.`,
        {explained: c.explained!, priced: c.total!, recorded: c.recorded!}
      )
    );
}

// "99.976 % (below 99.98 %)": a rate and its threshold with enough digits to tell them apart.
function against(rate: number, threshold: number, relation: "above" | "below"): string {
  const [shown, limit] = formatRateAgainst(rate, threshold);
  return `${shown} (${relation} ${limit})`;
}

// Groups whose tier label carries one of the numbers, in tier order (rows come sorted).
function inTiers(rows: GroupRow[], tiers: readonly number[]): GroupRow[] {
  return rows.filter((r) => {
    const n = tierNumber(r.tier);
    return n !== undefined && tiers.includes(n);
  });
}

function tierList(tiers: readonly number[]): string {
  return tiers.length === 1 ? `T${tiers[0]}` : `T${tiers[0]}–T${tiers[tiers.length - 1]}`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
