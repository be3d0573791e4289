import {describe, expect, it} from "vitest";
import {RunAccumulator} from "../loaders/accumulate.ts";
import type {Run} from "../loaders/read-runs.ts";
import {RunKeySet} from "../loaders/run-keys.ts";

function run(subtest: string, run_number: string, tier = "T1", experiment = "e"): Run {
  return {experiment, agent_model: "m", tier, subtest, run_number, passed: null, cost_usd: null, total_tokens: null, tokens: [1, 2, 3, 4]};
}

describe("RunKeySet", () => {
  it("has() is false the first time a key is added and true after", () => {
    const keys = new RunKeySet<object>();
    const group = {};
    expect(keys.has(group, "01", "1")).toBe(false);
    expect(keys.has(group, "01", "1")).toBe(true);
    expect(keys.has(group, "02", "1")).toBe(false);
    expect(keys.has({}, "01", "1")).toBe(false);
  });

  it("keeps run numbers as written: 1, 01 and 1.0 are three runs", () => {
    const keys = new RunKeySet<object>();
    const group = {};
    expect(["1", "01", "1.0", "0", "00", "r7"].map((n) => keys.has(group, "00", n))).toEqual([false, false, false, false, false, false]);
    expect(["1", "01", "1.0", "0", "00", "r7"].map((n) => keys.has(group, "00", n))).toEqual([true, true, true, true, true, true]);
  });

  it("finds repeats among many run numbers, large ones included", () => {
    const keys = new RunKeySet<object>();
    const group = {};
    const numbers = Array.from({length: 5_000}, (_, i) => String(i * 3_331 + 1));
    numbers.push("99999999", "123456789012");
    expect(numbers.filter((n) => keys.has(group, "01", n))).toEqual([]);
    expect(numbers.filter((n) => keys.has(group, "01", n))).toEqual(numbers);
  });
});

describe("RunAccumulator", () => {
  it("counts repeated (subtest, run number) pairs per group", () => {
    const accumulator = new RunAccumulator();
    for (const r of [run("01", "1"), run("01", "2"), run("01", "1"), run("02", "1"), run("01", "1", "T2"), run("01", "1"), run("01", "1", "T1", "f")]) {
      accumulator.add(r);
    }
    const repeats = Object.fromEntries(accumulator.groups().map((g) => [`${g.experiment} ${g.tier}`, [g.runs, g.repeats]]));
    expect(repeats).toEqual({"e T1": [5, 2], "e T2": [1, 0], "f T1": [1, 0]});
  });
});
