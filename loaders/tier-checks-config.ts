// Thresholds of the tier checks and of the small-sample mark: every number that decides whether
// the report flags a group lives here. Shares and rates are fractions from 0 to 1.

/** Groups with fewer runs than this carry a "small sample" mark on every figure and number. */
export const SMALL_SAMPLE_RUNS = 3;

export const TIER_CHECKS = {
  /** T0 is prompt-only: caching there above this share of input hints at the harness, not the agent. */
  promptOnlyCaching: {tiers: [0], maxCachedShareOfInput: 0.5},
  /** Within T1–T3, cache efficiency should not fall from one tier to the next by more than this. */
  efficiencyDrop: {tiers: [1, 2, 3], maxFall: 0.0001},
  /** T4–T6 should take nearly all input from the cache, leaving a fresh segment too thin to see. */
  fullStackCaching: {tiers: [4, 5, 6], minEfficiency: 0.9998, maxFreshShare: 0.005},
  /** Cache written but not read back: cache creation larger than this multiple of cache reads. */
  unusedCacheWrites: {maxWriteToRead: 1},
  /** Generation-heavy groups: output above this share of all tokens. */
  outputHeavy: {maxOutputShare: 0.2},
  /** Token columns that explain less (or more) than this share of the recorded cost_usd. */
  costGap: {minExplained: 0.9, maxExplained: 1.1}
} as const;
