// The typeface of every figure, on the page and in the exported files. It ships in an npm
// package as TrueType files, which the page loads and the exports embed, so that a figure
// looks the same on every machine whether or not the typeface is installed there.

export const FONT_FAMILY = "Inter";

/** What figures ask for: the embedded typeface first, then what the reader's system has. */
export const FONT_STACK = `${FONT_FAMILY}, system-ui, sans-serif`;

/** The TrueType files of the typeface, by weight, as npm package paths. */
export const FONT_FILES = {
  regular: "@expo-google-fonts/inter/400Regular/Inter_400Regular.ttf",
  bold: "@expo-google-fonts/inter/700Bold/Inter_700Bold.ttf"
} as const;
