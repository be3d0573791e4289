import {open} from "node:fs/promises";

// A streaming CSV tokenizer that works on bytes: it finds the fields of each row as ranges of a
// buffer and converts only the cells a caller asks for. It reads RFC 4180 CSV: fields separated
// by commas, rows by LF or CRLF, fields in double quotes may hold commas, line breaks and quotes
// written twice (""). A byte order mark at the start is skipped, and so are empty lines. Line
// numbers count every line break of the file, including those inside quoted fields.

const LF = 10;
const CR = 13;
const QUOTE = 34;
const COMMA = 44;

/** How many bytes of a file are read at a time. */
const READ_SIZE = 1 << 22;

/** A row that breaks the CSV syntax; line and column (the field's number) count from 1. */
export class CsvSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number
  ) {
    super(message);
    this.name = "CsvSyntaxError";
  }
}

/**
 * One row of a CSV file as byte ranges of a buffer. The tokenizer reuses this object for every
 * row, so it is valid only during the callback that receives it: copy what you keep.
 */
export class CsvRow {
  /** The bytes the ranges point into. */
  buffer: Buffer = Buffer.alloc(0);
  /** Number of fields in this row. */
  length = 0;
  /** Line of the file on which the row starts. */
  line = 0;
  /** Start (inclusive) and end (exclusive) of each field's content, without its quotes. */
  starts = new Int32Array(64);
  ends = new Int32Array(64);
  /** 1 where the field was quoted: its content may hold doubled quotes. */
  quoted = new Uint8Array(64);

  /** The field's text, with doubled quotes of a quoted field made single. */
  text(i: number): string {
    const text = this.buffer.toString("utf8", this.starts[i], this.ends[i]);
    return this.quoted[i] === 1 ? text.replaceAll('""', '"') : text;
  }

  /** Whether the field is empty or holds only white space, as text(i).trim() === "" tells. */
  isBlank(i: number): boolean {
    const {buffer} = this;
    for (let k = this.starts[i], end = this.ends[i]; k < end; k++) {
      const c = buffer[k];
      if (c >= 0x80) return this.text(i).trim() === "";
      if (c !== 32 && (c < 9 || c > 13)) return false;
    }
    return true;
  }

  /**
   * The field read as a plain whole number (digits only, at most 15 of them), or -1 for anything
   * else: an empty field, spaces, signs, decimals, or text. Callers fall back to text() for -1.
   */
  digits(i: number): number {
    const {buffer} = this;
    const start = this.starts[i];
    const end = this.ends[i];
    if (end === start || end - start > 15) return -1;
    let value = 0;
    for (let k = start; k < end; k++) {
      const d = buffer[k] - 48;
      if (d < 0 || d > 9) return -1;
      value = value * 10 + d;
    }
    return value;
  }

  /** The field read as a plain decimal number, as decimalAt tells; -1 for anything else. */
  decimal(i: number): number {
    return decimalAt(this.buffer, this.starts[i], this.ends[i]);
  }

  /** The fields' texts, for rows that are read whole (such as the header). */
  texts(): string[] {
    return Array.from({length: this.length}, (_, i) => this.text(i));
  }

  grow(): void {
    const size = this.starts.length * 2;
    this.starts = copyInto(new Int32Array(size), this.starts);
    this.ends = copyInto(new Int32Array(size), this.ends);
    this.quoted = copyInto(new Uint8Array(size), this.quoted);
  }
}

/** What #scanPlainRow returns for a row with a quote in it. */
const QUOTED = -2;

const POWERS_OF_TEN = Array.from({length: 16}, (_, k) => 10 ** k);

/**
 * The bytes data[start, end) read as a plain decimal number (digits with at most one point, at
 * most 15 digits in all), or -1 for anything else. The result is the same double Number() gives
 * for the text: both the digits as an integer and the power of ten are exact, and one division
 * rounds once.
 */
