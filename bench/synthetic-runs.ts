// Writes deterministic synthetic runs files in the evaluation harness's format, for the
// benchmark. Three models, tiers T0-T6, ten subtests per tier, magnitudes like those of real
// campaigns, and about 0.1 % empty token cells. The same row count and seed always give the
// same bytes.
import {closeSync, openSync, writeSync} from "node:fs";

export const HEADER = [
  "experiment", "agent_model", "tier", "subtest", "run_number", "score", "impl_rate", "passed", "grade",
  "cost_usd", "duration_seconds", "agent_duration_seconds", "judge_duration_seconds", "input_tokens",
  "output_tokens", "cache_creation_tokens", "cache_read_tokens", "total_tokens", "exit_code"
];

const MODELS = [
  {name: "Sonnet 4.5", prices: [3, 0.3, 15, 3.75], outputScale: 1},
  {name: "Haiku 4.5", prices: [1, 0.1, 5, 1.25], outputScale: 1.6},
  {name: "Opus 4.5", prices: [5, 0.5, 25, 6.25], outputScale: 0.8}
];
const TIERS = 7;
const SUBTESTS = 10;
const CELLS = MODELS.length * TIERS * SUBTESTS;
const EMPTY_RATE = 0.001;
const GRADES = ["A", "B", "C", "D", "F"];

export interface SyntheticOptions {
  rows: number;
  seed?: number;
}

/** Writes the runs file to path; returns its size in bytes. */
export function writeSyntheticRuns(path: string, {rows, seed = 20260301}: SyntheticOptions): number {
  const random = lcg(seed);
  const fd = openSync(path, "w");
  let chunk = HEADER.join(",") + "\n";
  let bytes = 0;
  try {
    for (let i = 0; i < rows; i++) {
      chunk += syntheticRow(i, random) + "\n";
      if (chunk.length > 1 << 20) {
        bytes += writeSync(fd, chunk);
        chunk = "";
      }
    }
    bytes += writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
  return bytes;
}

// One run: the cell (model, tier, subtest) cycles with the row number, so run numbers never repeat.
function syntheticRow(i: number, random: () => number): string {
  const cell = i % CELLS;
  const model = MODELS[cell % MODELS.length];
  const t = Math.floor(cell / MODELS.length) % TIERS;
  const subtest = Math.floor(cell / (MODELS.length * TIERS)) + (t === 0 ? 0 : 1);
  const run = Math.floor(i / CELLS) + 1;

  // Higher tiers carry more context (skills, tools, sub-agents), so they read more from the cache.
  const crashed = random() < 0.01;
  const fresh = crashed ? 0 : Math.round(Math.exp(Math.log(t === 0 ? 60 : 40) + 0.4 * gaussian(random)));
  const cached = crashed ? 0 : Math.round(Math.exp(Math.log(60_000 * (1 + 0.45 * t)) + 0.5 * gaussian(random)));
  const output = crashed ? 0 : Math.round(Math.exp(Math.log(2_500 * model.outputScale * (1 + 0.1 * t)) + 0.6 * gaussian(random)));
  const written = crashed ? 0 : Math.round(Math.exp(Math.log(12_000 * (1 + 0.25 * t)) + 0.4 * gaussian(random)));
  const tokens = [fresh, cached, output, written];
  let cost = crashed ? 0 : 0.002 + 0.018 * random();
  for (let k = 0; k < 4; k++) cost += (tokens[k] * model.prices[k]) / 1e6;
  const score = crashed ? 0 : random();
  const passed = score > 0.45 - 0.03 * t;
  const agent = crashed ? 3 + 10 * random() : 30 + 300 * random();
  const judge = crashed ? 0 : 40 + 150 * random();

  // About one token cell in a thousand is empty, as when the harness lost a count.
  return [
    "bench-2026-03",
    model.name,
    `T${t}`,
    String(subtest).padStart(2, "0"),
    run,
    decimal(score, 4),
    decimal(Math.min(1, score * 1.02), 4),
    passed ? "True" : "False",
    GRADES[Math.min(4, Math.floor((1 - score) * 5))],
    decimal(cost, 7),
    decimal(agent + judge, 3),
    decimal(agent, 3),
    decimal(judge, 3),
    cellText(fresh, random),
    cellText(output, random),
    cellText(written, random),
    cellText(cached, random),
    fresh + cached + output + written,
    crashed ? 1 : 0
  ].join(",");
}

// A number rounded to a few decimals, written without trailing zeros (as the harness's pandas does).
function decimal(x: number, digits: number): string {
  const scale = 10 ** digits;
  return String(Math.round(x * scale) / scale);
}

function cellText(n: number, random: () => number): string {
  return random() < EMPTY_RATE ? "" : String(n);
}

// A 32-bit linear congruential generator: fast, seeded, and the same on every platform.
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

function gaussian(random: () => number): number {
  const u = 1 - random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}
