import {spawnSync} from "node:child_process";
import {cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {dirname, join} from "node:path";
import {csvParse} from "d3";
import {describe, expect, it} from "vitest";
import {buildSite, builtReport, ROOT} from "./support/build-site.ts";
import {HAS_SHARED_DATA, sharedPath} from "./support/shared-data.ts";

describe.skipIf(!HAS_SHARED_DATA)("npm run build -- --results", () => {
  it("stops on a malformed result file, and with --skip-bad-results builds and counts it", () => {
    const dir = mkdtempSync(join(tmpdir(), "token-report-results-build-"));
    const results = join(dir, "exp");
    cpSync(sharedPath("scylla-dryrun", "raw"), results, {recursive: true});
    const bad = join(results, "T6", "01", "run_02", "agent", "result.json");
    mkdirSync(dirname(bad), {recursive: true});
    writeFileSync(bad, '{"stdout": "{}",\n "exit_code": 0,}');
    const out = join(dir, "site");

    const failed = buildSite(["--results", results, "--out", out]);
    expect(failed.status).toBe(1);
    expect(failed.stderr).toContain(`${bad}:2:17: not valid JSON (property name expected at "}"`);
    expect(failed.stderr).toContain("--skip-bad-results");
    expect(existsSync(out)).toBe(false);

    const built = buildSite(["--results", results, "--skip-bad-results", "--out", out]);
    expect(built.status, built.stderr).toBe(0);
    expect(built.stderr).toMatch(/read results exp: 7 runs, 1 unreadable file skipped/);
    const report = builtReport(out);
    expect(report.results.skipped.map((p: {file: string}) => p.file)).toEqual([bad]);
    expect(report.views[0].groups.find((g: {tier: string}) => g.tier === "T4").input_tokens).toBe(23);

    const all = csvParse(readFileSync(join(out, "figures", "fig07_token_distribution_all_models.csv"), "utf8"));
    expect(all.find((d) => d.tier === "T4" && d.token_type === "input_tokens")!.tokens).toBe(String(23 + 1316 + 4));
    // Every model's cost, from the project's price table: T4's four types add up to the run's total_cost_usd.
    const allCost = csvParse(readFileSync(join(out, "figures", "fig07_cost_distribution_all_models.csv"), "utf8"));
    const t4Cost = allCost.filter((d) => d.tier === "T4").reduce((sum, d) => sum + Number(d.cost), 0);
    expect(Math.abs(t4Cost - 0.1684904)).toBeLessThan(1e-6);
    for (const suffix of [".svg", ".png", ".pdf", ".vl.json"]) {
      expect(existsSync(join(out, "figures", `fig07_cost_distribution_all_models${suffix}`)), suffix).toBe(true);
    }
    const byRole = csvParse(readFileSync(join(out, "figures", "fig07_token_distribution_by_role.csv"), "utf8"));
    expect(
      byRole.filter((d) => d.tier === "T4" && d.token_type === "input_tokens").map((d) => [d.role, d.tokens])
    ).toEqual([
      ["main", "23"],
      ["helper", "1316"],
      ["delegate", "4"]
    ]);
  });
});

describe.skipIf(!HAS_SHARED_DATA)("npm run figures -- --results", () => {
  it("writes the every-model figures from raw results, with the price table given", () => {
    const out = mkdtempSync(join(tmpdir(), "token-report-results-figures-"));
    const cli = spawnSync(
      process.execPath,
      ["--import", "tsx", "scripts/figures.ts", "--results", sharedPath("scylla-dryrun", "raw"), "--prices", join(ROOT, "data", "prices.json"), "--out", out],
      {cwd: ROOT, encoding: "utf8"}
    );
    expect(cli.status, cli.stderr).toBe(0);
    const names = readdirSync(out);
    for (const figure of ["fig07_token_distribution_all_models", "fig07_cost_distribution_all_models"]) {
      for (const suffix of [".csv", ".svg", ".png", ".pdf", ".vl.json", "_include.tex"]) expect(names).toContain(`${figure}${suffix}`);
    }
    const all = csvParse(readFileSync(join(out, "fig07_token_distribution_all_models.csv"), "utf8"));
    expect(all.find((d) => d.tier === "T4" && d.token_type === "input_tokens")!.tokens).toBe(String(23 + 1316 + 4));
    const allCost = csvParse(readFileSync(join(out, "fig07_cost_distribution_all_models.csv"), "utf8"));
    expect(Math.abs(allCost.filter((d) => d.tier === "T4").reduce((sum, d) => sum + Number(d.cost), 0) - 0.1684904)).toBeLessThan(1e-6);
  });
});
