/** Run numbers below this are kept as bits; larger ones, or ones not written as plain numbers, as text. */
const MAX_BIT = 1 << 24;

/**
 * The (subtest, run number) keys of one group, to find runs that appear twice. Run numbers
 * written as plain whole numbers (1, 2, 3 ... as the harness writes them) are kept as one bit
 * each in a bitmap per subtest, so ten million runs take about a megabyte instead of a string
 * per run. Other run numbers ("01", "7b") are kept exactly as written.
 */
export class RunKeys {
  readonly #bitmaps = new Map<string, Uint8Array>();
  readonly #others = new Set<string>();

  has(subtest: string, runNumber: string): boolean {
    const n = plainNumber(runNumber);
    if (n === -1) return this.#others.has(`${subtest}\u0000${runNumber}`);
    const bits = this.#bitmaps.get(subtest);
    return bits !== undefined && bits.length > n >> 3 && (bits[n >> 3] & (1 << (n & 7))) !== 0;
  }

  add(subtest: string, runNumber: string): void {
    const n = plainNumber(runNumber);
    if (n === -1) return void this.#others.add(`${subtest}\u0000${runNumber}`);
    let bits = this.#bitmaps.get(subtest);
    if (bits === undefined || bits.length <= n >> 3) this.#bitmaps.set(subtest, (bits = grown(bits, n)));
    bits[n >> 3] |= 1 << (n & 7);
  }
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
