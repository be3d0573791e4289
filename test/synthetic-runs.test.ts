import {readFileSync} from "node:fs";
import {csvParse} from "d3";
import {describe, expect, it} from "vitest";
import {HEADER, writeSyntheticRuns} from "../bench/synthetic-runs.ts";
import {tempFile} from "./support/temp-files.ts";

describe("writeSyntheticRuns", () => {
  it("writes the same bytes for the same seed, in the harness's columns, three models and T0-T6", () => {
    const a = tempFile("a.csv", "");
    const b = tempFile("b.csv", "");
    expect(writeSyntheticRuns(a, {rows: 20_000})).toBe(writeSyntheticRuns(b, {rows: 20_000}));
    const text = readFileSync(a, "utf8");
    expect(readFileSync(b, "utf8")).toBe(text);

    const rows = csvParse(text);
    expect(rows.columns).toEqual(HEADER);
    expect(rows).toHaveLength(20_000);
    expect(new Set(rows.map((d) => d.agent_model)).size).toBe(3);
    expect([...new Set(rows.map((d) => d.tier))].sort()).toEqual(["T0", "T1", "T2", "T3", "T4", "T5", "T6"]);
    const tokenCells = rows.flatMap((d) => [d.input_tokens, d.output_tokens, d.cache_creation_tokens, d.cache_read_tokens]);
    const empty = tokenCells.filter((c) => c === "").length / tokenCells.length;
    expect(empty).toBeGreaterThan(0.0005);
    expect(empty).toBeLessThan(0.002);
  });

});
