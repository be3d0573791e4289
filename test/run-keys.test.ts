import {describe, expect, it} from "vitest";
import {RunAccumulator} from "../loaders/accumulate.ts";
import type {Run} from "../loaders/read-runs.ts";
import {RunKeys} from "../loaders/run-keys.ts";

function run(subtest: string, run_number: string, tier = "T1", experiment = "e"): Run {
  return {experiment, agent_model: "m", tier, subtest, run_number, passed: null, cost_usd: null, total_tokens: null, tokens: [1, 2, 3, 4]};
}

describe("RunKeys", () => {
  it("has() is true only for keys added before", () => {
    const keys = new RunKeys();
    expect(keys.has("01", "1")).toBe(false);
    keys.add("01", "1");
    expect([keys.has("01", "1"), keys.has("02", "1"), keys.has("01", "2")]).toEqual([true, false, false]);
  });

  it("keeps run numbers as written: 1, 01 and 1.0 are three runs", () => {
    const keys = new RunKeys();
    const numbers = ["1", "01", "1.0", "0", "00", "r7"];
    for (const n of numbers) {
      expect(keys.has("00", n)).toBe(false);
      keys.add("00", n);
    }
    expect(numbers.map((n) => keys.has("00", n))).toEqual(numbers.map(() => true));
    expect(["2", "001", "1.00", "r8"].map((n) => keys.has("00", n))).toEqual([false, false, false, false]);
  });

  it("finds repeats among many run numbers, large ones included", () => {
    const keys = new RunKeys();
    const numbers = Array.from({length: 5_000}, (_, i) => String(i * 3_331 + 1));
    numbers.push("99999999", "123456789012");
    for (const n of numbers) keys.add("01", n);
    expect(numbers.filter((n) => !keys.has("01", n))).toEqual([]);
    expect(numbers.map((n) => String(Number(n) + 1)).filter((n) => keys.has("01", n))).toEqual([]);
  });

  it("merges the keys of another set, counting those both have", () => {
    const mine = new RunKeys();
    const theirs = new RunKeys();
    // Mine: 0, 7, 31, 32, 1000 and a text key; theirs: 7, 32, 33, 5000, 1000 and the same text key.
    for (const n of ["0", "7", "31", "32", "1000", "r1"]) mine.add("01", n);
    for (const n of ["7", "32", "33", "5000", "1000", "r1"]) theirs.add("01", n);
    theirs.add("02", "3");
    // In both: 7, 32, 1000 and r1.
    expect(mine.merge(theirs.toData())).toBe(4);
    const all = ["0", "7", "31", "32", "33", "1000", "5000", "r1"];
    expect(all.filter((n) => !mine.has("01", n))).toEqual([]);
    expect(["1", "6", "8", "30", "34", "999", "1001", "4999", "5001"].filter((n) => mine.has("01", n))).toEqual([]);
    expect(mine.has("02", "3")).toBe(true);
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
