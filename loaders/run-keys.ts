/** Run numbers below this are kept as bits; larger ones, or ones not written as plain numbers, as text. */
const MAX_BIT = 1 << 24;

/**
 * The (subtest, run number) keys of one group, to find runs that appear twice. Run numbers
 * written as plain whole numbers (1, 2, 3 ... as the harness writes them) are kept as one bit
 * each in a bitmap per subtest, so ten million runs take about a megabyte instead of a string
 * per run. Other run numbers ("01", "7b") are kept exactly as written.
 */
export class RunKeys {
  readonly #bitmaps = new Map<string, SubtestRuns>();
  readonly #others = new Set<string>();

  has(subtest: string, runNumber: string): boolean {
    const n = plainRunNumber(runNumber);
    return n === -1 ? this.#others.has(textKey(subtest, runNumber)) : this.checkNumber(subtest, n, false);
  }

  add(subtest: string, runNumber: string): void {
    const n = plainRunNumber(runNumber);
    if (n === -1) this.#others.add(textKey(subtest, runNumber));
    else this.checkNumber(subtest, n, true);
  }

  /**
   * For a run number already read as a plain number (what plainRunNumber gives, not -1):
   * whether it was there, and unless it was, adds it when add is set. One lookup for both.
   */
  checkNumber(subtest: string, n: number, add: boolean): boolean {
    return checkRun(this.subtest(subtest), n, add);
  }

  /** The run numbers of one subtest, for callers that look them up once for many runs. */
  subtest(subtest: string): SubtestRuns {
    let runs = this.#bitmaps.get(subtest);
    if (runs === undefined) this.#bitmaps.set(subtest, (runs = {bits: EMPTY_BITS}));
    return runs;
  }

  /** The keys as plain data, to send to another thread. */
  toData(): RunKeysData {
    return {bitmaps: Array.from(this.#bitmaps, ([subtest, {bits}]) => [subtest, bits]), others: Array.from(this.#others)};
  }

  /** Adds the keys of another set; returns how many of them this set had already. */
  merge({bitmaps, others}: RunKeysData): number {
    let common = 0;
    for (const [subtest, bits] of bitmaps) {
      const runs = this.subtest(subtest);
      if (runs.bits.length < bits.length) runs.bits = grown(runs.bits, bits.length * 8 - 1);
      common += orInto(runs.bits, bits);
    }
    for (const key of others) {
      if (this.#others.has(key)) common++;
      else this.#others.add(key);
    }
    return common;
  }
}

/** The plain run numbers of one subtest seen so far, one bit each. */
export interface SubtestRuns {
  bits: Uint8Array;
}

const EMPTY_BITS = new Uint8Array(0);

/**
 * For a run number already read as a plain number (what plainRunNumber gives, not -1): whether
 * the subtest had it, and unless it had, adds it when add is set. One lookup for both.
 */
export function checkRun(runs: SubtestRuns, n: number, add: boolean): boolean {
  let bits = runs.bits;
  if (bits.length > n >> 3 && (bits[n >> 3] & (1 << (n & 7))) !== 0) return true;
  if (add) {
    if (bits.length <= n >> 3) runs.bits = bits = grown(bits, n);
    bits[n >> 3] |= 1 << (n & 7);
  }
  return false;
}

/** The keys of a RunKeys as arrays, which structured clone copies between threads. */
export interface RunKeysData {
  bitmaps: [string, Uint8Array][];
  others: string[];
}

/** The value of a run number written as a plain whole number without leading zeros, else -1. */
export function plainRunNumber(text: string): number {
  const length = text.length;
  if (length === 0 || length > 8 || (text.charCodeAt(0) === 48 && length > 1)) return -1;
  let n = 0;
  for (let k = 0; k < length; k++) {
    const d = text.charCodeAt(k) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n < MAX_BIT ? n : -1;
}

/** Whether a number read from a cell's digits can be kept as a bit (it must have no leading zero too). */
export function isBitRunNumber(n: number): boolean {
  return n >= 0 && n < MAX_BIT;
}

function textKey(subtest: string, runNumber: string): string {
  return `${subtest}\u0000${runNumber}`;
}

/**
 * Sets in target every bit set in source (no longer than target); returns how many were set in
 * both. Bitmaps read from other parts of a file are mostly zero, so they are gone through 32 bits
 * at a time: bitmaps are made a whole number of words long (see grown).
 */
function orInto(target: Uint8Array, source: Uint8Array): number {
  const words = source.length >> 2;
  const aligned = target.byteOffset % 4 === 0 && source.byteOffset % 4 === 0;
  let common = 0;
  let i = 0;
  if (aligned) {
    const mine = new Uint32Array(target.buffer, target.byteOffset, words);
    const theirs = new Uint32Array(source.buffer, source.byteOffset, words);
    for (let w = 0; w < words; w++) {
      const word = theirs[w];
      if (word === 0) continue;
      common += bitCount(mine[w] & word);
      mine[w] |= word;
    }
    i = words << 2;
  }
  for (; i < source.length; i++) {
    common += bitCount(target[i] & source[i]);
    target[i] |= source[i];
  }
  return common;
}

function bitCount(word: number): number {
  word = word - ((word >>> 1) & 0x55555555);
  word = (word & 0x33333333) + ((word >>> 2) & 0x33333333);
  return (Math.imul((word + (word >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24);
}

// A bitmap that holds bit n, at least twice as long as bits, in whole 8-byte words.
function grown(bits: Uint8Array, n: number): Uint8Array {
  const larger = new Uint8Array(Math.max(16, ((n >> 6) + 1) * 8, bits.length * 2));
  larger.set(bits);
  return larger;
}
