/** Run numbers below this are kept as bits; larger ones, or ones not written as plain numbers, as text. */
const MAX_BIT = 1 << 24;

interface GroupKeys {
  /** One bitmap of run numbers per subtest. */
  bitmaps: Map<string, Uint8Array>;
  /** "subtest\0run number" of the runs whose number is not a plain whole number. */
  others: Set<string>;
}

/**
 * The (subtest, run number) keys seen so far in each group, to find runs that appear twice.
 * Run numbers written as plain whole numbers (1, 2, 3 ... as the harness writes them) are kept
 * as one bit each in a bitmap per (group, subtest), so ten million runs take about a megabyte
 * instead of a string per run. Other run numbers ("01", "7b") are kept exactly as written.
 */
export class RunKeySet<Group extends object> {
  readonly #groups = new Map<Group, GroupKeys>();

  /** Adds the key; returns whether it was there already. */
  has(group: Group, subtest: string, runNumber: string): boolean {
    let keys = this.#groups.get(group);
    if (keys === undefined) this.#groups.set(group, (keys = {bitmaps: new Map(), others: new Set()}));
    const n = plainNumber(runNumber);
    if (n === -1) return hasText(keys.others, `${subtest}\u0000${runNumber}`);

    let bits = keys.bitmaps.get(subtest);
    if (bits === undefined || bits.length <= n >> 3) keys.bitmaps.set(subtest, (bits = grown(bits, n)));
    const mask = 1 << (n & 7);
    const seen = (bits[n >> 3] & mask) !== 0;
    bits[n >> 3] |= mask;
    return seen;
  }
}

function hasText(set: Set<string>, key: string): boolean {
  if (set.has(key)) return true;
  set.add(key);
  return false;
}

// The value of a run number written as a plain whole number without leading zeros, else -1.
function plainNumber(text: string): number {
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

function grown(bits: Uint8Array | undefined, n: number): Uint8Array {
  const larger = new Uint8Array(Math.max(16, (n >> 3) + 1, (bits?.length ?? 0) * 2));
  if (bits !== undefined) larger.set(bits);
  return larger;
}
