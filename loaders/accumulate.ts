import type {Run} from "./read-runs.ts";
import {RunKeys} from "./run-keys.ts";

/**
 * Running sums for one (experiment, agent_model, tier) group. Only sums and counts are kept,
 * so memory depends on the number of groups, not on the number of runs.
 */
export interface GroupSums {
  experiment: string;
  agent_model: string;
  tier: string;
  runs: number;
  /** Sum of each token column over the runs with a value there, in TOKEN_TYPES order. */
  sums: number[];
  /** Number of runs with a value in each token column (empty cells are skipped). */
  counts: number[];
  /** Runs whose four token counts are all zero (runs that stopped before any model call). */
  zeroRuns: number;
  costSum: number;
  costCount: number;
  passed: number;
  passedKnown: number;
  /** Runs whose total_tokens differs from the sum of their four token columns. */
  totalMismatches: number;
  /** Runs whose (subtest, run_number) appeared before in the same group; all are kept. */
  repeats: number;
}

export interface AccumulateOptions {
  /** Leave out runs whose four token counts are all zero. */
  excludeEmptyRuns?: boolean;
}

/** Collects runs into per-group sums; feed it with add(), read it with groups(). */
export class RunAccumulator {
  readonly #groups = new Map<string, GroupSums>();
  readonly #groupsByName = new Map<string, Map<string, Map<string, GroupSums>>>();
  readonly #keys = new Map<GroupSums, RunKeys>();
  readonly #excludeEmptyRuns: boolean;
  excludedEmptyRuns = 0;

  constructor({excludeEmptyRuns = false}: AccumulateOptions = {}) {
    this.#excludeEmptyRuns = excludeEmptyRuns;
  }

  add = (run: Run): void => {
    const {tokens} = run;
    const zero = tokens.every((t) => t === 0);
    if (zero && this.#excludeEmptyRuns) {
      this.excludedEmptyRuns++;
      return;
    }

    const group = this.#group(run.experiment, run.agent_model, run.tier);
    group.runs++;
    if (zero) group.zeroRuns++;
    let sum = 0;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i];
      if (t === null) continue;
      group.sums[i] += t;
      group.counts[i]++;
      sum += t;
    }
    if (run.cost_usd !== null) {
      group.costSum += run.cost_usd;
      group.costCount++;
    }
    if (run.passed !== null) {
      group.passedKnown++;
      if (run.passed) group.passed++;
    }
    if (run.total_tokens !== null && run.total_tokens !== sum) group.totalMismatches++;
    if (this.#isRepeat(group, run)) group.repeats++;
  };

  /** Adds the sums of a group computed elsewhere, such as a row of an aggregates file: sums and counts add. */
  addGroup = (sums: GroupSums): void => {
    const group = this.#group(sums.experiment, sums.agent_model, sums.tier);
    for (let i = 0; i < sums.sums.length; i++) {
      group.sums[i] += sums.sums[i];
      group.counts[i] += sums.counts[i];
    }
    group.runs += sums.runs;
    group.zeroRuns += sums.zeroRuns;
    group.costSum += sums.costSum;
    group.costCount += sums.costCount;
    group.passed += sums.passed;
    group.passedKnown += sums.passedKnown;
    group.totalMismatches += sums.totalMismatches;
    group.repeats += sums.repeats;
  };

  groups(): GroupSums[] {
    return Array.from(this.#groups.values());
  }

  #group(experiment: string, agent_model: string, tier: string): GroupSums {
    // Nested maps find the group without building a key string for every run.
    let models = this.#groupsByName.get(experiment);
    if (models === undefined) this.#groupsByName.set(experiment, (models = new Map()));
    let tiers = models.get(agent_model);
    if (tiers === undefined) models.set(agent_model, (tiers = new Map()));
    let group = tiers.get(tier);
    if (group === undefined) {
      group = {
        experiment,
        agent_model,
        tier,
        runs: 0,
        sums: [0, 0, 0, 0],
        counts: [0, 0, 0, 0],
        zeroRuns: 0,
        costSum: 0,
        costCount: 0,
        passed: 0,
        passedKnown: 0,
        totalMismatches: 0,
        repeats: 0
      };
      tiers.set(tier, group);
      this.#groups.set(`${experiment}\u0000${agent_model}\u0000${tier}`, group);
    }
    return group;
  }

  // Whether a run with the same (subtest, run number) came before in its group.
  #isRepeat(group: GroupSums, {subtest, run_number}: Run): boolean {
    if (subtest === null || run_number === null) return false;
    let keys = this.#keys.get(group);
    if (keys === undefined) this.#keys.set(group, (keys = new RunKeys()));
    if (keys.has(subtest, run_number)) return true;
    keys.add(subtest, run_number);
    return false;
  }
}
