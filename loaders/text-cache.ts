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

  /** clean turns a cell's text into the value kept, for example by trimming spaces around it. */
  constructor(readonly clean: (text: string) => string = (text) => text) {}

  /** The field's text, as clean(row.text(i)) gives it. */
  text(row: CsvRow, i: number): string {
    if (row.quoted[i] === 1) return this.#decode(row, i);
    const {buffer} = row;
    const start = row.starts[i];
    const end = row.ends[i];
    let hash = end - start;
    for (let k = start; k < end; k++) hash = (Math.imul(hash, 31) + buffer[k]) | 0;
    const entry = this.#entries.get(hash);
    if (entry !== undefined && sameBytes(entry.bytes, buffer, start, end)) return entry.text;

    const text = this.#decode(row, i);
    // Keep a copy of the bytes: the buffer is reused for the next part of the file.
    if (entry !== undefined || this.#entries.size < CAPACITY) {
      this.#entries.set(hash, {bytes: new Uint8Array(buffer.subarray(start, end)), text});
    }
    return text;
  }

  #decode(row: CsvRow, i: number): string {
    return this.clean(row.text(i));
  }
}

function sameBytes(bytes: Uint8Array, buffer: Uint8Array, start: number, end: number): boolean {
  if (bytes.length !== end - start) return false;
  for (let k = 0; k < bytes.length; k++) if (bytes[k] !== buffer[start + k]) return false;
  return true;
}
