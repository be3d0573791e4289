import {cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {dirname, join} from "node:path";
import {describe, expect, it} from "vitest";
import {displayModelName, modelFamily} from "../loaders/results/model-names.ts";
import {findMainModel, roleOf} from "../loaders/results/model-roles.ts";
import {readResult} from "../loaders/results/read-result.ts";
import {readResultsDir} from "../loaders/results/read-results-dir.ts";
import {formatResultProblem, ResultFileError} from "../loaders/results/result-problems.ts";
import {HAS_SHARED_DATA, sharedPath} from "./support/shared-data.ts";

const RAW = sharedPath("scylla-dryrun", "raw");
const T4 = join(RAW, "T4", "01", "run_01", "agent", "result.json");

// A result as Claude Code prints it, with the given usage and models.
function output(usage: number[], models: Record<string, number[]>, extra: object = {}): object {
  const [fresh, cached, out, written] = usage;
  return {
    usage: {
      input_tokens: fresh,
      cache_read_input_tokens: cached,
      output_tokens: out,
      cache_creation_input_tokens: written
    },
    modelUsage: Object.fromEntries(
      Object.entries(models).map(([id, [i, r, o, w, cost]]) => [
        id,
        {inputTokens: i, cacheReadInputTokens: r, outputTokens: o, cacheCreationInputTokens: w, costUSD: cost ?? 0}
      ])
    ),
    total_cost_usd: 1,
    ...extra
  };
}

function ok(text: string) {
  const outcome = readResult("r.json", text);
  if ("problem" in outcome) throw new Error(outcome.problem.message);
  return outcome.result;
}

function problem(text: string) {
  const outcome = readResult("r.json", text);
  if (!("problem" in outcome)) throw new Error("expected a problem");
  return outcome.problem;
}

describe("model names", () => {
  it("displayModelName writes ids the way runs files name models", () => {
    expect(displayModelName("claude-sonnet-4-5-20250929")).toBe("Sonnet 4.5");
    expect(displayModelName("claude-opus-4-1")).toBe("Opus 4.1");
    expect(displayModelName("claude-3-5-haiku-20241022")).toBe("Haiku 3.5");
    expect(displayModelName("gpt-5")).toBe("gpt-5");
    expect(modelFamily("claude-haiku-4-5-20251001")).toBe("haiku");
  });
});

describe("model roles", () => {
  it("findMainModel takes the entry equal to usage, else the smallest that holds it, else --model", () => {
    const usage: [number, number, number, number] = [10, 20, 30, 40];
    expect(findMainModel(usage, {a: [1, 2, 3, 4], b: [10, 20, 30, 40]})).toEqual({model: "b", rule: "equal"});
    expect(findMainModel(usage, {a: [11, 20, 30, 40], b: [500, 20, 30, 40]})).toEqual({model: "a", rule: "contains"});
    expect(findMainModel(usage, {a: [1, 2, 3, 4]}, "+ claude --model claude-opus-4-5 --print")).toEqual({
      model: "claude-opus-4-5",
      rule: "command line"
    });
    expect(findMainModel(usage, {a: [1, 2, 3, 4]})).toBeNull();
  });

  it("roleOf calls a smaller family without cache use a helper, anything else a delegate", () => {
    expect(roleOf("claude-haiku-4-5", "claude-sonnet-4-5", [100, 0, 10, 0])).toBe("helper");
    expect(roleOf("claude-haiku-4-5", "claude-sonnet-4-5", [100, 50, 10, 0])).toBe("delegate");
    expect(roleOf("claude-opus-4-5", "claude-sonnet-4-5", [4, 0, 374, 0])).toBe("delegate");
    expect(roleOf("claude-haiku-4-5", "claude-haiku-4-5-20251001", [100, 0, 10, 0])).toBe("delegate");
    expect(roleOf("gpt-5", "claude-sonnet-4-5", [100, 0, 10, 0])).toBe("delegate");
  });

  it("readResult splits a main model's housekeeping tokens off as its helper share", () => {
    const result = ok(JSON.stringify(output([10, 20, 30, 40], {"claude-haiku-4-5": [110, 20, 35, 40, 0.5]})));
    expect(result.mainModelRule).toBe("contains");
    expect(result.uses.map((u) => [u.model, u.role, u.tokens, u.costUSD])).toEqual([
      ["claude-haiku-4-5", "main", [10, 20, 30, 40], 0.5],
      ["claude-haiku-4-5", "helper", [100, 0, 5, 0], null]
    ]);
  });
});

describe("readResult", () => {
  it("reads the harness's wrapper and the bare output alike", () => {
    const bare = output([10, 20, 30, 40], {"claude-sonnet-4-5": [10, 20, 30, 40, 0.2]}, {usage: undefined});
    const text = JSON.stringify(output([10, 20, 30, 40], {"claude-sonnet-4-5": [10, 20, 30, 40, 0.2]}));
    const wrapped = ok(JSON.stringify({exit_code: 3, stdout: text, stderr: ""}));
    expect(ok(text).uses).toEqual(wrapped.uses);
    expect(wrapped.exitCode).toBe(3);
    expect(ok(text).exitCode).toBeNull();
    expect(problem(JSON.stringify(bare)).message).toMatch(/^usage: .*expected Claude Code's JSON output/);
  });

  it("uses usage.cache_creation for the one-hour writes and checks that it adds up", () => {
    const split = {cache_creation: {ephemeral_5m_input_tokens: 15, ephemeral_1h_input_tokens: 25}};
    const text = (o: object) => JSON.stringify(o);
    const result = ok(text(output([10, 20, 30, 40], {m: [10, 20, 30, 40]}, {})));
    expect(result.uses[0].cacheWrite1h).toBe(0);
    const o = output([10, 20, 30, 40], {m: [10, 20, 30, 40]}) as {usage: object};
    expect(ok(text({...o, usage: {...o.usage, ...split}})).uses[0].cacheWrite1h).toBe(25);
    const bad = {
      ...o,
      usage: {...o.usage, cache_creation: {ephemeral_5m_input_tokens: 1, ephemeral_1h_input_tokens: 1}}
    };
    expect(problem(text(bad)).message).toMatch(
      /splits 1 \+ 1 cache write tokens, but usage.cache_creation_input_tokens is 40/
    );
  });

  it("names the line and column of a JSON syntax error, in the file or in its stdout text", () => {
    const outer = problem('{\n  "stdout": "{}",\n  "exit_code": 0,\n}');
    expect(outer.where).toEqual({line: 4, column: 1, inStdout: false});
    expect(outer.message).toMatch(/^not valid JSON \(property name expected at "}", character 38\)/);

    const inner = problem(JSON.stringify({stdout: '{"usage": {"input_tokens": 1,}}'}));
    expect(inner.where).toEqual({line: 1, column: 30, inStdout: true});
    expect(formatResultProblem(inner)).toMatch(/^r\.json: stdout text 1:30: not valid JSON/);
    expect(inner.message).toMatch(/not valid JSON/);
  });

  it("says so when the agent printed nothing, and reads a run without model calls by its --model", () => {
    expect(problem(JSON.stringify({stdout: "", exit_code: 124})).message).toMatch(
      /^stdout is empty: the agent printed no result/
    );
    const stderr = "+ claude --model claude-sonnet-4-5-20250929 --print --output-format json";
    const empty = ok(JSON.stringify({stdout: JSON.stringify(output([0, 0, 0, 0], {}, {total_cost_usd: 0})), stderr}));
    expect([empty.mainModel, empty.mainModelRule, empty.uses.length, empty.uses[0].tokens]).toEqual([
      "claude-sonnet-4-5-20250929",
      "command line",
      1,
      [0, 0, 0, 0]
    ]);
  });

  it("places a wrong value at its key, with the value and what was expected", () => {
    const o = output([10, 20, 30, 40], {m: [10, 20, 30, 40]}) as {usage: Record<string, number>};
    const text = JSON.stringify({...o, usage: {...o.usage, output_tokens: -3}}, null, 1);
    const p = problem(text);
    expect(p.message).toMatch(/^usage\.output_tokens: .*\(found -3\); expected a whole number of tokens, 0 or more$/);
    const line = text.split("\n").findIndex((l) => l.includes("-3")) + 1;
    expect(p.where).toEqual({line, column: text.split("\n")[line - 1].indexOf("-3") + 1, inStdout: false});
  });
});

describe.skipIf(!HAS_SHARED_DATA)("readResult on the dryrun results", () => {
  it("finds Sonnet as the main model of T4, the Haiku as helper and the Opus as delegate", () => {
    const result = ok(readFileSync(T4, "utf8"));
    expect(result.mainModel).toBe("claude-sonnet-4-5-20250929");
    expect(result.uses.map((u) => [u.model, u.role, u.tokens])).toEqual([
      ["claude-sonnet-4-5-20250929", "main", [23, 91828, 725, 23556]],
      ["claude-haiku-4-5-20251001", "helper", [1316, 0, 93, 0]],
      ["claude-opus-4-5-20251101", "delegate", [4, 4374, 374, 4532]]
    ]);
    expect(result.totalCostUSD).toBe(0.1684904);
  });

  it("readResultsDir takes tier, subtest and run number from the paths", async () => {
    const {results, skipped} = await readResultsDir(RAW);
    expect(skipped).toEqual([]);
    expect(results.map((r) => `${r.experiment}/${r.tier}/${r.subtest}/${r.run_number}`)).toEqual(
      ["T0/00", "T1/01", "T2/01", "T3/01", "T4/01", "T5/01", "T6/01"].map((p) => `raw/${p}/1`)
    );
  });

  it("readResultsDir orders runs by tier number, subtest and run number", async () => {
    const dir = mkdtempSync(join(tmpdir(), "token-report-results-"));
    const text = readFileSync(T4, "utf8");
    for (const place of ["T10/01/run_01", "T2/01/run_10", "T2/01/run_02", "T2/00/run_01"]) {
      mkdirSync(join(dir, place, "agent"), {recursive: true});
      writeFileSync(join(dir, place, "agent", "result.json"), text);
    }
    const {results} = await readResultsDir(dir);
    expect(results.map((r) => `${r.tier}/${r.subtest}/${r.run_number}`)).toEqual([
      "T2/00/1",
      "T2/01/2",
      "T2/01/10",
      "T10/01/1"
    ]);
  });

  it("readResultsDir stops on a bad file naming its path, or skips it when asked", async () => {
    const dir = join(mkdtempSync(join(tmpdir(), "token-report-results-")), "exp");
    cpSync(RAW, dir, {recursive: true});
    const bad = join(dir, "T9", "01", "run_02", "agent", "result.json");
    mkdirSync(dirname(bad), {recursive: true});
    writeFileSync(bad, '{"stdout": "{\\"usage\\": ');

    const error = await readResultsDir(dir).catch((e) => e);
    expect(error).toBeInstanceOf(ResultFileError);
    expect(error.message).toContain(`${bad}:1:12: not valid JSON (unexpected end of string`);
    expect(error.message).toMatch(/run again with --skip-bad-results to leave it out/);

    const {results, skipped} = await readResultsDir(dir, {skipBad: true});
    expect(results).toHaveLength(7);
    expect(skipped.map((p) => p.file)).toEqual([bad]);
  });
});
