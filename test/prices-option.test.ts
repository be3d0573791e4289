import {mkdtempSync, readFileSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {csvParse} from "d3";
import {describe, expect, it} from "vitest";
import {buildSite, builtReport} from "./support/build-site.ts";
import {HAS_SHARED_DATA, sharedPath} from "./support/shared-data.ts";

const HEADER = "agent_model,tier,input_tokens,output_tokens,cache_creation_tokens,cache_read_tokens";

describe("npm run build -- --prices PATH", () => {
  it("stops before building when the price table is broken, naming the file and the field", () => {
    const dir = mkdtempSync(join(tmpdir(), "token-report-prices-"));
    const runs = join(dir, "runs.csv");
    const prices = join(dir, "prices.json");
    writeFileSync(runs, `${HEADER}\nhaiku,T0,1,2,3,4\n`);
    writeFileSync(prices, JSON.stringify({currency: "USD", unit: "per million tokens", as_of: "2030-01-01", sources: [], models: []}));
    const {status, stderr} = buildSite(["--runs", runs, "--prices", prices, "--out", join(dir, "site")]);
    expect(status).toBe(1);
    expect(stderr).toContain(`${prices}: cache_write_assumed`);
    expect(stderr).toContain(`${prices}: models`);
  });

  it.skipIf(!HAS_SHARED_DATA)("prices the dryrun with the user's table and writes the cost figure's table", () => {
    const dir = mkdtempSync(join(tmpdir(), "token-report-prices-"));
    const table = JSON.parse(readFileSync("data/prices.json", "utf8"));
    table.as_of = "2030-01-01";
    table.cache_write_assumed = "1h";
    const prices = join(dir, "prices.json");
    writeFileSync(prices, JSON.stringify(table));
    const out = join(dir, "site");
    const {status, stderr} = buildSite(["--runs", sharedPath("scylla-dryrun", "runs.csv"), "--prices", prices, "--out", out]);
    expect(status, stderr).toBe(0);

    const report = builtReport(out);
    expect(report.prices).toMatchObject({source: prices, as_of: "2030-01-01", cache_write_assumed: "1h"});
    // T0 with 1-hour writes at 6.00 per million: 29 fresh, 112,686 read, 656 output, 23,106 written.
    const t0 = (29 * 3 + 112686 * 0.3 + 656 * 15 + 23106 * 6) / 1e6;
    expect(report.views[0].costs[0].total).toBeCloseTo(t0, 12);

    const rows = csvParse(readFileSync(join(out, "figures", "fig07_cost_distribution.csv"), "utf8"));
    expect(rows).toHaveLength(7 * 4);
    const written = rows.find((d) => d.tier === "T0" && d.token_type === "cache_creation_tokens")!;
    expect(Number(written.cost)).toBeCloseTo((23106 * 6) / 1e6, 12);
    expect(Number(written.cost_share)).toBeCloseTo((23106 * 6) / 1e6 / t0, 12);
  });
});
