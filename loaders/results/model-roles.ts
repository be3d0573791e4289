// Which model of a run is its main model, and what part every other model played.
//
// The rule, in order:
// 1. The main model is the entry of `modelUsage` whose four token counts equal `usage` (the
//    tokens of the agent's own conversation). If none is equal, it is the entry that holds at
//    least the tokens of `usage` in all four counts with the fewest tokens to spare (the agent
//    and its housekeeping calls share one model); failing that, the model named after
//    `--model` on the command line the harness recorded.
// 2. Another model is a helper when it belongs to a smaller family than the main model (a
//    Haiku beside a Sonnet or an Opus) and never used the prompt cache: the short
//    housekeeping calls of an agent (titles, summaries, command checks) write and read no
//    cache, while a sub-agent holding a conversation does.
// 3. Every other model is a delegate: a model the agent handed work to.
import {familyRank} from "./model-names.ts";

export const ROLES = ["main", "helper", "delegate"] as const;

export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {main: "Main model", helper: "Helper", delegate: "Delegate"};

/** Tokens in TOKEN_TYPES order: fresh input, cached input, output, cache creation. */
export type TokenCounts = [number, number, number, number];

export interface MainModelChoice {
  model: string;
  /** How the model was found: equal counts, the smallest entry holding usage, or the command line. */
  rule: "equal" | "contains" | "command line";
}

/** The main model of a run, or null when no rule finds one. */
export function findMainModel(
  usage: TokenCounts,
  models: Record<string, TokenCounts>,
  commandLine = ""
): MainModelChoice | null {
  const entries = Object.entries(models);
  const equal = entries.find(([, counts]) => counts.every((c, i) => c === usage[i]));
  if (equal) return {model: equal[0], rule: "equal"};

  const holding = entries
    .filter(([, counts]) => counts.every((c, i) => c >= usage[i]))
    .map(([model, counts]) => ({model, spare: sum(counts) - sum(usage)}))
    .sort((a, b) => a.spare - b.spare);
  if (holding.length > 0 && sum(usage) > 0) return {model: holding[0].model, rule: "contains"};

  const named = /--model[= ]+["']?([\w.:@/-]+)/.exec(commandLine)?.[1];
  return named ? {model: named, rule: "command line"} : null;
}

/** The role of a model other than the main one (see the rule at the top of this file). */
export function roleOf(model: string, mainModel: string, counts: TokenCounts): Exclude<Role, "main"> {
  const rank = familyRank(model);
  const mainRank = familyRank(mainModel);
  const usedCache = counts[1] > 0 || counts[3] > 0;
  if (rank !== null && mainRank !== null && rank < mainRank && !usedCache) return "helper";
  return "delegate";
}

function sum(counts: readonly number[]): number {
  return counts.reduce((a, b) => a + b, 0);
}
