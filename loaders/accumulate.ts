import type {Run} from "./read-runs.ts";
import {checkRun, plainRunNumber, RunKeys, type RunKeysData, type SubtestRuns} from "./run-keys.ts";

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

/** A group's sums and the run keys seen in it; see RunAccumulator.groupOf. */
export interface GroupEntry {
  sums: GroupSums;
  /** The (subtest, run_number) keys seen in this group. */
  keys: RunKeys;
}

/** What RunAccumulator.toData gives and merge takes. */
export interface AccumulatorData {
  groups: {sums: GroupSums; keys: RunKeysData}[];
  excluded: ExcludedRuns[];
  counts: RunCounts;
  runKeys: number;
  uncheckedRuns: number;
}

/** Collects runs into per-group sums; feed it with add(), read it with groups(). */
export class RunAccumulator {
  readonly #groups = new Map<string, GroupEntry>();
  readonly #entries = new Map<string, Map<string, Map<string, GroupEntry>>>();
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

  /** The options the accumulator was made with, for another that reads part of the same input. */
  get options(): AccumulateOptions {
    return {excludeEmptyRuns: this.#excludeEmptyRuns, maxRunKeys: this.maxRunKeys};
  }

  get excludedEmptyRuns(): number {
    return this.counts.excludedEmptyRuns;
  }

  add = (run: Run): void => {
    const [t0, t1, t2, t3] = run.tokens;
    const {run_number} = run;
    const n = run_number ? plainRunNumber(run_number) : -1;
    this.addPlain(
      this.groupOf(run.experiment, run.agent_model, run.tier),
      t0 ?? -1,
      t1 ?? -1,
      t2 ?? -1,
      t3 ?? -1,
      run.total_tokens ?? -1,
      run.passed === null ? -1 : run.passed ? 1 : 0,
      run.cost_usd ?? -1,
      run.subtest,
      n,
      n === -1 ? run_number : null
    );
  };

  /** The group of (experiment, agent_model, tier), to hand to addPlain. */
  groupOf(experiment: string, agent_model: string, tier: string): GroupEntry {
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

  /**
   * Adds one run of the group `entry` (from groupOf) whose cells were read as plain numbers:
   * token counts, total and cost are -1 for an empty cell, passed is -1 (unknown), 0 or 1. The
   * run number is n when it is a plain whole number (see plainRunNumber), else text; a run with
   * neither, or without a subtest, is never a repeat. Callers that looked up the subtest's run
   * numbers (entry.keys.subtest) pass them as runs.
   */
  addPlain(
    entry: GroupEntry,
    t0: number,
    t1: number,
    t2: number,
    t3: number,
    total: number,
    passed: number,
    cost: number,
    subtest: string | null,
    n: number,
    text: string | null,
    runs: SubtestRuns | null = null
  ): void {
    const group = entry.sums;
    const zero = t0 === 0 && t1 === 0 && t2 === 0 && t3 === 0;
    if (zero && this.#excludeEmptyRuns) return this.#exclude(group);

    group.runs++;
    this.counts.runs++;
    if (zero) {
      group.zeroRuns++;
      this.counts.zeroRuns++;
    }
    const {sums, counts} = group;
    if (t0 >= 0) (sums[0] += t0), counts[0]++;
    if (t1 >= 0) (sums[1] += t1), counts[1]++;
    if (t2 >= 0) (sums[2] += t2), counts[2]++;
    if (t3 >= 0) (sums[3] += t3), counts[3]++;
    if (cost >= 0) {
      group.costSum += cost;
      group.costCount++;
    }
    if (passed >= 0) {
      group.passedKnown++;
      group.passed += passed;
    }
    // A total can be checked only against four known counts.
    if (total >= 0 && t0 >= 0 && t1 >= 0 && t2 >= 0 && t3 >= 0) {
      this.counts.totalChecked++;
      if (total !== t0 + t1 + t2 + t3) {
        group.totalMismatches++;
        this.counts.totalMismatches++;
      }
    }
    if (subtest && (n >= 0 || text) && this.#isRepeat(entry.keys, subtest, n, text, runs)) {
      group.repeats++;
      this.counts.repeats++;
    }
  }

  /** Everything the accumulator holds, as plain data that can go to another thread. */
  toData(): AccumulatorData {
    return {
      groups: Array.from(this.#groups.values(), ({sums, keys}) => ({sums, keys: keys.toData()})),
      excluded: this.excluded(),
      counts: this.counts,
      runKeys: this.runKeys,
      uncheckedRuns: this.uncheckedRuns
    };
  }

  /**
   * Adds what another accumulator collected, such as one that read another part of the same
   * file: sums and counts add, and a run key both have counts as one more repeat.
   */
  merge(data: AccumulatorData): void {
    let common = 0;
    for (const {sums, keys} of data.groups) {
      const entry = this.groupOf(sums.experiment, sums.agent_model, sums.tier);
      addSums(entry.sums, sums);
      const repeats = entry.keys.merge(keys);
      entry.sums.repeats += repeats;
      common += repeats;
    }
    for (const {agent_model, tier, runs} of data.excluded) this.#addExcluded(agent_model, tier, runs);
    for (const name of Object.keys(this.counts) as (keyof RunCounts)[]) this.counts[name] += data.counts[name];
    this.counts.repeats += common;
    this.runKeys += data.runKeys - common;
    this.uncheckedRuns += data.uncheckedRuns;
  }

  /** Adds the sums of a group computed elsewhere, such as a row of an aggregates file: sums and counts add. */
  addGroup = (sums: GroupSums): void => {
    addSums(this.groupOf(sums.experiment, sums.agent_model, sums.tier).sums, sums);
    this.counts.runs += sums.runs;
  };

  /**
   * The experiments in which a run of this model, tier, subtest and run number was added, looked
   * up without adding it. Runs whose key the repeat check could not remember are not found.
   */
  experimentsWithRun(agent_model: string, tier: string, subtest: string, runNumber: string): string[] {
    const found: string[] = [];
    for (const [experiment, models] of this.#entries) {
      const entry = models.get(agent_model)?.get(tier);
      if (entry?.keys.has(subtest, runNumber)) found.push(experiment);
    }
    return found;
  }

  /** The groups that have runs (a group whose runs were all left out by excludeEmptyRuns has none). */
  groups(): GroupSums[] {
    return Array.from(this.#groups.values(), (entry) => entry.sums).filter((g) => g.runs > 0);
  }

  /** Runs left out by excludeEmptyRuns, per (agent_model, tier). */
  excluded(): ExcludedRuns[] {
    return Array.from(this.#excluded.values());
  }

  #exclude({agent_model, tier}: GroupSums): void {
    this.counts.excludedEmptyRuns++;
    this.#addExcluded(agent_model, tier, 1);
  }

  #addExcluded(agent_model: string, tier: string, runs: number): void {
    const key = `${agent_model}\u0000${tier}`;
    const excluded = this.#excluded.get(key);
    if (excluded) excluded.runs += runs;
    else this.#excluded.set(key, {agent_model, tier, runs});
  }

  // Whether a run with the same (subtest, run number) came before in its group, which already
  // fixes experiment, model and tier.
  #isRepeat(keys: RunKeys, subtest: string, n: number, text: string | null, runs: SubtestRuns | null): boolean {
    const room = this.runKeys < this.maxRunKeys;
    if (n >= 0) {
      if (checkRun(runs ?? keys.subtest(subtest), n, room)) return true;
    } else {
      if (keys.has(subtest, text!)) return true;
      if (room) keys.add(subtest, text!);
    }
    if (room) this.runKeys++;
    else this.uncheckedRuns++;
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
