// Reads a large CSV runs file in parts at the same time. The file is cut at line breaks into
// parts that grow shorter towards its end; the main thread and one worker thread per other core
// take the next part that nobody has taken until none is left, so a thread that started late or
// runs slow takes fewer, and the short last parts let the threads finish close together. Each
// part is read into an accumulator of its own, and the accumulators are merged in file order,
// which gives the same sums whichever thread read which part. A file with any problem, or whose
// first line is not a plain header, is read again from the start in one piece, which reports
// each problem with its true line: a file that fails costs its read twice, a clean one reads
// about as many times faster as there are cores.
import {open, stat, type FileHandle} from "node:fs/promises";
import {availableParallelism} from "node:os";
import {Worker} from "node:worker_threads";
import {RunAccumulator, type AccumulateOptions, type AccumulatorData} from "./accumulate.ts";
import {isJsonName, MAX_RECORD_SIZE, readRunsFile, type FileStats, type ReadOptions} from "./read-runs.ts";
import {workerScript} from "./worker-bundle.ts";

/** Files smaller than this are read in one piece: starting threads would cost more than it saves. */
export const PARALLEL_MIN_BYTES = 64 * 1024 * 1024;

/** More threads than this gain nothing: the disk and the merge set the pace. */
const MAX_THREADS = 8;

/** Each part is this share of what is left of the file, divided by the number of threads. */
const PART_SHARE = 1 / 2;

/** The smallest part worth handing to a thread. */
const MIN_PART_BYTES = 8 * 1024 * 1024;

/** How far past a part's planned start the line break that starts it may be. */
const BOUNDARY_SEARCH_BYTES = 1024 * 1024;

export interface ParallelOptions extends Omit<ReadOptions, "part"> {
  /** How many threads read at once, the main one included; the number of cores unless given. */
  threads?: number;
  /** Read files below this size in one piece. */
  minBytes?: number;
  /** The smallest part to cut a file into. */
  minPartBytes?: number;
  /** Told how the file was read: in how many parts by how many threads, or why again in one piece. */
  log?: (message: string) => void;
}

/** What every part of one file is read with; a worker gets it when it starts. */
export interface PartSetup {
  path: string;
  header: string[];
  maxRecordSize: number;
  accumulate: AccumulateOptions;
}

/** A part of the file, by its number in file order, as the main thread hands it to a worker. */
export interface PartTask {
  index: number;
  start: number;
  end: number;
  /** The part's share of the run keys the repeat check remembers: the share of the file's bytes it holds. */
  maxRunKeys: number;
}

/**
 * What reading one part gave: what it collected, or that the part could not be read on its own
 * (what went wrong is found again when the file is read in one piece).
 */
export type PartResult = {ok: true; stats: FileStats; data: AccumulatorData} | {ok: false};

/** readRunsFile into an accumulator, in parts at the same time when the file is large enough. */
export async function readRunsFileParallel(path: string, accumulator: RunAccumulator, options: ParallelOptions = {}): Promise<FileStats> {
  const {
    threads = Math.min(availableParallelism(), MAX_THREADS),
    minBytes = PARALLEL_MIN_BYTES,
    minPartBytes = MIN_PART_BYTES,
    log = () => {},
    ...readOptions
  } = options;
  const plan =
    threads > 1 && !isJsonName(path) ? await planParts(path, threads, minBytes, minPartBytes, accumulator.maxRunKeys) : undefined;
  if (plan === undefined) return readRunsFile(path, accumulator, readOptions);

  const setup: PartSetup = {
    path,
    header: plan.header,
    maxRecordSize: readOptions.maxRecordSize ?? MAX_RECORD_SIZE,
    accumulate: accumulator.options
  };
  // The parts are merged in file order as soon as those before them are in, so that the data of
  // each is let go early; into an accumulator of their own, which the caller's takes only when
  // every part could be read.
  const merged = new RunAccumulator({...accumulator.options, maxRunKeys: accumulator.maxRunKeys});
  const stats: FileStats[] = [];
  const waiting = new Map<number, Extract<PartResult, {ok: true}>>();
  const ok = await readParts(setup, plan.parts, threads, (index, result) => {
    if (!result.ok) return;
    waiting.set(index, result);
    for (let part = waiting.get(stats.length); part !== undefined; part = waiting.get(stats.length)) {
      waiting.delete(stats.length);
      merged.merge(part.data);
      stats.push(part.stats);
    }
  });
  if (!ok) {
    // Line numbers in a part count from the part's start: one reading finds the true ones.
    log(`${path}: a part could not be read on its own; reading the file again in one piece`);
    return readRunsFile(path, accumulator, readOptions);
  }
  log(`read ${path} in ${plan.parts.length} parts by ${threads} threads`);

  accumulator.merge(merged.toData());
  const {columns} = stats[0];
  return {
    file: readOptions.name ?? path,
    rows: stats.reduce((n, part) => n + part.rows, 0),
    columns,
    emptyCells: Object.fromEntries(columns.map((c) => [c, stats.reduce((n, part) => n + part.emptyCells[c], 0)]))
  };
}

