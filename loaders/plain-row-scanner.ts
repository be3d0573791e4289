// The fast lane of the CSV reader. Most rows of a runs file are plain: no quotes, no spaces at
// the start of a cell, token counts written as digits, the cost as a decimal, passed as True or
// False. This scanner reads such rows straight from the file's bytes into the accumulator's
// group sums, in one pass and without making a string per cell. It stops at the first row that
// is not plain and leaves that row to the tokenizer and the full reader, whose values and
// problems are the reference; then it takes over again.
import type {GroupEntry, RunAccumulator} from "./accumulate.ts";
import {parseText} from "./parse-cells.ts";
import {isBitRunNumber, plainRunNumber} from "./run-keys.ts";

/** The columns a runs file's header gave, as read-runs.ts finds them; -1 where absent. */
export interface ScannedColumns {
  count: number;
  model: number;
  tier: number;
  tokens: number[];
  experiment: number;
  subtest: number;
  run_number: number;
  passed: number;
  cost_usd: number;
  total_tokens: number;
}

const LF = 10;
const CR = 13;
const QUOTE = 34;
const COMMA = 44;
const POINT = 46;

// What the scanner does with each field of a row.
const SKIP = 0;
const KEY = 1;
const SUBTEST = 2;
const RUN_NUMBER = 3;
const PASSED = 4;
const COST = 5;
const TOKENS = 6;
const TOTAL = 7;

/** The value of an empty number cell. */
const EMPTY = -1;

/** How many distinct byte patterns of the group and subtest cells are remembered. */
const CAPACITY = 4096;

const POWERS_OF_TEN = Array.from({length: 17}, (_, k) => 10 ** k);

interface GroupSlot {
  /** The bytes of the group's cells (experiment, agent_model, tier, in the file's order), one after another. */
  bytes: Uint8Array;
  /** Where each cell's bytes end in `bytes`. */
  ends: number[];
  entry: GroupEntry;
}

interface TextSlot {
  bytes: Uint8Array;
  text: string;
}

export class PlainRowScanner {
  /** Rows taken, and empty cells per column among them. */
  rows = 0;
  readonly emptyCells: number[];

  readonly #columns: ScannedColumns;
  readonly #accumulator: RunAccumulator;
  readonly #roles: Int8Array;
  readonly #tokenSlot: Int8Array;
  /** The group's cells in file order. */
  readonly #keys: number[];
  /** Whether the group's cells are next to each other, so that one run of bytes holds them all. */
  readonly #adjacentKeys: boolean;
  readonly #starts: Int32Array;
  readonly #ends: Int32Array;
  readonly #groups = new Map<number, GroupSlot>();
  readonly #subtests = new Map<number, TextSlot>();
  #lastSubtest: TextSlot | undefined;
  readonly #decode: (bytes: Uint8Array) => string;

  constructor(columns: ScannedColumns, accumulator: RunAccumulator) {
    this.#columns = columns;
    this.#accumulator = accumulator;
    this.emptyCells = new Array<number>(columns.count).fill(0);
    const roles = new Int8Array(columns.count);
    const tokenSlot = new Int8Array(columns.count).fill(-1);
    const set = (i: number, role: number) => i >= 0 && (roles[i] = role);
    for (const i of [columns.experiment, columns.model, columns.tier]) set(i, KEY);
    set(columns.subtest, SUBTEST);
    set(columns.run_number, RUN_NUMBER);
    set(columns.passed, PASSED);
    set(columns.cost_usd, COST);
    set(columns.total_tokens, TOTAL);
    columns.tokens.forEach((i, slot) => {
      roles[i] = TOKENS;
      tokenSlot[i] = slot;
    });
    this.#roles = roles;
    this.#tokenSlot = tokenSlot;
    this.#keys = [columns.experiment, columns.model, columns.tier].filter((i) => i >= 0).sort((a, b) => a - b);
    this.#adjacentKeys = this.#keys.every((i, j) => j === 0 || i === this.#keys[j - 1] + 1);
    this.#starts = new Int32Array(columns.count);
    this.#ends = new Int32Array(columns.count);
    const decoder = new TextDecoder();
    this.#decode = (bytes) => parseText(decoder.decode(bytes));
  }

