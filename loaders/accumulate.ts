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

/** Runs left out by excludeEmptyRuns, per (agent_model, tier) over all experiments. */
export interface ExcludedRuns {
  agent_model: string;
  tier: string;
  runs: number;
}

/** Counts over every run added so far, to tell what each file contributed. */
export interface RunCounts {
  /** Runs added to a group (not left out). */
  runs: number;
  zeroRuns: number;
  excludedEmptyRuns: number;
  repeats: number;
  /**
   * Runs with a total_tokens value and all four token counts, and those whose total differs from
   * the sum of the four.
   */
  totalChecked: number;
  totalMismatches: number;
}

export interface AccumulateOptions {
  /** Leave out runs whose four token counts are all zero. */
  excludeEmptyRuns?: boolean;
  /**
   * How many distinct (subtest, run_number) keys to remember for finding repeats. Past this, new
   * keys are no longer remembered (runs with them are counted as unchecked), so memory stays
   * bounded on files of any size; repeats of keys already remembered are still found.
   */
  maxRunKeys?: number;
}

/** Two million short keys take about 120 MB; real harness files hold far fewer runs. */
export const MAX_RUN_KEYS = 2_000_000;

interface Entry {
  sums: GroupSums;
  /** The (subtest, run_number) keys seen in this group. */
  keys: RunKeys;
}

/** Collects runs into per-group sums; feed it with add(), read it with groups(). */
export class RunAccumulator {
  readonly #groups = new Map<string, Entry>();
  readonly #entries = new Map<string, Map<string, Map<string, Entry>>>();
  readonly #excluded = new Map<string, ExcludedRuns>();
  readonly #excludeEmptyRuns: boolean;
  readonly maxRunKeys: number;
  readonly counts: RunCounts = {
    runs: 0,
    zeroRuns: 0,
    excludedEmptyRuns: 0,
    repeats: 0,
    totalChecked: 0,
    totalMismatches: 0
  };
  /** Distinct run keys remembered, and runs whose new key could not be remembered any more. */
  runKeys = 0;
  uncheckedRuns = 0;

  constructor({excludeEmptyRuns = false, maxRunKeys = MAX_RUN_KEYS}: AccumulateOptions = {}) {
    this.#excludeEmptyRuns = excludeEmptyRuns;
    this.maxRunKeys = maxRunKeys;
  }

  get excludedEmptyRuns(): number {
    return this.counts.excludedEmptyRuns;
  }

  add = (run: Run): void => {
    const {tokens, total_tokens} = run;
    const zero = tokens[0] === 0 && tokens[1] === 0 && tokens[2] === 0 && tokens[3] === 0;
    if (zero && this.#excludeEmptyRuns) return this.#exclude(run);

    const entry = this.#entry(run.experiment, run.agent_model, run.tier);
    const group = entry.sums;
    group.runs++;
    this.counts.runs++;
    if (zero) {
      group.zeroRuns++;
      this.counts.zeroRuns++;
    }
    let sum = 0;
    let complete = true;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i];
      if (t === null) {
        complete = false;
        continue;
      }
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
    // A total can be checked only against four known counts.
    if (total_tokens !== null && complete) {
      this.counts.totalChecked++;
      if (total_tokens !== sum) {
        group.totalMismatches++;
        this.counts.totalMismatches++;
      }
    }
    if (this.#isRepeat(entry, run)) {
      group.repeats++;
      this.counts.repeats++;
    }
  };

  /** Adds the sums of a group computed elsewhere, such as a row of an aggregates file: sums and counts add. */
  addGroup = (sums: GroupSums): void => {
    addSums(this.#entry(sums.experiment, sums.agent_model, sums.tier).sums, sums);
    this.counts.runs += sums.runs;
  };

  groups(): GroupSums[] {
    return Array.from(this.#groups.values(), (entry) => entry.sums);
  }

  /** Runs left out by excludeEmptyRuns, per (agent_model, tier). */
  excluded(): ExcludedRuns[] {
    return Array.from(this.#excluded.values());
  }

  #exclude({agent_model, tier}: Run): void {
    this.counts.excludedEmptyRuns++;
    const key = `${agent_model}\u0000${tier}`;
    const excluded = this.#excluded.get(key);
    if (excluded) excluded.runs++;
    else this.#excluded.set(key, {agent_model, tier, runs: 1});
  }

  #entry(experiment: string, agent_model: string, tier: string): Entry {
    // Nested maps find the group without building a key string for every run.
    let models = this.#entries.get(experiment);
    if (models === undefined) this.#entries.set(experiment, (models = new Map()));
    let tiers = models.get(agent_model);
    if (tiers === undefined) models.set(agent_model, (tiers = new Map()));
    let entry = tiers.get(tier);
    if (entry === undefined) {
      entry = {sums: emptyGroup(experiment, agent_model, tier), keys: new RunKeys()};
      tiers.set(tier, entry);
      this.#groups.set(`${experiment}\u0000${agent_model}\u0000${tier}`, entry);
    }
    return entry;
  }

  // Whether a run with the same (subtest, run number) came before in its group, which already
  // fixes experiment, model and tier. Runs without both are never repeats.
  #isRepeat({keys}: Entry, {subtest, run_number}: Run): boolean {
    if (!subtest || !run_number) return false;
    if (keys.has(subtest, run_number)) return true;
    if (this.runKeys < this.maxRunKeys) {
      keys.add(subtest, run_number);
      this.runKeys++;
    } else {
      this.uncheckedRuns++;
    }
    return false;
  }
}

/** Adds the sums and counts of one group to another's: every field of a GroupSums adds exactly. */
export function addSums(target: GroupSums, source: GroupSums): void {
  for (let i = 0; i < source.sums.length; i++) {
    target.sums[i] += source.sums[i];
    target.counts[i] += source.counts[i];
  }
  target.runs += source.runs;
  target.zeroRuns += source.zeroRuns;
  target.costSum += source.costSum;
  target.costCount += source.costCount;
  target.passed += source.passed;
  target.passedKnown += source.passedKnown;
  target.totalMismatches += source.totalMismatches;
  target.repeats += source.repeats;
}

export function emptyGroup(experiment: string, agent_model: string, tier: string): GroupSums {
  return {
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
}
