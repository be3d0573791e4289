// Per (model, tier) sums of the tokens and recorded costs of every model of each run, by role,
// and the views the page shows: all models summed, each token type split by role, and how much
// of the recorded cost the main model explains.
import type {GroupSums} from "../accumulate.ts";
import {groupRows, markSmallSamples, type LongRow, type ViewGroupRow, type ViewLongRow} from "../aggregate.ts";
import {figureLongTable} from "../../src/components/figure-tables.ts";
import type {CostLongRow} from "../cost.ts";
import {SMALL_SAMPLE_RUNS} from "../tier-checks-config.ts";
import {compareTiers} from "../tier-order.ts";
import {TOKEN_TYPES, type TokenKey} from "../token-types.ts";
import {useCost, type PriceLookup} from "./model-cost.ts";
import {displayModelName} from "./model-names.ts";
import {ROLE_LABELS, ROLES, type Role} from "./model-roles.ts";
import type {LocatedResult} from "./read-results-dir.ts";

/** Running sums for one (experiment, agent_model, tier) group of runs read from results. */
export interface RoleSums {
  experiment: string;
  agent_model: string;
  tier: string;
  runs: number;
  /** Tokens of each role summed over the runs, in TOKEN_TYPES order. */
  tokens: Record<Role, number[]>;
  /** Model ids seen in each role. */
  models: Record<Role, string[]>;
  /** Recorded cost of each role summed over the runs, in US dollars. */
  recorded: Record<Role, number>;
  /** Sum of the runs' total_cost_usd. */
  recordedTotal: number;
  /** Cost of each role at the price table's prices in TOKEN_TYPES order; null without prices. */
  priced: Record<Role, number[]> | null;
  /** Model ids that had no price. */
  unpriced: string[];
  /** Runs whose tokens over all models are zero. */
  zeroRuns: number;
}

/** Mean tokens per run of one role and one token type in one (model, tier) group. */
export interface RoleLongRow {
  agent_model: string;
  tier: string;
  role: Role;
  role_label: string;
  role_order: number;
  token_type: TokenKey;
  token_type_label: string;
  tokens: number;
  /** The role's part of this token type over all models, 0 to 1; null when the type has no tokens. */
  share: number | null;
  runs: number;
  /** The model ids that played this role, separated by ", ". */
  models: string;
}

/** Mean recorded cost per run by role in one (model, tier) group, in US dollars. */
export interface RoleCostRow {
  agent_model: string;
  tier: string;
  runs: number;
  main: number;
  helper: number;
  delegate: number;
  /** Mean total_cost_usd per run. */
  total: number;
  /** How much of the recorded total the main model's recorded cost explains, 0 to 1. */
  main_share: number | null;
  /** Mean cost per run of each role at the price table's prices; null when no prices were given. */
  priced: Record<Role, number> | null;
  /** The same split by token type (fresh input, cache read, output, cache write: TOKEN_TYPES order). */
  priced_by_type: Record<Role, number[]> | null;
  unpriced: string[];
}

export interface ResultsView {
  experiment: string | null;
  /**
   * Every model of each run summed, in the shape of the main-model view. costLong prices each
   * model at its own price; a group with any unpriced model has null costs.
   */
  all: {groups: ViewGroupRow[]; long: ViewLongRow[]; costLong: CostLongRow[]};
  byRole: RoleLongRow[];
  costs: RoleCostRow[];
}

const TOKEN_ROWS = TOKEN_TYPES.length;

/** Collects agent results into per-group role sums; feed it with add(), read it with groups(). */
export class RoleAccumulator {
  readonly #groups = new Map<string, RoleSums>();

  constructor(readonly priceOf?: PriceLookup) {}

  add = (result: LocatedResult): void => {
    const group = this.#group(result.experiment, displayModelName(result.mainModel), result.tier);
    group.runs++;
    group.recordedTotal += result.totalCostUSD;
    let all = 0;
    for (const use of result.uses) {
      use.tokens.forEach((t, i) => (group.tokens[use.role][i] += t));
      all += use.tokens.reduce((a, b) => a + b, 0);
      group.recorded[use.role] += use.costUSD ?? 0;
      addOnce(group.models[use.role], use.model);
      this.#price(group, use);
    }
    if (all === 0) group.zeroRuns++;
  };

  groups(): RoleSums[] {
    return Array.from(this.#groups.values());
  }

  #price(group: RoleSums, use: LocatedResult["uses"][number]): void {
    if (!this.priceOf || !group.priced) return;
    const price = this.priceOf(use.model);
    if (price === undefined) return addOnce(group.unpriced, use.model);
    const cost = useCost(use, price);
    [cost.input, cost.cacheRead, cost.output, cost.cacheWrite].forEach((c, i) => (group.priced![use.role][i] += c));
  }

  #group(experiment: string, agent_model: string, tier: string): RoleSums {
    const key = `${experiment}\u0000${agent_model}\u0000${tier}`;
    let group = this.#groups.get(key);
    if (group === undefined) {
      group = emptySums(experiment, agent_model, tier, this.priceOf !== undefined);
      this.#groups.set(key, group);
    }
    return group;
  }
}

/** The views for one experiment (or all of them, for null). */
export function resultsView(groups: RoleSums[], experiment: string | null): ResultsView {
  const merged = mergeRoleSums(groups, experiment).sort(
    (a, b) => compare(a.agent_model, b.agent_model) || compareTiers(a.tier, b.tier)
  );
  const all = markSmallSamples(groupRows(merged.map(allModelSums)));
  const long = figureLongTable(all);
  return {
    experiment,
    all: {groups: all, long, costLong: allModelCostLong(merged, long)},
    byRole: merged.flatMap(roleLongRows),
    costs: merged.map(costRow)
  };
}