  /**
   * Takes the plain rows of data from `from` on and returns where the first row it did not take
   * starts: a row that is not plain, an empty line, or a row that does not end before `to`.
   */
  scan(data: Uint8Array, from: number, to: number): number {
    const roles = this.#roles;
    const tokenSlot = this.#tokenSlot;
    const starts = this.#starts;
    const ends = this.#ends;
    const count = this.#columns.count;
    const empty = this.emptyCells;
    let k = from;
    rows: while (k < to) {
      const rowStart = k;
      let groupHash = 0;
      let t0 = EMPTY;
      let t1 = EMPTY;
      let t2 = EMPTY;
      let t3 = EMPTY;
      let total = EMPTY;
      let passed = EMPTY;
      let cost = EMPTY;
      let runNumber = EMPTY;
      let blanks = 0;
      let field = 0;
      for (;;) {
        const start = k;
        let c = 0;
        while (k < to) {
          c = data[k];
          if (c <= COMMA && (c === COMMA || c === LF || c === CR || c === QUOTE)) break;
          k++;
        }
        if (k === to || c === QUOTE) return rowStart;
        const end = k;
        if (c === CR) {
          // Only CRLF ends a plain row.
          if (k + 1 === to || data[k + 1] !== LF) return rowStart;
          c = LF;
          k++;
        }
        k++;
        if (field === count) return rowStart;
        // A cell that starts with white space or a byte above ASCII may be blank: the full reader decides.
        if (end > start && (data[start] <= 32 || data[start] >= 0x80)) return rowStart;
        starts[field] = start;
        ends[field] = end;

        const role = roles[field];
        if (end === start) {
          if (role === KEY) return rowStart;
          blanks++;
        } else if (role === TOKENS || role === TOTAL || role === RUN_NUMBER) {
          if (end - start > 15) return rowStart;
          let value = 0;
          for (let j = start; j < end; j++) {
            const d = data[j] - 48;
            if (d < 0 || d > 9) {
              if (role !== RUN_NUMBER) return rowStart;
              value = -2;
              break;
            }
            value = value * 10 + d;
          }
          if (role === TOKENS) {
            const slot = tokenSlot[field];
            if (slot === 0) t0 = value;
            else if (slot === 1) t1 = value;
            else if (slot === 2) t2 = value;
            else t3 = value;
          } else if (role === TOTAL) total = value;
          // A run number with a leading zero is kept as text, as written.
          else runNumber = isBitRunNumber(value) && (end - start === 1 || data[start] !== 48) ? value : -2;
        } else if (role === KEY) {
          // The length and the first, middle and last bytes tell names apart well enough to find
          // their slot; the slot's bytes are then compared whole.
          groupHash = (Math.imul(groupHash, 31) + end - start) | 0;
          groupHash = (Math.imul(groupHash, 31) + data[start]) | 0;
          groupHash = (Math.imul(groupHash, 31) + data[(start + end) >> 1]) | 0;
          groupHash = (Math.imul(groupHash, 31) + data[end - 1]) | 0;
        } else if (role === COST) {
          cost = decimal(data, start, end);
          if (cost < 0) return rowStart;
        } else if (role === PASSED) {
          passed = trueOrFalse(data, start, end);
          if (passed < 0) return rowStart;
        }

        field++;
        if (c === LF) break;
      }
      if (field !== count) return rowStart;

      const entry = this.#group(data, groupHash);
      const columns = this.#columns;
      let subtest: string | null = null;
      let runText: string | null = null;
      if (columns.subtest >= 0) subtest = this.#subtest(data);
      if (subtest && runNumber === -2) {
        const i = columns.run_number;
        runText = this.#decode(data.subarray(starts[i], ends[i]));
        runNumber = plainRunNumber(runText);
        if (runNumber >= 0) runText = null;
      }
      this.#accumulator.addPlain(entry, t0, t1, t2, t3, total, passed, cost, subtest, runNumber, runText);
      this.rows++;
      if (blanks > 0) for (let i = 0; i < count; i++) if (starts[i] === ends[i]) empty[i]++;
      continue rows;
    }
    return k;
  }

