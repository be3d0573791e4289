// The fast lane (plain rows added from their bytes) and the reading of one file in parts at the
// same time must give what the reference path gives: every run made into a Run by the full
// reader and added one by one.
import {readFileSync, statSync, writeFileSync} from "node:fs";
import {describe, expect, it} from "vitest";
import {RunAccumulator} from "../loaders/accumulate.ts";
import {RunsFileError} from "../loaders/problems.ts";
import {readRunsFile, type FileStats} from "../loaders/read-runs.ts";
import {partLengths, readRunsFileParallel} from "../loaders/read-runs-parallel.ts";
import {writeSyntheticRuns} from "../bench/synthetic-runs.ts";
import {tempFile} from "./support/temp-files.ts";

interface Collected {
  stats: FileStats;
  groups: ReturnType<RunAccumulator["groups"]>;
  counts: RunAccumulator["counts"];
  excluded: ReturnType<RunAccumulator["excluded"]>;
}

function collected(stats: FileStats, accumulator: RunAccumulator): Collected {
  const byKey = (g: {experiment: string; agent_model: string; tier: string}) => `${g.experiment}|${g.agent_model}|${g.tier}`;
  const groups = accumulator.groups().sort((a, b) => (byKey(a) < byKey(b) ? -1 : 1));
  return {stats, groups, counts: {...accumulator.counts}, excluded: accumulator.excluded()};
}

// The reference: the full reader makes a Run of every row, and the accumulator takes them one by one.
async function reference(path: string, options: {excludeEmptyRuns?: boolean} = {}): Promise<Collected> {
  const accumulator = new RunAccumulator(options);
  const stats = await readRunsFile(path, (run) => accumulator.add(run), {name: "runs"});
  return collected(stats, accumulator);
}

async function fastLane(path: string, options: {excludeEmptyRuns?: boolean} = {}): Promise<Collected> {
  const accumulator = new RunAccumulator(options);
  return collected(await readRunsFile(path, accumulator, {name: "runs"}), accumulator);
}

/** The shortest part the tests cut a file into, so that a file of a few megabytes makes a few dozen parts. */
const MIN_PART = 64 * 1024;

// Reads in parts; log gets how: in parts, or again in one piece.
async function inParts(path: string, threads: number, log: string[] = []): Promise<Collected> {
  const accumulator = new RunAccumulator();
  const options = {name: "runs", threads, minBytes: 0, minPartBytes: MIN_PART, log: (message: string) => log.push(message)};
  const stats = await readRunsFileParallel(path, accumulator, options);
  return collected(stats, accumulator);
}

// How many parts inParts cuts a file into: the header line is not in any.
function partCount(path: string, threads: number): number {
  const headerBytes = readFileSync(path, "utf8").indexOf("\n") + 1;
  return partLengths(statSync(path).size - headerBytes, threads, MIN_PART).length;
}

// The cost sums are sums of decimals: added in another order they may differ in the last bits.
function withoutCostSums({groups, ...rest}: Collected) {
  return {...rest, groups: groups.map(({costSum, ...g}) => g)};
}

function expectSameCostSums(actual: Collected, expected: Collected): void {
  actual.groups.forEach((g, i) => expect(g.costSum).toBeCloseTo(expected.groups[i].costSum, 9));
}

const HEADER = "experiment,agent_model,tier,subtest,run_number,passed,cost_usd,input_tokens,output_tokens,cache_creation_tokens,cache_read_tokens,total_tokens,exit_code";

