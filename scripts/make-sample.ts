// Writes data/sample-runs.csv: a small, seeded runs file in the evaluation harness's format
// (two models, two experiments, tiers T0-T6), so that a fresh clone has something to build.
// Run with `npm run sample`; the same seed always writes the same file.
import {writeFileSync} from "node:fs";
import {csvFormat, randomLcg, randomLogNormal, randomUniform} from "d3";

const SEED = 20260301;
const OUT = "data/sample-runs.csv";

const MODELS = [
  {name: "Sonnet 4.5", prices: [3, 0.3, 15, 3.75], outputScale: 1},
  {name: "Haiku 4.5", prices: [1, 0.1, 5, 1.25], outputScale: 1.6}
];
const EXPERIMENTS = ["2026-03-pilot", "2026-03-main"];
const TIERS = ["T0", "T1", "T2", "T3", "T4", "T5", "T6"];
const SUBTESTS = 3;
const RUNS = 4;

const random = randomLcg(SEED);
const uniform = randomUniform.source(random);
const logNormal = randomLogNormal.source(random);

const rows = [];
for (const experiment of EXPERIMENTS) {
  for (const model of MODELS) {
    for (const [t, tier] of TIERS.entries()) {
      for (let s = 0; s < (t === 0 ? 1 : SUBTESTS); s++) {
        for (let run = 1; run <= RUNS; run++) rows.push(makeRun(experiment, model, t, tier, s, run));
      }
    }
  }
}
writeFileSync(OUT, csvFormat(rows) + "\n");
process.stderr.write(`wrote ${rows.length} runs to ${OUT}\n`);

function makeRun(experiment: string, model: (typeof MODELS)[number], t: number, tier: string, s: number, run: number) {
  // Higher tiers carry more context (skills, tools, sub-agents), so they read more from the cache.
  const crashed = random() < 0.01;
  const fresh = crashed ? 0 : Math.round(logNormal(Math.log(t === 0 ? 60 : 40), 0.4)());
  const cached = crashed ? 0 : Math.round(logNormal(Math.log(60_000 * (1 + 0.45 * t)), 0.5)());
  const output = crashed ? 0 : Math.round(logNormal(Math.log(2_500 * model.outputScale * (1 + 0.1 * t)), 0.6)());
  const written = crashed ? 0 : Math.round(logNormal(Math.log(12_000 * (1 + 0.25 * t)), 0.4)());
  const tokens = [fresh, cached, output, written];
  const tokenCost = tokens.reduce((sum, n, i) => sum + (n * model.prices[i]) / 1e6, 0);
  const helperCost = crashed ? 0 : uniform(0.002, 0.02)();
  const passed = !crashed && random() < 0.55 + 0.04 * t;
  const missingOutput = !crashed && random() < 0.01;
  return {
    experiment,
    agent_model: model.name,
    tier,
    subtest: String(t === 0 ? 0 : s + 1).padStart(2, "0"),
    run_number: run,
    passed: passed ? "True" : "False",
    cost_usd: (tokenCost + helperCost).toFixed(7),
    input_tokens: fresh,
    output_tokens: missingOutput ? "" : output,
    cache_creation_tokens: written,
    cache_read_tokens: cached,
    total_tokens: fresh + cached + output + written
  };
}
