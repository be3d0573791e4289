// The typeface of every figure, on the page and in the exported files, so that a figure looks
// the same on every machine whether or not the typeface is installed there. The exports embed
// its whole TrueType files; the page loads compressed files of the few hundred characters its
// figures need (about 17 kB a weight instead of 340 kB), and any other character falls back to
// the system's font.

export const FONT_FAMILY = "Inter";

/** What figures ask for: the embedded typeface first, then what the reader's system has. */
export const FONT_STACK = `${FONT_FAMILY}, system-ui, sans-serif`;

/** The TrueType files of the typeface, by weight, as npm package paths. */
export const FONT_FILES = {
  regular: "@expo-google-fonts/inter/400Regular/Inter_400Regular.ttf",
  bold: "@expo-google-fonts/inter/700Bold/Inter_700Bold.ttf"
} as const;

/** The files the page's typeface is cut from: WOFF2, Latin letters, by weight, as npm package paths. */
export const PAGE_FONT_FILES = {
  regular: "@fontsource/inter/files/inter-latin-400-normal.woff2",
  bold: "@fontsource/inter/files/inter-latin-700-normal.woff2"
} as const;

/**
 * The characters the page's files keep, as ranges of code points: printable ASCII, the Latin-1
 * letters and signs, and the dashes, quotes and signs the page's figures use. The files are cut
 * down to these (see export/page-font.ts); any other character, and any of these that the
 * package's file lacks (the soft hyphen), is set in the system's font.
 */
export const PAGE_FONT_CHARACTERS: readonly (readonly [number, number])[] = [
  [0x20, 0x7e],
  [0xa0, 0xff],
  [0x2013, 0x2014],
  [0x2018, 0x2019],
  [0x201c, 0x201d],
  [0x2026, 0x2026],
  [0x20ac, 0x20ac],
  [0x2212, 0x2212]
];

/** The same characters as a unicode-range, for the page's font faces. */
export const PAGE_FONT_RANGE = PAGE_FONT_CHARACTERS.map(([first, last]) =>
  first === last ? `U+${hex(first)}` : `U+${hex(first)}-${hex(last)}`
).join(", ");

function hex(code: number): string {
  return code.toString(16).toUpperCase().padStart(4, "0");
}
