import type {CsvRow} from "./csv-tokenizer.ts";

/** How many distinct texts each column remembers; beyond that, new texts are decoded each time. */
const CAPACITY = 4096;

interface Entry {
  bytes: Uint8Array;
  text: string;
}

/**
 * Remembers the decoded text of the cells of one column by their bytes. Columns such as
 * agent_model and tier repeat a few values millions of times; decoding bytes into a new string
 * for each cell costs more than finding the string made the first time.
 */
export class TextCache {
  readonly #entries = new Map<number, Entry>();
  #last: Entry | undefined;

  /** clean turns a cell's text into the value kept, for example by trimming spaces around it. */
  constructor(readonly clean: (text: string) => string = (text) => text) {}

  /** The field's text, as clean(row.text(i)) gives it. */
  text(row: CsvRow, i: number): string {
    if (row.quoted[i] === 1) return this.clean(row.text(i));
    return this.textAt(row.buffer, row.starts[i], row.ends[i]);
  }

  /**
   * The text of the unquoted cell buffer[start, end), cleaned. Cells of a column often repeat
   * the one before (the runs of a subtest come together), so the last text is tried first.
   */
  textAt(buffer: Buffer, start: number, end: number): string {
    const last = this.#last;
    if (last !== undefined && sameBytes(last.bytes, buffer, start, end)) return last.text;
    let hash = end - start;
    for (let k = start; k < end; k++) hash = (Math.imul(hash, 31) + buffer[k]) | 0;
    const entry = this.#entries.get(hash);
    if (entry !== undefined && sameBytes(entry.bytes, buffer, start, end)) {
      this.#last = entry;
      return entry.text;
    }

    const text = this.clean(buffer.toString("utf8", start, end));
    // Keep a copy of the bytes: the buffer is reused for the next part of the file.
    if (entry !== undefined || this.#entries.size < CAPACITY) {
      this.#last = {bytes: new Uint8Array(buffer.subarray(start, end)), text};
      this.#entries.set(hash, this.#last);
    }
    return text;
  }
}

/** Whether bytes holds the same bytes as buffer[start, end). */
export function sameBytes(bytes: Uint8Array, buffer: Uint8Array, start: number, end: number): boolean {
  if (bytes.length !== end - start) return false;
  for (let k = 0; k < bytes.length; k++) if (bytes[k] !== buffer[start + k]) return false;
  return true;
}
