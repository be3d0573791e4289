import {describe, expect, it} from "vitest";
import {buildReport} from "../loaders/report.ts";
import type {CheckId} from "../loaders/tier-checks.ts";
import {tempFile} from "./support/temp-files.ts";

const quiet = {log: () => {}};

/** Mean tokens of one run per tier: fresh, cached, output, written. */
type Tokens = [number, number, number, number];

// A runs file that should pass every check: little caching in T0, cache efficiency rising
// through T1–T3 (99.8 %, 99.875 %, 99.9 %), 200,000 of 200,010 input tokens cached in T4–T6,
// writes below reads, output under 20 %, cost_usd equal to the tokens at Sonnet 4.5 prices, and
// three runs per group.
const GOOD: Record<string, Tokens> = {
  T0: [5_000, 1_000, 500, 0],
  T1: [100, 50_000, 2_000, 10_000],
  T2: [100, 80_000, 2_000, 10_000],
  T3: [100, 100_000, 2_000, 10_000],
  T4: [10, 200_000, 2_000, 10_000],
  T5: [10, 200_000, 2_000, 10_000],
  T6: [10, 200_000, 2_000, 10_000]
};

// Sonnet 4.5: 3.00 fresh, 0.30 cached, 15.00 output, 3.75 for a 5-minute cache write, per million.
function sonnetCost([fresh, cached, output, written]: Tokens): number {
  return (fresh * 3 + cached * 0.3 + output * 15 + written * 3.75) / 1e6;
}

async function checksOf(
  tiers: Record<string, Tokens>,
  {runs = {}, costFactor = {}}: {runs?: Record<string, number>; costFactor?: Record<string, number>} = {}
) {
  const lines = ["agent_model,tier,run_number,passed,cost_usd,input_tokens,cache_read_tokens,output_tokens,cache_creation_tokens"];
  for (const [tier, tokens] of Object.entries(tiers)) {
    for (let run = 1; run <= (runs[tier] ?? 3); run++) {
      const cost = sonnetCost(tokens) * (costFactor[tier] ?? 1);
      lines.push(["claude-sonnet-4-5", tier, run, "True", cost, ...tokens].join(","));
    }
  }
  const report = await buildReport([tempFile("runs.csv", lines.join("\n") + "\n")], quiet);
  return report.views[0].checks;
}

function only(findings: Awaited<ReturnType<typeof checksOf>>, check: CheckId) {
  expect(findings.map((f) => f.check)).toEqual(findings.map(() => check));
  return findings;
}

describe("tier checks", () => {
  it("stay silent on a runs file that behaves as the tiers are designed", async () => {
    expect(await checksOf(GOOD)).toEqual([]);
  });

  it("flag caching in T0 with the cached share of input", async () => {
    const [f] = only(await checksOf({...GOOD, T0: [1_000, 9_000, 500, 0]}), "prompt-only-caching");
    expect(f.tier).toBe("T0");
    expect(f.values.cache_efficiency).toBeCloseTo(9_000 / 10_000, 12);
    expect(f.detail).toContain("90 % (above 50 %)");
    expect(f.detail).toContain("9,000 cached and 1,000 fresh");
  });

  it("flag cache efficiency falling from T2 to T3", async () => {
    const [f] = only(await checksOf({...GOOD, T3: [100, 40_000, 2_000, 10_000]}), "efficiency-drop");
    expect(f.tier).toBe("T2 → T3");
    expect(f.values.before).toBeCloseTo(80_000 / 80_100, 12);
    expect(f.values.after).toBeCloseTo(40_000 / 40_100, 12);
    expect(f.values.fall).toBeCloseTo(80_000 / 80_100 - 40_000 / 40_100, 12);
  });

  it("flag a T5 whose cache efficiency is below 99.98 %", async () => {
    const [f] = only(await checksOf({...GOOD, T5: [100, 200_000, 2_000, 10_000]}), "full-stack-caching");
    expect(f.tier).toBe("T5");
    expect(f.values.cache_efficiency).toBeCloseTo(200_000 / 200_100, 12);
    expect(f.detail).toContain("99.95 % (below 99.98 %)");
  });

  it("flag a T6 whose fresh-input segment is large enough to see", async () => {
    const findings = only(await checksOf({...GOOD, T6: [2_000, 200_000, 2_000, 10_000]}), "full-stack-caching");
    expect(findings[0].values.fresh_share).toBeCloseTo(2_000 / 214_000, 12);
    expect(findings[0].detail).toMatch(/fresh input is 0\.9346 % \(above 0\.5 %\)/);
  });

  it("flag cache writes larger than cache reads", async () => {
    const [f] = only(await checksOf({...GOOD, T1: [100, 50_000, 2_000, 60_000]}), "unused-cache-writes");
    expect(f.tier).toBe("T1");
    expect(f.values).toEqual({cache_creation_tokens: 60_000, cache_read_tokens: 50_000});
  });

  it("flag generation-heavy groups", async () => {
    const [f] = only(await checksOf({...GOOD, T2: [100, 80_000, 30_000, 10_000]}), "output-heavy");
    expect(f.values.output_share).toBeCloseTo(30_000 / (100 + 80_000 + 30_000 + 10_000), 12);
  });

  it("flag a recorded cost that the token columns do not explain", async () => {
    const [f] = only(await checksOf(GOOD, {costFactor: {T4: 2}}), "cost-gap");
    expect(f.tier).toBe("T4");
    expect(f.values.explained).toBeCloseTo(0.5, 12);
  });

  it("flag groups of fewer than 3 runs, and mark their other findings", async () => {
    const findings = await checksOf({...GOOD, T0: [1_000, 9_000, 500, 0]}, {runs: {T0: 2}});
    expect(findings.map((f) => [f.check, f.tier, f.small_sample])).toEqual([
      ["prompt-only-caching", "T0", true],
      ["small-sample", "T0", true]
    ]);
  });
});