  // The group of the row just scanned, found by the bytes of its cells.
  #group(data: Uint8Array, hash: number): GroupEntry {
    const starts = this.#starts;
    const ends = this.#ends;
    const keys = this.#keys;
    const slot = this.#groups.get(hash);
    if (slot !== undefined) {
      const {bytes, ends: at} = slot;
      let same: boolean;
      // Cells next to each other are compared in one go, the commas between them included.
      if (this.#adjacentKeys) same = sameBytes(bytes, 0, bytes.length, data, starts[keys[0]], ends[keys[keys.length - 1]]);
      else {
        same = true;
        for (let j = 0, from = 0; j < keys.length && same; from = at[j], j++) {
          same = sameBytes(bytes, from, at[j], data, starts[keys[j]], ends[keys[j]]);
        }
      }
      if (same) return slot.entry;
    }

    const c = this.#columns;
    const text = (i: number) => (i < 0 ? "" : this.#decode(data.subarray(this.#starts[i], this.#ends[i])));
    const entry = this.#accumulator.groupOf(text(c.experiment), text(c.model), text(c.tier));
    if (slot !== undefined || this.#groups.size < CAPACITY) {
      const parts = this.#adjacentKeys
        ? [data.subarray(starts[keys[0]], ends[keys[keys.length - 1]])]
        : keys.map((i) => data.subarray(starts[i], ends[i]));
      const bytes = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
      const cellEnds: number[] = [];
      parts.reduce((at, part) => (bytes.set(part, at), cellEnds.push(at + part.length), at + part.length), 0);
      this.#groups.set(hash, {bytes, ends: cellEnds, entry});
    }
    return entry;
  }

  // The subtest's text. Runs files list the runs of a subtest together, so the last one is
  // tried first.
  #subtest(data: Uint8Array): string {
    const i = this.#columns.subtest;
    const start = this.#starts[i];
    const end = this.#ends[i];
    const last = this.#lastSubtest;
    if (last !== undefined && sameBytes(last.bytes, 0, last.bytes.length, data, start, end)) return last.text;
    let hash = 0;
    for (let k = start; k < end; k++) hash = (Math.imul(hash, 31) + data[k]) | 0;
    const slot = this.#subtests.get(hash);
    if (slot !== undefined && sameBytes(slot.bytes, 0, slot.bytes.length, data, start, end)) {
      this.#lastSubtest = slot;
      return slot.text;
    }
    const text = this.#decode(data.subarray(start, end));
    if (slot !== undefined || this.#subtests.size < CAPACITY) {
      this.#lastSubtest = {bytes: copyOf(data, start, end), text};
      this.#subtests.set(hash, this.#lastSubtest);
    }
    return text;
  }
}

// A copy of data[start, end): the scanner's buffer is reused for the next part of the file.
function copyOf(data: Uint8Array, start: number, end: number): Uint8Array {
  return new Uint8Array(data.subarray(start, end));
}

function sameBytes(bytes: Uint8Array, from: number, to: number, data: Uint8Array, start: number, end: number): boolean {
  if (to - from !== end - start) return false;
  for (let k = start; k < end; k++, from++) if (bytes[from] !== data[k]) return false;
  return true;
}

/**
 * A decimal written as digits with at most one point inside them, at most 16 characters, as the
 * same double Number() gives for it (the digits as an integer and the power of ten are exact,
 * and one division rounds once); -1 for anything else.
 */
function decimal(data: Uint8Array, start: number, end: number): number {
  if (end - start > 16) return -1;
  let value = 0;
  let point = -1;
  for (let k = start; k < end; k++) {
    const c = data[k];
    if (c === POINT && point === -1) {
      point = k;
      continue;
    }
    const d = c - 48;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  if (point === -1) return value;
  if (point === start || point === end - 1) return -1;
  return value / POWERS_OF_TEN[end - point - 1];
}

// 1 for True, 0 for False, as the harness writes them; -1 for any other text.
function trueOrFalse(data: Uint8Array, start: number, end: number): number {
  const length = end - start;
  if (length === 4 && data[start] === 84 && data[start + 1] === 114 && data[start + 2] === 117 && data[start + 3] === 101) return 1;
  if (length === 5 && data[start] === 70 && data[start + 1] === 97 && data[start + 2] === 108 && data[start + 3] === 115 && data[start + 4] === 101) return 0;
  return -1;
}