/** Reads one part in this thread; a worker thread calls the same. */
export async function readPart({path, header, maxRecordSize, accumulate}: PartSetup, {start, end, maxRunKeys}: PartTask): Promise<PartResult> {
  const accumulator = new RunAccumulator({...accumulate, maxRunKeys});
  try {
    const stats = await readRunsFile(path, accumulator, {part: {start, end, header}, maxRecordSize});
    return {ok: true, stats, data: accumulator.toData()};
  } catch {
    return {ok: false};
  }
}

// The main thread and threads - 1 workers take parts until none is left; each result goes to
// settled as it comes. After a part with a problem no more are handed out: the file is going to
// be read again in one piece. Resolves to whether every part was read.
async function readParts(
  setup: PartSetup,
  parts: PartTask[],
  threads: number,
  settled: (index: number, result: PartResult) => void
): Promise<boolean> {
  let next = 0;
  let read = 0;
  const take = (): PartTask | undefined => parts[next++];
  const settle = (index: number, result: PartResult) => {
    if (result.ok) read++;
    else next = parts.length;
    settled(index, result);
  };

  const inThisThread = async () => {
    for (let task = take(); task !== undefined; task = take()) settle(task.index, await readPart(setup, task));
  };
  const inWorker = async () => {
    // Without its script a worker takes no part, and the other threads read them all.
    const script = await workerScript().catch(() => undefined);
    if (script === undefined) return;
    return new Promise<void>((resolve) => {
      const worker = new Worker(script, {workerData: setup, execArgv: []});
      let pending: PartTask | undefined;
      const send = () => {
        pending = take();
        if (pending !== undefined) worker.postMessage(pending);
        else void worker.terminate().then(() => resolve());
      };
      worker.on("message", ({index, result}: {index: number; result: PartResult}) => {
        settle(index, result);
        send();
      });
      // A worker that fails or stops leaves its part unread.
      const fail = () => {
        if (pending !== undefined) settle(pending.index, {ok: false});
        pending = undefined;
        resolve();
      };
      worker.once("error", fail);
      worker.once("exit", fail);
      send();
    });
  };

  await Promise.all([inThisThread(), ...Array.from({length: threads - 1}, inWorker)]);
  return read === parts.length;
}

/**
 * How long the parts of `bytes` bytes read by `threads` threads are, in order: each takes a share
 * of what is left (PART_SHARE / threads), and none is shorter than minPartBytes, except a file
 * shorter than that, which is one part. The first parts are long, so that few are handed out; the
 * last ones short, so that when one thread takes the last part the others are not long idle.
 */
export function partLengths(bytes: number, threads: number, minPartBytes: number): number[] {
  const lengths: number[] = [];
  let left = bytes;
  while (left > 0) {
    const length = Math.max(minPartBytes, Math.ceil((left * PART_SHARE) / threads));
    // What would be left after this part, if it is shorter than a part, joins it.
    const taken = left - length < minPartBytes ? left : length;
    lengths.push(taken);
    left -= taken;
  }
  return lengths;
}

/**
 * Cuts a file into parts (see partLengths) that each start at the first line break after their
 * planned start, the first one after the header line. Undefined when the file is small, or its
 * header is not a plain first line (quotes, an empty line before it): such files are read in one
 * piece.
 */
async function planParts(
  path: string,
  threads: number,
  minBytes: number,
  minPartBytes: number,
  maxRunKeys: number
): Promise<{header: string[]; parts: PartTask[]} | undefined> {
  // What cannot be read as a file is left to readRunsFile, which says why.
  const info = await stat(path).catch(() => undefined);
  if (info === undefined || !info.isFile() || info.size < minBytes) return undefined;
  const {size} = info;
  const file = await open(path, "r");
  try {
    const head = await readAt(file, 0, BOUNDARY_SEARCH_BYTES);
    const lineEnd = head.indexOf(10);
    if (lineEnd === -1) return undefined;
    let first = head.subarray(0, lineEnd);
    if (first[0] === 0xef && first[1] === 0xbb && first[2] === 0xbf) first = first.subarray(3);
    if (first[first.length - 1] === 13) first = first.subarray(0, -1);
    const text = first.toString("utf8");
    if (text.includes('"') || text.trim() === "") return undefined;
    const header = text.split(",");

    const starts = [lineEnd + 1];
    let planned = lineEnd + 1;
    for (const length of partLengths(size - lineEnd - 1, threads, minPartBytes).slice(0, -1)) {
      planned += length;
      if (planned <= starts[starts.length - 1]) continue;
      const at = (await readAt(file, planned, BOUNDARY_SEARCH_BYTES)).indexOf(10);
      if (at === -1 || planned + at + 1 >= size) break;
      starts.push(planned + at + 1);
    }
    if (starts.length < 2) return undefined;
    const bytes = size - starts[0];
    const parts = starts.map((start, i) => {
      const end = starts[i + 1] ?? size;
      return {index: i, start, end, maxRunKeys: Math.ceil((maxRunKeys * (end - start)) / bytes)};
    });
    return {header, parts};
  } finally {
    await file.close();
  }
}

async function readAt(file: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const {bytesRead} = await file.read(buffer, 0, length, position);
  return buffer.subarray(0, bytesRead);
}
