// The fast lane of the CSV reader. Most rows of a runs file are plain: no quotes, no spaces at
// the start of a cell, token counts written as digits, the cost as a decimal, passed as True or
// False. This scanner reads such rows straight from the file's bytes into the accumulator's
// group sums, in one pass and without making a string per cell. It stops at the first row that
// is not plain and leaves that row to the tokenizer and the full reader, whose values and
// problems are the reference; then it takes over again.
import type {GroupEntry, RunAccumulator} from "./accumulate.ts";
import {decimalAt} from "./csv-tokenizer.ts";
import {parseText} from "./parse-cells.ts";
import type {Header, TextCaches} from "./read-runs.ts";
import {isBitRunNumber, plainRunNumber, type SubtestRuns} from "./run-keys.ts";
import {sameBytes} from "./text-cache.ts";

const LF = 10;
const CR = 13;
const QUOTE = 34;
const COMMA = 44;

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

/** The value of a run number that is not a plain whole number small enough to be a bit. */
const NOT_A_BIT = -2;

/** How many distinct byte patterns of the group's and subtest's cells are remembered. */
const CAPACITY = 4096;

/** What the cells that place a run (experiment, agent_model, tier and subtest) lead to. */
interface GroupSlot {
  /**
   * The bytes of those cells in the file's order, one copy per cell, or a single copy of the
   * cells and the commas between them when they are next to each other.
   */
  parts: Uint8Array[];
  entry: GroupEntry;
  subtest: string | null;
  /** The run numbers seen in the subtest of this group; null without a subtest. */
  runs: SubtestRuns | null;
}

export class PlainRowScanner {
  /** Rows taken, and empty cells per column among them. */
  rows = 0;
  readonly emptyCells: number[];

  readonly #columns: Header;
  readonly #count: number;
  readonly #accumulator: RunAccumulator;
  readonly #texts: TextCaches;
  readonly #roles: Int8Array;
  readonly #tokenSlot: Int8Array;
  /** The cells of the group and the subtest in file order. */
  readonly #keys: number[];
  /** Whether those cells are next to each other, so that one run of bytes holds them all. */
  readonly #adjacentKeys: boolean;
  readonly #starts: Int32Array;
  readonly #ends: Int32Array;
  readonly #groups = new Map<number, GroupSlot>();
  readonly #scanRows: ScanRows;

  /** The texts caches are the full reader's, shared with the rows it reads. */
  constructor(columns: Header, accumulator: RunAccumulator, texts: TextCaches) {
    const count = columns.names.length;
    this.#columns = columns;
    this.#count = count;
    this.#accumulator = accumulator;
    this.#texts = texts;
    this.emptyCells = new Array<number>(count).fill(0);
    const roles = new Int8Array(count);
    const tokenSlot = new Int8Array(count).fill(-1);
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
    this.#keys = [columns.experiment, columns.model, columns.tier, columns.subtest].filter((i) => i >= 0).sort((a, b) => a - b);
    this.#adjacentKeys = this.#keys.every((i, j) => j === 0 || i === this.#keys[j - 1] + 1);
    this.#starts = new Int32Array(count);
    this.#ends = new Int32Array(count);
    this.#scanRows = rowScanFor(roles, tokenSlot, PlainRowScanner.#addRow);
  }

  /**
   * Takes the plain rows of data from `from` on and returns where the first row it did not take
   * starts: a row that is not plain, an empty line, or a row that does not end before `to`.
   */
  scan(data: Buffer, from: number, to: number): number {
    return this.#scanRows(data, from, to, this, this.#starts, this.#ends);
  }

  /** How the compiled scan, which is shared by the scanners of one header, adds a row to this one. */
  // The arguments are listed, not spread: a spread would build an array for every row.
  static readonly #addRow: AddRow = (scanner, data, hash, t0, t1, t2, t3, total, passed, cost, runNumber, blank, rowStart, rowEnd) =>
    scanner.#add(data, hash, t0, t1, t2, t3, total, passed, cost, runNumber, blank, rowStart, rowEnd);