// Adds up role sums across experiments, keyed by (agent_model, tier).
function mergeRoleSums(groups: RoleSums[], experiment: string | null): RoleSums[] {
  const merged = new Map<string, RoleSums>();
  for (const g of groups) {
    if (experiment !== null && g.experiment !== experiment) continue;
    const key = `${g.agent_model}\u0000${g.tier}`;
    let m = merged.get(key);
    if (m === undefined) merged.set(key, (m = emptySums(experiment ?? "", g.agent_model, g.tier, g.priced !== null)));
    m.runs += g.runs;
    m.recordedTotal += g.recordedTotal;
    m.zeroRuns += g.zeroRuns;
    for (const role of ROLES) {
      g.tokens[role].forEach((t, i) => (m.tokens[role][i] += t));
      g.priced?.[role].forEach((c, i) => (m.priced![role][i] += c));
      m.recorded[role] += g.recorded[role];
      g.models[role].forEach((model) => addOnce(m.models[role], model));
    }
    g.unpriced.forEach((model) => addOnce(m.unpriced, model));
  }
  return Array.from(merged.values());
}

// The group sums of every model together, in the shape the main-model aggregation reads.
function allModelSums(g: RoleSums): GroupSums {
  return {
    experiment: g.experiment,
    agent_model: g.agent_model,
    tier: g.tier,
    runs: g.runs,
    sums: TOKEN_TYPES.map((_, i) => ROLES.reduce((a, role) => a + g.tokens[role][i], 0)),
    counts: TOKEN_TYPES.map(() => g.runs),
    zeroRuns: g.zeroRuns,
    costSum: g.recordedTotal,
    costCount: g.runs,
    passed: 0,
    passedKnown: 0,
    totalMismatches: 0,
    repeats: 0
  };
}

// The cost figure's rows for every model summed: each role's priced cost by token type, added up.
function allModelCostLong(groups: RoleSums[], long: LongRow[]): CostLongRow[] {
  const byGroup = new Map(groups.map((g) => [`${g.agent_model}\u0000${g.tier}`, g]));
  return long.map((d) => {
    const g = byGroup.get(`${d.agent_model}\u0000${d.tier}`)!;
    const i = TOKEN_TYPES.findIndex((t) => t.key === d.token_type);
    const priced = g.priced !== null && g.unpriced.length === 0 ? g.priced : null;
    const total = priced ? ROLES.reduce((a, role) => a + priced[role].reduce((x, y) => x + y, 0), 0) / g.runs : null;
    const cost = priced ? ROLES.reduce((a, role) => a + priced[role][i], 0) / g.runs : null;
    return {
      agent_model: d.agent_model,
      tier: d.tier,
      token_type: d.token_type,
      token_type_label: d.token_type_label,
      token_type_order: d.token_type_order,
      tokens: d.tokens,
      share: d.share,
      cost,
      cost_share: cost !== null && total ? cost / total : null,
      runs: d.runs,
      small_sample: d.runs < SMALL_SAMPLE_RUNS
    };
  });
}

function roleLongRows(g: RoleSums): RoleLongRow[] {
  return TOKEN_TYPES.flatMap(({key, label}, i) => {
    const typeTotal = ROLES.reduce((a, role) => a + g.tokens[role][i], 0);
    return ROLES.map((role, order) => ({
      agent_model: g.agent_model,
      tier: g.tier,
      role,
      role_label: ROLE_LABELS[role],
      role_order: order,
      token_type: key,
      token_type_label: label,
      tokens: g.tokens[role][i] / g.runs,
      share: typeTotal > 0 ? g.tokens[role][i] / typeTotal : null,
      runs: g.runs,
      models: g.models[role].join(", ")
    }));
  });
}

function costRow(g: RoleSums): RoleCostRow {
  const perRun = (usd: number) => usd / g.runs;
  const sum = (costs: number[]) => perRun(costs.reduce((a, b) => a + b, 0));
  const byRole = <T>(make: (role: Role) => T) => ({
    main: make("main"),
    helper: make("helper"),
    delegate: make("delegate")
  });
  return {
    agent_model: g.agent_model,
    tier: g.tier,
    runs: g.runs,
    main: perRun(g.recorded.main),
    helper: perRun(g.recorded.helper),
    delegate: perRun(g.recorded.delegate),
    total: perRun(g.recordedTotal),
    main_share: g.recordedTotal > 0 ? g.recorded.main / g.recordedTotal : null,
    priced: g.priced ? byRole((role) => sum(g.priced![role])) : null,
    priced_by_type: g.priced ? byRole((role) => g.priced![role].map(perRun)) : null,
    unpriced: g.unpriced
  };
}

function emptySums(experiment: string, agent_model: string, tier: string, priced: boolean): RoleSums {
  const perRole = <T>(make: () => T) => ({main: make(), helper: make(), delegate: make()});
  const zeros = () => new Array<number>(TOKEN_ROWS).fill(0);
  return {
    experiment,
    agent_model,
    tier,
    runs: 0,
    tokens: perRole(zeros),
    models: perRole(() => [] as string[]),
    recorded: perRole(() => 0),
    recordedTotal: 0,
    priced: priced ? perRole(zeros) : null,
    unpriced: [],
    zeroRuns: 0
  };
}

function addOnce(list: string[], item: string): void {
  if (!list.includes(item)) list.push(item);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
