// The four kinds of token a run records, shared by the data loaders and the page.

/** The four token columns of a runs file, in the order they stack from the bottom of a bar. */
export const TOKEN_TYPES = [
  {key: "input_tokens", label: "Input (Fresh)", order: 0},
  {key: "cache_read_tokens", label: "Input (Cached)", order: 1},
  {key: "output_tokens", label: "Output", order: 2},
  {key: "cache_creation_tokens", label: "Cache Creation", order: 3}
] as const;

export type TokenType = (typeof TOKEN_TYPES)[number];
export type TokenKey = TokenType["key"];

export const TOKEN_KEYS: readonly TokenKey[] = TOKEN_TYPES.map((t) => t.key);

/** Index of each token column in the fixed-size arrays used by the accumulators. */
export const FRESH = 0;
export const CACHED = 1;
export const OUTPUT = 2;
export const CACHE_WRITE = 3;
