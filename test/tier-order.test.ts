import {expect, it} from "vitest";
import {compareTiers, sortTiers} from "../loaders/tier-order.ts";

it("sortTiers orders by the number in the label, then unnumbered labels alphabetically", () => {
  expect(sortTiers(["T10", "baseline", "T2", "t3", "Tier 4", "T0", "ablation"])).toEqual([
    "T0",
    "T2",
    "t3",
    "Tier 4",
    "T10",
    "ablation",
    "baseline"
  ]);
});

it("compareTiers breaks ties between labels of the same number by their text", () => {
  expect(sortTiers(["t1", "T1"])).toEqual(["T1", "t1"]);
  expect(compareTiers("T1", "T1")).toBe(0);
});

it("sortTiers drops repeated labels", () => {
  expect(sortTiers(["T1", "T0", "T1"])).toEqual(["T0", "T1"]);
});
