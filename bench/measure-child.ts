// One timed aggregation of a runs file, run as its own process by the benchmark:
//   node --import tsx bench/measure-child.ts project|duckdb FILE
// Prints one JSON line on stdout: the per-(agent_model, tier) run counts and token means, and
// the process's peak resident memory in bytes.
// Each engine loads only its own code, so that neither pays for loading the other's.
import {RunsFileError} from "../loaders/problems.ts";
import {TOKEN_KEYS} from "../loaders/token-types.ts";

export interface GroupMeans {
  agent_model: string;
  tier: string;
  runs: number;
  /** Mean of each token column in TOKEN_KEYS order; null where every cell was empty. */
  means: (number | null)[];
}

export interface Measurement {
  groups: GroupMeans[];
  peakBytes: number;
}

async function projectMeans(path: string): Promise<GroupMeans[]> {
  const {buildReport} = await import("../loaders/report.ts");
  const report = await buildReport([path], {log: () => {}});
  return report.views[0].groups.map((g) => ({agent_model: g.agent_model, tier: g.tier, runs: g.runs, means: TOKEN_KEYS.map((k) => g[k])}));
}

async function duckdbMeans(path: string): Promise<GroupMeans[]> {
  const {DuckDBInstance} = await import("@duckdb/node-api");
  const connection = await (await DuckDBInstance.create(":memory:")).connect();
  const types = TOKEN_KEYS.map((k) => `'${k}': 'BIGINT'`).join(", ");
  const averages = TOKEN_KEYS.map((k) => `avg(${k}) AS ${k}`).join(", ");
  const sql = `SELECT agent_model, tier, count(*) AS runs, ${averages}
    FROM read_csv(${quote(path)}, header = true, types = {${types}})
    GROUP BY agent_model, tier`;
  const rows = (await connection.runAndReadAll(sql)).getRowObjects();
  return rows.map((r) => ({
    agent_model: String(r.agent_model),
    tier: String(r.tier),
    runs: Number(r.runs),
    means: TOKEN_KEYS.map((k) => (r[k] === null ? null : Number(r[k])))
  }));
}

function quote(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

async function main(): Promise<void> {
  const [engine, path] = process.argv.slice(2);
  if (engine !== "project" && engine !== "duckdb") throw new Error(`unknown engine: ${engine}`);
  const groups = engine === "project" ? await projectMeans(path) : await duckdbMeans(path);
  const measurement: Measurement = {groups, peakBytes: process.resourceUsage().maxRSS * 1024};
  process.stdout.write(JSON.stringify(measurement) + "\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof RunsFileError ? error.message : error}\n`);
    process.exitCode = 1;
  });
}
