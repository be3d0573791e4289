/**
 * Tier labels sort by the first whole number they contain (T2 before T10, "Tier 4" between
 * t3 and T5); labels with the same number sort by their text; labels without a number
 * (such as "baseline") come last, alphabetically.
 */
export function compareTiers(a: string, b: string): number {
  const na = tierNumber(a);
  const nb = tierNumber(b);
  if (na !== nb) {
    if (na === undefined) return 1;
    if (nb === undefined) return -1;
    return na - nb;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

export function tierNumber(label: string): number | undefined {
  const match = /\d+/.exec(label);
  return match ? Number(match[0]) : undefined;
}

export function sortTiers(labels: Iterable<string>): string[] {
  return Array.from(new Set(labels)).sort(compareTiers);
}
