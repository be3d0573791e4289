// A runs file written from raw agent results: the harness's own columns, then the tokens of
// the other models of each run by role.
import {csvFormat} from "d3-dsv";
import {displayModelName} from "./model-names.ts";
import type {Role} from "./model-roles.ts";
import type {LocatedResult} from "./read-results-dir.ts";

/** The columns of the harness's runs file, in its order. Those a result does not hold stay empty. */
export const HARNESS_COLUMNS = [
  "experiment",
  "agent_model",
  "tier",
  "subtest",
  "run_number",
  "score",
  "impl_rate",
  "passed",
  "grade",
  "cost_usd",
  "duration_seconds",
  "agent_duration_seconds",
  "judge_duration_seconds",
  "input_tokens",
  "output_tokens",
  "cache_creation_tokens",
  "cache_read_tokens",
  "total_tokens",
  "exit_code"
] as const;

// The token columns of a runs file and where each is in a TokenCounts array.
const TOKEN_COLUMNS = [
  ["input_tokens", 0],
  ["output_tokens", 2],
  ["cache_creation_tokens", 3],
  ["cache_read_tokens", 1]
] as const;

const OTHER_ROLES: Exclude<Role, "main">[] = ["helper", "delegate"];

/**
 * Columns after the harness's: the main model's id, its cache writes by lifetime and recorded
 * cost; then for the helper and delegate roles the model ids, the four token counts and the
 * recorded cost.
 */
export const ROLE_COLUMNS = [
  "agent_model_id",
  "cache_creation_5m_tokens",
  "cache_creation_1h_tokens",
  "main_cost_usd",
  ...OTHER_ROLES.flatMap((role) => [
    `${role}_models`,
    ...TOKEN_COLUMNS.map(([column]) => `${role}_${column}`),
    `${role}_cost_usd`
  ])
];

export const RUNS_COLUMNS: string[] = [...HARNESS_COLUMNS, ...ROLE_COLUMNS];

/** One row of the runs file for one result; numbers are written as they are, unknowns left empty. */
export function runsRow(result: LocatedResult): Record<string, string | number> {
  const main = result.uses.find((u) => u.role === "main")!;
  const row: Record<string, string | number> = {
    experiment: result.experiment,
    agent_model: displayModelName(result.mainModel),
    tier: result.tier,
    subtest: result.subtest,
    run_number: result.run_number,
    cost_usd: result.totalCostUSD,
    total_tokens: main.tokens.reduce((a, b) => a + b, 0),
    exit_code: result.exitCode ?? "",
    agent_model_id: result.mainModel,
    cache_creation_5m_tokens: main.tokens[3] - main.cacheWrite1h,
    cache_creation_1h_tokens: main.cacheWrite1h,
    main_cost_usd: main.costUSD ?? ""
  };
  for (const [column, i] of TOKEN_COLUMNS) row[column] = main.tokens[i];

  for (const role of OTHER_ROLES) {
    const uses = result.uses.filter((u) => u.role === role);
    row[`${role}_models`] = Array.from(new Set(uses.map((u) => u.model))).join(";");
    for (const [column, i] of TOKEN_COLUMNS) row[`${role}_${column}`] = uses.reduce((a, u) => a + u.tokens[i], 0);
    // A sum of recorded costs, to 12 significant digits: 0.004257, not 0.0042569999999999995.
    row[`${role}_cost_usd`] = Number(uses.reduce((a, u) => a + (u.costUSD ?? 0), 0).toPrecision(12));
  }
  return row;
}

/** The runs file's text, header first. */
export function runsCsv(results: LocatedResult[]): string {
  return csvFormat(results.map(runsRow), RUNS_COLUMNS) + "\n";
}

/** Columns of the by-role long table as written to figures/NAME_by_role.csv. */
export const ROLE_LONG_COLUMNS = [
  "agent_model",
  "tier",
  "role",
  "token_type",
  "tokens",
  "share",
  "runs",
  "models",
  "role_label",
  "token_type_label"
];

export function roleLongCsv(rows: object[]): string {
  return csvFormat(rows as never, ROLE_LONG_COLUMNS) + "\n";
}
