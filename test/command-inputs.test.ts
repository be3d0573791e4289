// The inputs of the build and figure commands: their defaults, and the message for an input that
// is missing or of the wrong kind.
import {spawnSync} from "node:child_process";
import {mkdirSync, mkdtempSync, readFileSync, readdirSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {csvParse} from "d3";
import {describe, expect, it} from "vitest";
import {buildReport} from "../loaders/report.ts";
import {readAggregatesFile} from "../loaders/read-aggregates.ts";
import {readResultsDir} from "../loaders/results/read-results-dir.ts";
import {ROOT} from "./support/build-site.ts";
import {HAS_SHARED_DATA, sharedPath} from "./support/shared-data.ts";

function figures(args: string[]): {status: number | null; stdout: string; stderr: string} {
  const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/figures.ts", ...args], {cwd: ROOT, encoding: "utf8"});
  return {status: result.status, stdout: result.stdout, stderr: result.stderr};
}

describe("npm run figures", () => {
  it("reads the runs files of data/ when no input is named, as the build does", async () => {
    const out = mkdtempSync(join(tmpdir(), "token-report-figures-"));
    const {status, stderr} = figures(["--out", out]);
    expect(status, stderr).toBe(0);

    const names = readdirSync(join(ROOT, "data")).filter((name) => name.endsWith(".csv"));
    const report = await buildReport(names.map((name) => join(ROOT, "data", name)), {log: () => {}});
    const written = csvParse(readFileSync(join(out, "fig07_token_distribution.csv"), "utf8"));
    expect(written.length).toBe(report.views[0].groups.length * 4);
    expect(new Set(written.map((d) => d.agent_model))).toEqual(new Set(report.models));
  });

  it.skipIf(!HAS_SHARED_DATA)("writes the by-role table of raw results, as the build does", () => {
    const out = mkdtempSync(join(tmpdir(), "token-report-figures-"));
    const {status, stderr} = figures(["--results", sharedPath("scylla-dryrun", "raw"), "--out", out]);
    expect(status, stderr).toBe(0);
    const byRole = csvParse(readFileSync(join(out, "fig07_token_distribution_by_role.csv"), "utf8"));
    // Seven tiers, four token types, three roles.
    expect(byRole.length).toBe(7 * 4 * 3);
  });

  it("names a missing aggregates file and the option that gave it", () => {
    const {status, stderr} = figures(["--aggregates", "no/such/aggregates.csv"]);
    expect(status).toBe(1);
    expect(stderr).toBe(
      "error: Cannot read the aggregates file no/such/aggregates.csv: it does not exist or is not readable. Check the path given to --aggregates.\n"
    );
  });
});

describe("inputs of the wrong kind", () => {
  it("says an aggregates path is a folder", async () => {
    const folder = mkdtempSync(join(tmpdir(), "token-report-"));
    await expect(readAggregatesFile(folder)).rejects.toThrow(
      `Cannot read the aggregates file ${folder}: it is a folder. Give --aggregates the path of a .csv file in it.`
    );
  });

  it("says a results directory is missing, is a file, or holds no result files", async () => {
    const folder = mkdtempSync(join(tmpdir(), "token-report-"));
    await expect(readResultsDir(join(folder, "nope"))).rejects.toThrow(
      `Cannot read the results directory ${join(folder, "nope")}: it does not exist or is not readable. Check the path given to --results.`
    );
    await expect(readResultsDir(join(ROOT, "data", "prices.json"))).rejects.toThrow(/: it is a file\. Give --results the folder that holds/);
    mkdirSync(join(folder, "T0"));
    const error = await readResultsDir(folder).catch((e) => e);
    expect(error.message).toBe(`${folder}: no result files found; expected <tier>/<subtest>/run_<NN>/agent/result.json below it`);
    expect(error.name).toBe("Error"); // not a list of unreadable files that --skip-bad-results could leave out
  });
});