// Plain rows, and rows the fast lane leaves to the full reader, mixed.
const MIXED = [
  HEADER,
  "e1,Sonnet 4.5,T0,00,1,True,0.1351093,29,656,23106,112686,136477,0",
  "e1,Sonnet 4.5,T0,00,1,True,0.1351093,29,656,23106,112686,136477,0", // a repeat
  "e1,Sonnet 4.5,T1,01,2,False,0.0071,,656,23106,112686,136448,0", // an empty token cell
  "e1, Sonnet 4.5 ,T1,01,3,true,1, 12 ,1e3,12.0,0,1024,", // spaces, 1e3, true
  'e1,"Haiku, 4.5",T2,01,01,1,,7,8,9,10,,0', // a quoted name, run number 01
  'e1,Haiku 4.5,T2,01,001,0,0.5,7,8,9,10,34,"a\nb"', // a line break in a quoted cell
  "e2,Haiku 4.5,T2,02,0,,0.5,0,0,0,0,0,1",
  "e2,Haiku 4.5,T2,02,0,,0.5,0,0,0,0,0,1", // an all-zero repeat
  "",
  "e2,Haiku 4.5,T3,03,10,FALSE,2.50,123456789012345,1,1,1,123456789012348,0",
  "e2,Haiku 4.5,T3,03,r7,False,5.,1,2,3,4,11,0", // a run number that is not a number; cost 5.
  "e2,Haiku 4.5,T3,03,16777216,False,0.25,1,2,3,4,10,0", // a run number past the bitmaps
  "e2,Haiku 4.5,T3,03,16777216,False,0.25,1,2,3,4,10,0",
  ",Opus 4.5,T4,,5,,0.1,1,2,3,4,10,0", // no experiment, no subtest
  "e2,Opus 4.5,T4,,5,,0.1,1,2,3,4,10,0", // no subtest: never a repeat
  "e2,Opus 4.5,T4,,5,,0.1,1,2,3,4,10,0"
];

describe("the fast lane of the CSV reader", () => {
  for (const [name, eol] of [
    ["LF", "\n"],
    ["CRLF", "\r\n"]
  ]) {
    it(`adds plain rows to the same sums and counts as the full reader (${name} line ends)`, async () => {
      const path = tempFile("runs.csv", MIXED.join(eol) + eol);
      const expected = await reference(path);
      expect(expected.counts.repeats).toBe(3);
      expect(expected.stats.rows).toBe(MIXED.length - 2);
      expect(await fastLane(path)).toEqual(expected);
      expect(await fastLane(path, {excludeEmptyRuns: true})).toEqual(await reference(path, {excludeEmptyRuns: true}));
    });
  }

  it("finds the columns wherever the header puts them", async () => {
    const columns = HEADER.split(",");
    const order = [11, 4, 2, 9, 0, 7, 1, 12, 5, 3, 10, 6, 8];
    const permute = (line: string) => order.map((i) => line.split(",")[i]).join(",");
    const plain = MIXED.filter((line) => line !== "" && !line.includes('"') && !/(^|,) /.test(line));
    expect(plain.length).toBe(13);
    const path = tempFile("runs.csv", plain.map(permute).join("\n") + "\n");
    expect(permute(HEADER).split(",")).toEqual(order.map((i) => columns[i]));
    expect(await fastLane(path)).toEqual(await reference(path));

    // Without the optional columns.
    const bare = tempFile("bare.csv", plain.map((line) => line.split(",").slice(1, 3).concat(line.split(",").slice(7, 11)).join(",")).join("\n"));
    expect(await fastLane(bare)).toEqual(await reference(bare));
  });

  it("reads a file of many reads, whose rows are cut where one read ends, to the same sums", async () => {
    // About 11 MB: the reader's first read takes 8 MB, and ends inside a row.
    const path = tempFile("synthetic.csv", "");
    writeSyntheticRuns(path, {rows: 100_000});
    const expected = await reference(path);
    expect(expected.stats.rows).toBe(100_000);
    expect(await fastLane(path)).toEqual(expected);
  });
});

