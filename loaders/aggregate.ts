import {addSums, emptyGroup, type GroupSums} from "./accumulate.ts";
import {SMALL_SAMPLE_RUNS} from "./tier-checks-config.ts";
import {compareTiers} from "./tier-order.ts";
import {CACHE_WRITE, CACHED, FRESH, TOKEN_KEYS, type TokenKey} from "./token-types.ts";

/**
 * The numbers of one (agent_model, tier) group. Means are tokens per run over the runs with a
 * value in that column; null where every cell of the column was empty. Shares and rates are
 * fractions from 0 to 1, null where their denominator is zero (a group with no tokens).
 */
export interface GroupRow extends Record<TokenKey, number | null> {
  agent_model: string;
  tier: string;
  runs: number;
  /** Sum of the four means: the tokens of an average run. */
  total: number;
  shares: Record<TokenKey, number | null>;
  /** cached / (fresh + cached): how much of the input came from the cache. */
  cache_efficiency: number | null;
  /** cached / (fresh + cached + cache creation): counts cache writes as misses. */
  cache_hit_rate: number | null;
  zero_runs: number;
  repeats: number;
  total_mismatches: number;
  /** Mean recorded cost per run in US dollars, over the runs that have one. */
  cost_usd: number | null;
  passed: number;
  passed_known: number;
}

/** One row per (agent_model, tier, token type): the figure's long table. */
export interface LongRow {
  agent_model: string;
  tier: string;
  token_type: TokenKey;
  tokens: number | null;
  token_type_label: string;
  token_type_order: number;
  runs: number;
  share: number | null;
}

/** A group row marked when it has fewer runs than the small-sample threshold. */
export interface ViewGroupRow extends GroupRow {
  small_sample: boolean;
}

/** A long-table row with its group's cache rates and small-sample mark, for the figure's tooltip. */
export interface ViewLongRow extends LongRow {
  cache_efficiency: number | null;
  cache_hit_rate: number | null;
  small_sample: boolean;
}

/** Adds up group sums across experiments, keyed by (agent_model, tier). */
export function mergeExperiments(groups: GroupSums[], experiment?: string): GroupSums[] {
  const merged = new Map<string, GroupSums>();
  for (const g of groups) {
    if (experiment !== undefined && g.experiment !== experiment) continue;
    const key = `${g.agent_model}\u0000${g.tier}`;
    let m = merged.get(key);
    if (m === undefined) merged.set(key, (m = emptyGroup(experiment ?? "", g.agent_model, g.tier)));
    addSums(m, g);
  }
  return Array.from(merged.values());
}

/** Per-group means, totals, shares and cache rates, sorted by model then tier. */
export function groupRows(groups: GroupSums[]): GroupRow[] {
  return groups
    .map((g) => {
      const means = g.sums.map((sum, i) => (g.counts[i] > 0 ? sum / g.counts[i] : null));
      const fresh = means[FRESH] ?? 0;
      const cached = means[CACHED] ?? 0;
      const written = means[CACHE_WRITE] ?? 0;
      const total = means.reduce<number>((a, m) => a + (m ?? 0), 0);
      return {
        agent_model: g.agent_model,
        tier: g.tier,
        runs: g.runs,
        ...(Object.fromEntries(TOKEN_KEYS.map((key, i) => [key, means[i]])) as Record<TokenKey, number | null>),
        total,
        shares: Object.fromEntries(
          TOKEN_KEYS.map((key, i) => [key, total > 0 && means[i] !== null ? means[i]! / total : null])
        ) as Record<TokenKey, number | null>,
        cache_efficiency: ratio(cached, fresh + cached),
        cache_hit_rate: ratio(cached, fresh + cached + written),
        zero_runs: g.zeroRuns,
        repeats: g.repeats,
        total_mismatches: g.totalMismatches,
        cost_usd: g.costCount > 0 ? g.costSum / g.costCount : null,
        passed: g.passed,
        passed_known: g.passedKnown
      };
    })
    .sort((a, b) => compare(a.agent_model, b.agent_model) || compareTiers(a.tier, b.tier));
}

/** The group rows, each marked when it has fewer runs than the small-sample threshold. */
export function markSmallSamples(rows: GroupRow[]): ViewGroupRow[] {
  return rows.map((r) => ({...r, small_sample: r.runs < SMALL_SAMPLE_RUNS}));
}

function ratio(numerator: number, denominator: number): number | null {
  return denominator > 0 ? numerator / denominator : null;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