export function decimalAt(data: Uint8Array, start: number, end: number): number {
  if (end === start || end - start > 16) return -1;
  let value = 0;
  let point = -1;
  for (let k = start; k < end; k++) {
    const c = data[k];
    if (c === 46 && point === -1) {
      point = k;
      continue;
    }
    const d = c - 48;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  if (point === -1) return value;
  if (point === start || end - start === 1) return -1;
  return value / POWERS_OF_TEN[end - point - 1];
}

function copyInto<T extends Int32Array | Uint8Array>(target: T, source: T): T {
  target.set(source);
  return target;
}

/**
 * Something that takes rows straight from the bytes, before the tokenizer splits them: it takes
 * whole rows of one line each from `from` on, counts them in `rows`, and returns where the first
 * row it left starts. The tokenizer reads that row itself, then hands on to it again.
 */
export interface FastLane {
  readonly rows: number;
  scan(data: Uint8Array, from: number, to: number): number;
}

/**
 * Splits CSV bytes into rows. Feed it with push() in chunks of any size, then call end(); each
 * complete row goes to onRow, which can return false to stop. Throws CsvSyntaxError at the first
 * row that is not valid CSV.
 */
export class CsvTokenizer {
  readonly #row = new CsvRow();
  readonly #onRow: (row: CsvRow) => boolean | void;
  #pending: Buffer = Buffer.alloc(0);
  #line = 1;

  /** The line at which the next row starts. */
  get line(): number {
    return this.#line;
  }
  #started = false;
  /** Set when onRow returned false: the rows after that one are not read. */
  stopped = false;
  /** Takes the rows it can before the tokenizer reads them; set it from onRow, for the rows after. */
  fastLane: FastLane | undefined;

  constructor(onRow: (row: CsvRow) => boolean | void, {bom = true}: {bom?: boolean} = {}) {
    this.#onRow = onRow;
    // Without a byte order mark to look for, the first bytes need no special care.
    this.#started = !bom;
  }

  /** Tokenizes the complete rows of pending bytes + chunk and keeps the rest for later. */
  push(chunk: Buffer): void {
    if (this.stopped) return;
    const data = this.#pending.length > 0 ? Buffer.concat([this.#pending, chunk]) : chunk;
    const used = this.scan(data, 0, data.length, false);
    this.#pending = Buffer.from(data.subarray(used));
  }

  /** Tokenizes what is left, including a last row without a line break. */
  end(): void {
    this.scan(this.#pending, 0, this.#pending.length, true);
    this.#pending = Buffer.alloc(0);
  }

  /**
   * Tokenizes the complete rows of data[from, to) and returns where the first incomplete row
   * starts (to, when all were complete). With final set, the last row needs no line break.
   */
  scan(data: Buffer, from: number, to: number, final: boolean): number {
    if (!this.#started) {
      if (to - from < 3 && !final) return from;
      this.#started = true;
      if (data[from] === 0xef && data[from + 1] === 0xbb && data[from + 2] === 0xbf) from += 3;
    }
    let pos = from;
    while (pos < to && !this.stopped) {
      const lane = this.fastLane;
      if (lane !== undefined) {
        const before = lane.rows;
        pos = lane.scan(data, pos, to);
        this.#line += lane.rows - before;
        if (pos >= to) break;
      }
      // Skip empty lines (LF, CRLF, or a CR that ends the file).
      const c = data[pos];
      if (c === LF || (c === CR && (pos + 1 < to ? data[pos + 1] === LF : final))) {
        pos += c === LF || pos + 1 === to ? 1 : 2;
        this.#line++;
        continue;
      }
      const next = this.#scanRow(data, pos, to, final);
      if (next === -1) return pos;
      pos = next;
    }
    return Math.min(pos, to);
  }

  // Reads one row starting at pos; returns the position after its line break, or -1 if the row
  // does not end before `to` and more data may come.
  #scanRow(data: Buffer, pos: number, to: number, final: boolean): number {
    const end = this.#scanPlainRow(data, pos, to, final);
    return end === QUOTED ? this.#scanQuotedRow(data, pos, to, final) : end;
  }

  // The common case, a row without quotes, in one tight loop; QUOTED if the row has a quote.
  #scanPlainRow(data: Buffer, pos: number, to: number, final: boolean): number {
    const row = this.#row;
    let {starts, ends} = row;
    let field = 0;
    let start = pos;
    let k = pos;
    for (;;) {
      // Skip the bytes that cannot end a field: everything above the comma in ASCII.
      let c = -1;
      while (k < to) {
        c = data[k];
        if (c <= COMMA) break;
        k++;
      }
      if (k === to) {
        if (!final) return -1;
        c = LF;
      }
      if (c === COMMA || c === LF) {
        if (field === starts.length) {
          row.grow();
          ({starts, ends} = row);
        }
        starts[field] = start;
        ends[field] = c === LF && k > start && data[k - 1] === CR ? k - 1 : k;
        field++;
        if (c === LF) break;
        start = ++k;
        continue;
      }
      if (c === QUOTE) return QUOTED;
      k++;
    }
    row.quoted.fill(0, 0, field);
    row.buffer = data;
    row.length = field;
    row.line = this.#line;
    this.#line++;
    if (this.#onRow(row) === false) this.stopped = true;
    return k + 1;
  }

  // Any row, quoted fields included.
  #scanQuotedRow(data: Buffer, pos: number, to: number, final: boolean): number {
    const row = this.#row;
    const firstLine = this.#line;
    let lines = 0;
    let field = 0;
    for (;;) {
      if (field === row.starts.length) row.grow();
      let end: number;
      let next: number;
      if (pos < to && data[pos] === QUOTE) {
        // A quoted field ends at a quote that is not doubled.
        let k = pos + 1;
        for (;;) {
          k = data.indexOf(QUOTE, k);
          if (k === -1 || k >= to) {
            if (!final) return -1;
            throw new CsvSyntaxError("a quoted field is not closed before the end of the file", firstLine + lines, field + 1);
          }
          if (k + 1 < to && data[k + 1] === QUOTE) {
            k += 2;
            continue;
          }
          if (k + 1 === to && !final) return -1;
          break;
        }
        lines += countLineBreaks(data, pos + 1, k);
        row.starts[field] = pos + 1;
        row.ends[field] = k;
        row.quoted[field] = 1;
        end = k + 1;
        next = end < to ? data[end] : LF;
        if (next === CR) {
          // CRLF ends the row; so does a CR that ends the file.
          if (end + 1 === to && !final) return -1;
          if (end + 1 === to || data[end + 1] === LF) {
            end++;
            next = LF;
          }
        }
        if (next !== COMMA && next !== LF) {
          throw new CsvSyntaxError("a closing quote is followed by other text; write quotes inside a quoted field twice", firstLine + lines, field + 1);
        }
      } else {
        // An unquoted field ends at a comma or a line break; a quote inside it is an error.
        let k = pos;
        let c = 0;
        while (k < to) {
          c = data[k];
          if (c > COMMA) {
            k++;
            continue;
          }
          if (c === COMMA || c === LF) break;
          if (c === QUOTE) {
            throw new CsvSyntaxError("a field that does not start with a quote holds a quote; quote the whole field", firstLine + lines, field + 1);
          }
          k++;
        }
        if (k === to) {
          if (!final) return -1;
          c = LF;
        }
        row.starts[field] = pos;
        row.ends[field] = c === LF && k > pos && data[k - 1] === CR ? k - 1 : k;
        row.quoted[field] = 0;
        end = k;
        next = c;
      }
      field++;
      pos = end + 1;
      if (next === LF) break;
    }
    row.buffer = data;
    row.length = field;
    row.line = firstLine;
    this.#line = firstLine + lines + 1;
    if (this.#onRow(row) === false) this.stopped = true;
    return pos;
  }
}

// Line breaks inside a quoted field: LF, CRLF and a lone CR each count as one.
function countLineBreaks(data: Buffer, from: number, to: number): number {
  let n = 0;
  for (let k = from; k < to; k++) {
    const c = data[k];
    if (c === LF || (c === CR && data[k + 1] !== LF)) n++;
  }
  return n;
}

/** Which bytes of a file tokenizeFile reads, and the longest row it accepts. */
export interface TokenizeOptions {
  /** A row still without its end after this many bytes stops the tokenizer with a CsvSyntaxError. */
  maxRowBytes?: number;
  /** The first byte to read, which must start a row; a byte order mark is looked for only at 0. */
  start?: number;
  /** The byte after the last one to read: the end of the file unless given. */
  end?: number;
  /** The tokenizer's fast lane from the first row on (else onRow can set it later). */
  fastLane?: FastLane;
}

/**
 * Tokenizes a file, reading it a few megabytes at a time into two buffers that take turns: while
 * the rows of one are scanned, the next bytes of the file are read into the other, after room for
 * the unfinished row the first ends with. Memory stays the same whatever the file's size (a row
 * longer than that room is put together in a larger buffer). A row whose end is not found within
 * maxRowBytes (checked each time a read ends) stops it with a CsvSyntaxError, so that a file
 * without line breaks is not read whole. With start and end it reads that part of the file as if
 * it were all of it.
 */
export async function tokenizeFile(
  path: string,
  onRow: (row: CsvRow, tokenizer: CsvTokenizer) => boolean | void,
  {maxRowBytes = Infinity, start = 0, end = Infinity, fastLane}: TokenizeOptions = {}
): Promise<void> {
  const tokenizer: CsvTokenizer = new CsvTokenizer((row) => onRow(row, tokenizer), {bom: start === 0});
  tokenizer.fastLane = fastLane;
  const file = await open(path, "r");
  const whole = start === 0 && end === Infinity;
  let position = start;
  // One read at a time, so that a whole file is read on from where the last read ended, which
  // works for pipes too.
  const readInto = async (buffer: Buffer, at: number): Promise<number> => {
    const length = Math.min(buffer.length - at, end - position);
    if (length <= 0) return 0;
    const {bytesRead} = await file.read(buffer, at, length, whole ? null : position);
    position += bytesRead;
    return bytesRead;
  };

  let data = spareBuffers.pop() ?? Buffer.allocUnsafe(BUFFER_SIZE);
  let other = spareBuffers.pop() ?? Buffer.allocUnsafe(BUFFER_SIZE);
  // The bytes of data not scanned yet are [from, to); pending reads more into data at to.
  let from = ROW_ROOM;
  let to = ROW_ROOM;
  let pending = readInto(data, to);
  try {
    for (;;) {
      const bytesRead = await pending;
      to += bytesRead;
      const final = bytesRead === 0;
      if (!final) pending = readInto(other, ROW_ROOM);
      const used = tokenizer.scan(data, from, to, final);
      if (final || tokenizer.stopped) return;
      const left = to - used;
      if (left > maxRowBytes) throw new CsvSyntaxError(`a row is longer than ${maxRowBytes} bytes`, tokenizer.line, 1);
      if (left <= ROW_ROOM) {
        // The unfinished row goes just before the bytes being read into the other buffer.
        data.copy(other, ROW_ROOM - left, used, to);
        [data, other] = [other, data];
        from = ROW_ROOM - left;
        to = ROW_ROOM;
      } else {
        // A long row: it and the bytes read after it go into a buffer of their own, which the
        // next read fills further.
        const more = await pending;
        const joined = Buffer.allocUnsafe(left + more + READ_SIZE);
        data.copy(joined, 0, used, to);
        other.copy(joined, left, ROW_ROOM, ROW_ROOM + more);
        data = joined;
        from = 0;
        to = left + more;
        pending = more === 0 ? Promise.resolve(0) : readInto(data, to);
      }
    }
  } finally {
    // A read may still be under way when the scan stopped or failed.
    await pending.catch(() => 0);
    for (const buffer of [data, other]) if (buffer.length === BUFFER_SIZE && spareBuffers.length < 2) spareBuffers.push(buffer);
    await file.close();
  }
}

/** How many bytes before each read are kept for the unfinished row the buffer before ends with. */
const ROW_ROOM = 1 << 16;

const BUFFER_SIZE = ROW_ROOM + READ_SIZE;

/**
 * The buffers of the last file read in this thread, for the next: a thread that reads many parts
 * of a large file one after another would otherwise leave buffers for each to the garbage
 * collector, which lets them pile up. A file read while another is read gets buffers of its own.
 */
const spareBuffers: Buffer[] = [];

