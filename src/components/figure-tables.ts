// The figures' long tables: one row per (agent_model, tier, token type), folded from the group
// rows. They repeat what the group rows hold, so the report file the page loads leaves them out
// and the page folds them again; the build folds them the same way for the exported files.
import type {GroupRow, LongRow, ViewGroupRow, ViewLongRow} from "../../loaders/aggregate.ts";
import type {CostLongRow, CostRow} from "../../loaders/cost.ts";
import type {Report} from "../../loaders/report.ts";
import {TOKEN_TYPES, type TokenKey} from "./token-types.js";

// The order of the token columns in a runs file, which the reference long table follows.
const TOKEN_ORDER_IN_FILE: TokenKey[] = ["input_tokens", "output_tokens", "cache_creation_tokens", "cache_read_tokens"];

/** The group rows folded to the figure's long table, ordered by token type (as in a runs file), model and tier. */
export function longTable(rows: GroupRow[]): LongRow[] {
  return TOKEN_ORDER_IN_FILE.flatMap((key) => {
    const {label, order} = TOKEN_TYPES.find((t) => t.key === key)!;
    return rows.map((r) => ({
      agent_model: r.agent_model,
      tier: r.tier,
      token_type: key,
      tokens: r[key],
      token_type_label: label,
      token_type_order: order,
      runs: r.runs,
      share: r.total > 0 && r[key] !== null ? r[key]! / r.total : null
    }));
  });
}

/** The long table with each row's group cache rates and small-sample mark, as the page's figure reads it. */
export function figureLongTable(rows: ViewGroupRow[]): ViewLongRow[] {
  const byGroup = new Map(rows.map((r) => [groupKey(r), r]));
  return longTable(rows).map((d) => {
    const {cache_efficiency, cache_hit_rate, small_sample} = byGroup.get(groupKey(d))!;
    return {...d, cache_efficiency, cache_hit_rate, small_sample};
  });
}

/** The cost figure's long table: the priced groups, one row per token type in the order the bars stack; unpriced costs stay null. */
export function costLongTable(costs: CostRow[], rows: GroupRow[]): CostLongRow[] {
  const rowsByGroup = new Map(rows.map((r) => [groupKey(r), r]));
  return costs.flatMap((c) => {
    const row = rowsByGroup.get(groupKey(c))!;
    return TOKEN_TYPES.map(({key, label, order}) => ({
      agent_model: c.agent_model,
      tier: c.tier,
      token_type: key,
      token_type_label: label,
      token_type_order: order,
      tokens: row[key],
      share: row.shares[key],
      cost: c.cost[key],
      cost_share: c.shares[key],
      runs: c.runs,
      small_sample: c.small_sample
    }));
  });
}

/** The report as the page loads it: without the long tables that the group rows give again. */
export type PageReport = Omit<Report, "views" | "results"> & {
  views: Omit<Report["views"][number], "long" | "costLong">[];
  results?: Omit<NonNullable<Report["results"]>, "views"> & {
    views: (Omit<NonNullable<Report["results"]>["views"][number], "all"> & {
      all: Omit<NonNullable<Report["results"]>["views"][number]["all"], "long">;
    })[];
  };
};

/** Leaves out the long tables that withFigureTables folds again. */
export function withoutFigureTables({views, results, ...report}: Report): PageReport {
  return {
    ...report,
    views: views.map(({long, costLong, ...view}) => view),
    ...(results ? {results: {...results, views: results.views.map(({all: {long, ...all}, ...view}) => ({...view, all}))}} : {})
  };
}

/** The whole report again from what withoutFigureTables kept. */
export function withFigureTables({views, results, ...report}: PageReport): Report {
  return {
    ...report,
    views: views.map((view) => ({...view, long: figureLongTable(view.groups), costLong: costLongTable(view.costs, view.groups)})),
    ...(results ? {results: {...results, views: results.views.map((view) => ({...view, all: {...view.all, long: figureLongTable(view.all.groups)}}))}} : {})
  };
}

function groupKey(g: {agent_model: string; tier: string}): string {
  return `${g.agent_model}\u0000${g.tier}`;
}
