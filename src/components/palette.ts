// Colours of the four token types, in the order Input (Fresh), Input (Cached), Output,
// Cache Creation. Every figure and export takes its colours from here.

export const TOKEN_TYPE_LABELS = ["Input (Fresh)", "Input (Cached)", "Output", "Cache Creation"] as const;

export interface Palette {
  name: string;
  description: string;
  /** One colour per token type, in TOKEN_TYPE_LABELS order. */
  colors: readonly [string, string, string, string];
}

/**
 * The default: four colours from Paul Tol's muted scheme, chosen so that every pair stays
 * apart under simulated protanopia, deuteranopia and tritanopia. The dark indigo marks fresh
 * input, which on real data is a sliver that must still stand out against the light cache.
 */
export const ACCESSIBLE: Palette = {
  name: "accessible",
  description: "distinct for readers with the common colour-vision deficiencies",
  colors: ["#332288", "#88CCEE", "#CC6677", "#DDCC77"]
};

/** The colours of figures already published by the reference analysis, to match them. */
export const REFERENCE: Palette = {
  name: "reference",
  description: "the colours of the reference analysis's published figures",
  colors: ["#4C78A8", "#72B7B2", "#E45756", "#F58518"]
};

export const PALETTES: Record<string, Palette> = {accessible: ACCESSIBLE, reference: REFERENCE};

export function paletteNamed(name: string): Palette {
  const palette = PALETTES[name];
  if (!palette) throw new Error(`unknown palette: ${name} (known: ${Object.keys(PALETTES).join(", ")})`);
  return palette;
}

/** The roles a model plays in a run, in stacking order from the bottom of a bar. */
export const ROLE_LABELS = ["Main model", "Helper", "Delegate"] as const;

/**
 * Colours of the three roles: Paul Tol's high-contrast scheme (dark blue, yellow, red), which
 * stays apart for the common colour-vision deficiencies and in grey-scale print.
 */
export const ROLE_COLORS: readonly [string, string, string] = ["#004488", "#DDAA33", "#BB5566"];
