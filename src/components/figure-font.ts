// The typeface of every figure, on the page and in the exported files, so that a figure looks
// the same on every machine whether or not the typeface is installed there. The exports embed
// its whole TrueType files; the page loads compressed files of its Latin letters only (about
// 24 kB a weight instead of 340 kB), and any other character falls back to the system's font.

export const FONT_FAMILY = "Inter";

/** What figures ask for: the embedded typeface first, then what the reader's system has. */
export const FONT_STACK = `${FONT_FAMILY}, system-ui, sans-serif`;

/** The TrueType files of the typeface, by weight, as npm package paths. */
export const FONT_FILES = {
  regular: "@expo-google-fonts/inter/400Regular/Inter_400Regular.ttf",
  bold: "@expo-google-fonts/inter/700Bold/Inter_700Bold.ttf"
} as const;

/** The page's files of the typeface: WOFF2, Latin letters only, by weight, as npm package paths. */
export const PAGE_FONT_FILES = {
  regular: "@fontsource/inter/files/inter-latin-400-normal.woff2",
  bold: "@fontsource/inter/files/inter-latin-700-normal.woff2"
} as const;

/** The characters the page's files hold, as the package's style sheet gives them. */
export const PAGE_FONT_RANGE =
  "U+0000-00FF, U+0131, U+0152-0153, U+02BB-02BC, U+02C6, U+02DA, U+02DC, U+0304, U+0308, U+0329, U+2000-206F, U+20AC, U+2122, U+2191, U+2193, U+2212, U+2215, U+FEFF, U+FFFD";
