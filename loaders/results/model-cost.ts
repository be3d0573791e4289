// The cost of the tokens a model used, from a price record the caller supplies. Prices are in
// US dollars per million tokens; cache writes are priced by the lifetime of the entry.
import type {AgentResult, ModelUse} from "./read-result.ts";

/** US dollars per million tokens of each kind, for one model. */
export interface PriceRecord {
  input: number;
  cacheRead: number;
  output: number;
  cacheWrite5m: number;
  cacheWrite1h: number;
}

/** Looks up the prices of a model id; undefined when the model has no price. */
export type PriceLookup = (model: string) => PriceRecord | undefined;

/** The cost in US dollars of each kind of token of one model use, and their sum. */
export interface UseCost {
  input: number;
  cacheRead: number;
  output: number;
  cacheWrite: number;
  total: number;
}

const PER_MILLION = 1e6;

/**
 * Prices one model use. Cache writes are split by lifetime: `cacheWrite1h` of them at the
 * one-hour price, the rest at the five-minute price. Results give the split only for the main
 * model (`usage.cache_creation`); other models' writes therefore count as five-minute writes,
 * which is what Claude Code's sub-agents and housekeeping calls use.
 */
export function useCost(
  {tokens: [fresh, cached, output, written], cacheWrite1h}: ModelUse,
  price: PriceRecord
): UseCost {
  const input = (fresh * price.input) / PER_MILLION;
  const cacheRead = (cached * price.cacheRead) / PER_MILLION;
  const out = (output * price.output) / PER_MILLION;
  const cacheWrite = ((written - cacheWrite1h) * price.cacheWrite5m + cacheWrite1h * price.cacheWrite1h) / PER_MILLION;
  return {input, cacheRead, output: out, cacheWrite, total: input + cacheRead + out + cacheWrite};
}

/** A model's recorded cost in one run beside the cost its tokens give at the price table's prices. */
export interface ModelReconciliation {
  model: string;
  recorded: number;
  /** Null when the model has no price. */
  priced: number | null;
}

export interface RunReconciliation {
  models: ModelReconciliation[];
  recordedTotal: number;
  /** Sum of the priced models; null when any model of the run has no price. */
  pricedTotal: number | null;
}

/**
 * Prices every model of a run and sets each beside its recorded `costUSD`. A model whose
 * tokens were split between roles (the main model and its own housekeeping calls) is priced
 * as one, since its recorded cost covers both.
 */
export function reconcileRun(result: AgentResult, priceOf: PriceLookup): RunReconciliation {
  const byModel = new Map<string, ModelReconciliation>();
  for (const use of result.uses) {
    const price = priceOf(use.model);
    const entry = byModel.get(use.model) ?? {model: use.model, recorded: 0, priced: 0};
    entry.recorded += use.costUSD ?? 0;
    entry.priced = price === undefined || entry.priced === null ? null : entry.priced + useCost(use, price).total;
    byModel.set(use.model, entry);
  }
  const models = Array.from(byModel.values());
  const priced = models.every((m) => m.priced !== null) ? models.reduce((a, m) => a + m.priced!, 0) : null;
  return {models, recordedTotal: result.totalCostUSD, pricedTotal: priced};
}
