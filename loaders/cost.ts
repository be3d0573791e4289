import {csvFormat} from "d3-dsv";
import type {GroupSums} from "./accumulate.ts";
import type {GroupRow} from "./aggregate.ts";
import type {PriceMatch, TokenPrices} from "./prices.ts";
import {TOKEN_KEYS, TOKEN_TYPES, type TokenKey} from "./token-types.ts";

/**
 * What the tokens of one (agent_model, tier) group cost, in US dollars. Every amount is null
 * when the model has no price (it is listed as unpriced, never priced at zero).
 */
export interface CostRow {
  agent_model: string;
  tier: string;
  runs: number;
  small_sample: boolean;
  /** What the model was priced as, such as "Sonnet 4.5"; null when it is unpriced. */
  priced_as: string | null;
  /** Mean cost per run of each token type: its mean tokens × its price. */
  cost: Record<TokenKey, number | null>;
  /** Mean cost per run: the sum of the four. */
  total: number | null;
  /** Each type's share of the mean cost, 0 to 1. */
  shares: Record<TokenKey, number | null>;
  /** The same mean tokens with every cached read billed as fresh input. */
  without_cache: number | null;
  /** without_cache − total, and that as a share of without_cache. */
  savings: number | null;
  savings_share: number | null;
  /** Mean of the runs' recorded cost_usd, over the runs that have one. */
  recorded: number | null;
  recorded_runs: number;
  /** total ÷ recorded: how much of the recorded cost the token columns explain. */
  explained: number | null;
  passed: number;
  passed_known: number;
  /** The priced cost of every run of the group (sums of the token columns × prices). */
  total_cost: number | null;
  /** total_cost ÷ passing runs; null when no run passed. */
  cost_per_pass: number | null;
  /** Recorded cost_usd of every run ÷ passing runs; null when no run passed or some runs lack a cost. */
  recorded_cost_per_pass: number | null;
}

/** One row per (agent_model, tier, token type): the cost figure's long table; cost is null where unpriced. */
export interface CostLongRow {
  agent_model: string;
  tier: string;
  token_type: TokenKey;
  token_type_label: string;
  token_type_order: number;
  /** Mean tokens per run and their share of the group's tokens, as in the token figure. */
  tokens: number | null;
  share: number | null;
  /** Mean cost per run in dollars and its share of the group's mean cost. */
  cost: number | null;
  cost_share: number | null;
  runs: number;
  small_sample: boolean;
}

const PER_MILLION = 1e6;

/**
 * Prices each group. `rows` are the groups' means; `sums` the same groups' running sums (matched
 * by model and tier), for the totals behind the cost of a pass.
 */
export function costRows(
  rows: GroupRow[],
  sums: GroupSums[],
  matches: Map<string, PriceMatch>,
  smallSampleRuns: number
): CostRow[] {
  const sumsByGroup = new Map(sums.map((g) => [groupKey(g), g]));
  return rows.map((row) => {
    const group = sumsByGroup.get(groupKey(row));
    if (!group) throw new Error(`no sums for group: ${row.agent_model} ${row.tier}`);
    const match = matches.get(row.agent_model);
    return priceGroup(row, group, match?.prices ?? null, match?.priced_as ?? null, smallSampleRuns);
  });
}

function priceGroup(
  row: GroupRow,
  group: GroupSums,
  prices: TokenPrices | null,
  pricedAs: string | null,
  smallSampleRuns: number
): CostRow {
  const cost = perType((key) => (prices && row[key] !== null ? (row[key]! * prices[key]) / PER_MILLION : null));
  const total = prices ? TOKEN_KEYS.reduce((sum, key) => sum + (cost[key] ?? 0), 0) : null;
  const withoutCache =
    prices && total !== null ? total + ((row.cache_read_tokens ?? 0) * (prices.input_tokens - prices.cache_read_tokens)) / PER_MILLION : null;
  const totalCost = prices
    ? TOKEN_TYPES.reduce((sum, {key}, i) => sum + (group.sums[i] * prices[key]) / PER_MILLION, 0)
    : null;
  const recordedComplete = group.costCount === group.runs;
  return {
    agent_model: row.agent_model,
    tier: row.tier,
    runs: row.runs,
    small_sample: row.runs < smallSampleRuns,
    priced_as: pricedAs,
    cost,
    total,
    shares: perType((key) => (total && cost[key] !== null ? cost[key]! / total : null)),
    without_cache: withoutCache,
    savings: withoutCache !== null && total !== null ? withoutCache - total : null,
    savings_share: withoutCache && total !== null ? (withoutCache - total) / withoutCache : null,
    recorded: row.cost_usd,
    recorded_runs: group.costCount,
    explained: total !== null && row.cost_usd ? total / row.cost_usd : null,
    passed: group.passed,
    passed_known: group.passedKnown,
    total_cost: totalCost,
    cost_per_pass: totalCost !== null && group.passed > 0 ? perPass(totalCost, group) : null,
    recorded_cost_per_pass: recordedComplete && group.runs > 0 && group.passed > 0 ? perPass(group.costSum, group) : null
  };
}

// The cost of a pass: the mean cost of a run ÷ the share of passing runs among those whose outcome
// is known. When every run says whether it passed, that is the total cost ÷ the passing runs; a
// run without an outcome (from raw results, say) adds its cost to the mean, not to the passes.
function perPass(cost: number, group: GroupSums): number {
  return ((cost / group.runs) * group.passedKnown) / group.passed;
}

function perType(value: (key: TokenKey) => number | null): Record<TokenKey, number | null> {
  return Object.fromEntries(TOKEN_KEYS.map((key) => [key, value(key)])) as Record<TokenKey, number | null>;
}

function groupKey(g: {agent_model: string; tier: string}): string {
  return `${g.agent_model}\u0000${g.tier}`;
}

/** Columns of the cost figure's long table as written to figures/. */
export const COST_LONG_COLUMNS = ["agent_model", "tier", "token_type", "token_type_label", "token_type_order", "tokens", "share", "cost", "cost_share", "runs", "small_sample"];

export function costLongTableCsv(rows: CostLongRow[]): string {
  return csvFormat(rows as unknown as Record<string, unknown>[] as never, COST_LONG_COLUMNS) + "\n";
}