describe("partLengths", () => {
  it("gives each part a share of what is left, the last ones the shortest allowed", () => {
    // Two threads: each part is a quarter of what is left (rounded up), and at least 100 bytes.
    // After 1000 - 250 - 188 - 141 - 106 - 100 - 100 = 115 bytes, another part of 100 would leave
    // 15: the last part takes all 115.
    expect(partLengths(1000, 2, 100)).toEqual([250, 188, 141, 106, 100, 100, 115]);
    // Four threads: an eighth of what is left.
    expect(partLengths(1000, 4, 100)).toEqual([125, 110, 100, 100, 100, 100, 100, 100, 165]);
    expect(partLengths(50, 2, 100)).toEqual([50]);
    expect(partLengths(150, 2, 100)).toEqual([150]);
  });

  it("cuts ten million rows for two threads into parts that shrink, each at least the shortest", () => {
    const bytes = 1_186_764_000;
    const lengths = partLengths(bytes, 2, 8 * 1024 * 1024);
    expect(lengths.reduce((a, b) => a + b, 0)).toBe(bytes);
    expect(lengths[0]).toBe(bytes / 4);
    expect(lengths.every((length) => length >= 8 * 1024 * 1024)).toBe(true);
    expect(lengths.slice(0, -1).every((length, i) => i === 0 || length <= lengths[i - 1])).toBe(true);
  });
});

describe("readRunsFileParallel", () => {
  const synthetic = tempFile("synthetic.csv", "");
  writeSyntheticRuns(synthetic, {rows: 20_000});

  it("reads a file in parts, in worker threads, to the sums of one reading", async () => {
    const expected = await reference(synthetic);
    expect(expected.stats.rows).toBe(20_000);
    for (const threads of [2, 3]) {
      const log: string[] = [];
      const actual = await inParts(synthetic, threads, log);
      expect(log).toEqual([`read ${synthetic} in ${partCount(synthetic, threads)} parts by ${threads} threads`]);
      expect(withoutCostSums(actual)).toEqual(withoutCostSums(expected));
      expectSameCostSums(actual, expected);
    }
  });

  it("counts a run repeated in another part as a repeat", async () => {
    const lines = readFileSync(synthetic, "utf8").trimEnd().split("\n");
    // The second row again at the end, far from the first: another part reads it.
    const path = tempFile("repeats.csv", [...lines, lines[1], lines[2]].join("\n") + "\n");
    const log: string[] = [];
    const actual = await inParts(path, 2, log);
    expect(log).toEqual([`read ${path} in ${partCount(path, 2)} parts by 2 threads`]);
    expect(actual.counts.repeats).toBe(2);
    expect(withoutCostSums(actual)).toEqual(withoutCostSums(await reference(path)));
  });

  it("reads a file whose quoted cell spans a cut again in one piece, to the same sums", async () => {
    const lines = readFileSync(synthetic, "utf8").trimEnd().split("\n");
    // A grade cell of many short lines in the middle of the file: any cut near there falls inside it.
    const middle = lines[10_000].split(",");
    middle[8] = `"${Array.from({length: 40_000}, (_, i) => `line ${i}`).join("\n")}"`;
    lines[10_000] = middle.join(",");
    const path = tempFile("quoted.csv", lines.join("\n") + "\n");
    const log: string[] = [];
    const actual = await inParts(path, 2, log);
    expect(log).toEqual([`${path}: a part could not be read on its own; reading the file again in one piece`]);
    expect(actual.stats.rows).toBe(20_000);
    expect(withoutCostSums(actual)).toEqual(withoutCostSums(await reference(path)));
  });

  it("reports a bad cell deep in the file with its true line, as one reading does", async () => {
    const lines = readFileSync(synthetic, "utf8").trimEnd().split("\n");
    const cells = lines[17_654].split(",");
    cells[13] = "12x";
    lines[17_654] = cells.join(",");
    const path = tempFile("bad.csv", lines.join("\n") + "\n");
    writeFileSync(path, lines.join("\n") + "\n");
    const error = await readRunsFileParallel(path, new RunAccumulator(), {threads: 2, minBytes: 0, minPartBytes: 4096}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RunsFileError);
    expect((error as Error).message).toContain(`${path}:17655:14 (column input_tokens): "12x"`);
  });
});