  // Adds the row just scanned, whose numbers the scan read: -1 stands for an empty cell.
  #add(
    data: Buffer,
    hash: number,
    t0: number,
    t1: number,
    t2: number,
    t3: number,
    total: number,
    passed: number,
    cost: number,
    runNumber: number,
    blank: boolean,
    rowStart: number,
    rowEnd: number
  ): void {
    const slot = this.#slot(data, hash);
    const {subtest} = slot;
    let runText: string | null = null;
    if (subtest && runNumber === NOT_A_BIT) {
      const i = this.#columns.run_number;
      runText = parseText(data.toString("utf8", this.#starts[i], this.#ends[i]));
      runNumber = plainRunNumber(runText);
      if (runNumber >= 0) runText = null;
    }
    this.#accumulator.addPlain(slot.entry, t0, t1, t2, t3, total, passed, cost, subtest, runNumber, runText, slot.runs);
    this.rows++;
    if (blank) this.#countEmptyCells(data, rowStart, rowEnd);
  }

  // Counts the empty cells of a plain row that has some; rowEnd is the end of its last cell.
  #countEmptyCells(data: Buffer, rowStart: number, rowEnd: number): void {
    let field = 0;
    let cellStart = rowStart;
    for (let k = rowStart; k <= rowEnd; k++) {
      if (k < rowEnd && data[k] !== COMMA) continue;
      if (k === cellStart) this.emptyCells[field]++;
      field++;
      cellStart = k + 1;
    }
  }

  // The group and subtest of the row just scanned, found by the bytes of their cells.
  #slot(data: Buffer, hash: number): GroupSlot {
    const slot = this.#groups.get(hash);
    if (slot !== undefined && this.#holds(slot.parts, data)) return slot;

    const c = this.#columns;
    const texts = this.#texts;
    const text = (cache: TextCaches[keyof TextCaches], i: number) => cache.textAt(data, this.#starts[i], this.#ends[i]);
    const entry = this.#accumulator.groupOf(
      c.experiment < 0 ? "" : text(texts.experiment, c.experiment),
      text(texts.model, c.model),
      text(texts.tier, c.tier)
    );
    const subtest = c.subtest < 0 ? null : text(texts.subtest, c.subtest);
    // Copies: the buffer is reused for the next part of the file.
    const copy = ([start, end]: [number, number]) => new Uint8Array(data.subarray(start, end));
    const found: GroupSlot = {parts: this.#cellRanges().map(copy), entry, subtest, runs: subtest ? entry.keys.subtest(subtest) : null};
    if (slot !== undefined || this.#groups.size < CAPACITY) this.#groups.set(hash, found);
    return found;
  }

  // Whether the row just scanned has the cells whose bytes parts holds.
  #holds(parts: Uint8Array[], data: Buffer): boolean {
    const keys = this.#keys;
    const starts = this.#starts;
    const ends = this.#ends;
    // Cells next to each other are compared in one go, the commas between them included.
    if (this.#adjacentKeys) return sameBytes(parts[0], data, starts[keys[0]], ends[keys[keys.length - 1]]);
    for (let j = 0; j < keys.length; j++) if (!sameBytes(parts[j], data, starts[keys[j]], ends[keys[j]])) return false;
    return true;
  }

  // The byte ranges a group slot keeps, as #holds compares them.
  #cellRanges(): [number, number][] {
    const keys = this.#keys;
    if (this.#adjacentKeys) return [[this.#starts[keys[0]], this.#ends[keys[keys.length - 1]]]];
    return keys.map((i) => [this.#starts[i], this.#ends[i]]);
  }
}

type AddRow = (
  scanner: PlainRowScanner,
  data: Buffer,
  hash: number,
  t0: number,
  t1: number,
  t2: number,
  t3: number,
  total: number,
  passed: number,
  cost: number,
  runNumber: number,
  blank: boolean,
  rowStart: number,
  rowEnd: number
) => void;

type ScanRows = (data: Buffer, from: number, to: number, scanner: PlainRowScanner, starts: Int32Array, ends: Int32Array) => number;

/** The compiled scans by the layout of their header, so that each part of a file read by one thread reuses the code already optimized. */
const compiledScans = new Map<string, ScanRows>();

function rowScanFor(roles: Int8Array, tokenSlot: Int8Array, add: AddRow): ScanRows {
  const layout = `${roles.join(",")};${tokenSlot.join(",")}`;
  let scan = compiledScans.get(layout);
  if (scan === undefined) compiledScans.set(layout, (scan = compileRowScan(roles, tokenSlot, add)));
  return scan;
}

/**
 * Writes the scanning loop for one header as code, one block per column in the header's order,
 * and compiles it: each cell is read the way its column needs, with no decision per cell about
 * what the column is. Number cells are read in the same pass that finds their end. The code
 * holds only numbers from the header's layout, never a text of the file.
 */
function compileRowScan(roles: Int8Array, tokenSlot: Int8Array, add: AddRow): ScanRows {
  const last = roles.length - 1;
  const blocks = Array.from(roles, (role, i) => {
    const digits = role === TOKENS || role === TOTAL;
    // A cell that starts with white space or a byte above ASCII may be blank: the full reader
    // decides. The cells of the group and the subtest are found by a hash of their length and
    // first, middle and last bytes (those of the cell or its neighbours when it is empty); the
    // slot's bytes are then compared whole.
    const find = digits
      ? `start = k; v = 0;
        for (;;) { c = data[k]; if (c < 48 || c > 57) break; v = v * 10 + c - 48; k++; }`
      : `start = k;
        for (;;) { c = data[k]; if (c <= ${COMMA} && (c === ${COMMA} || c === ${LF} || c === ${CR} || c === ${QUOTE})) break; k++; }
        if (k > start && (data[start] <= 32 || data[start] >= 128)) return rowStart;`;
    // Every cell but the last ends at a comma; the last at LF or CRLF.
    const close =
      i < last
        ? `end = k; if (c !== ${COMMA}) return rowStart;`
        : `end = k;
        if (c === ${CR}) { if (data[k + 1] !== ${LF}) return rowStart; k++; }
        else if (c !== ${LF}) return rowStart;`;
    const keep = `starts[${i}] = start; ends[${i}] = end;`;
    const hash = `hash = (Math.imul(hash, 31) + end - start) | 0;
        hash = (Math.imul(hash, 31) + data[start]) | 0;
        hash = (Math.imul(hash, 31) + data[(start + end) >> 1]) | 0;
        hash = (Math.imul(hash, 31) + data[end - 1]) | 0;`;
    let read: string;
    switch (role) {
      case KEY:
        read = `if (end === start) return rowStart; ${keep}
        ${hash}`;
        break;
      case TOKENS:
      case TOTAL: {
        const target = role === TOTAL ? "total" : `t${tokenSlot[i]}`;
        read = `if (end === start) blank = true; else if (end - start > 15) return rowStart; else ${target} = v;`;
        break;
      }
      case RUN_NUMBER:
        // A run number with a leading zero is kept as text, as written.
        read = `${keep}
        if (end === start) blank = true;
        else {
          if (end - start > 15) return rowStart;
          v = 0;
          for (let j = start; j < end; j++) { const d = data[j] - 48; if (d < 0 || d > 9) { v = ${NOT_A_BIT}; break; } v = v * 10 + d; }
          runNumber = isBitRunNumber(v) && (end - start === 1 || data[start] !== 48) ? v : ${NOT_A_BIT};
        }`;
        break;
      case COST:
        read = `if (end === start) blank = true; else if ((cost = decimalAt(data, start, end)) < 0) return rowStart;`;
        break;
      case PASSED:
        read = `if (end === start) blank = true; else if ((passed = trueOrFalse(data, start, end)) < 0) return rowStart;`;
        break;
      case SUBTEST:
        read = `${keep} if (end === start) blank = true;
        ${hash}`;
        break;
      default:
        read = `if (end === start) blank = true;`;
    }
    return `// column ${i}\n        ${find}\n        ${close}\n        ${read}\n        k++;`;
  });
  // Only whole lines are scanned: the line break at the end of the last one stops every loop
  // over a cell's bytes, which therefore need not check where the data ends.
  const code = `return function scanRows(data, from, to, scanner, starts, ends) {
    const lines = data.lastIndexOf(${LF}, to - 1) + 1;
    let k = from;
    while (k < lines) {
      const rowStart = k;
      let c = -1, start = 0, end = 0, v = 0, hash = 0, blank = false;
      let t0 = ${EMPTY}, t1 = ${EMPTY}, t2 = ${EMPTY}, t3 = ${EMPTY}, total = ${EMPTY}, passed = ${EMPTY}, cost = ${EMPTY}, runNumber = ${EMPTY};
      ${blocks.join("\n      ")}
      add(scanner, data, hash, t0, t1, t2, t3, total, passed, cost, runNumber, blank, rowStart, end);
    }
    return k;
  };`;
  const make = new Function("add", "decimalAt", "trueOrFalse", "isBitRunNumber", code);
  return make(add, decimalAt, trueOrFalse, isBitRunNumber) as ScanRows;
}

/** 1 for True, 0 for False, as the harness writes them; -1 for any other text. */
export function trueOrFalse(data: Uint8Array, start: number, end: number): number {
  const length = end - start;
  if (length === 4 && data[start] === 84 && data[start + 1] === 114 && data[start + 2] === 117 && data[start + 3] === 101) return 1;
  if (length === 5 && data[start] === 70 && data[start + 1] === 97 && data[start + 2] === 108 && data[start + 3] === 115 && data[start + 4] === 101) return 0;
  return -1;
}
