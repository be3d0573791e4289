// Names of Claude models as they appear in raw agent results ("claude-sonnet-4-5-20250929")
// and as runs files write them ("Sonnet 4.5").

/** Model families from the smallest to the largest; the index is the family's rank. */
export const FAMILIES = ["haiku", "sonnet", "opus"] as const;

export type Family = (typeof FAMILIES)[number];

// claude-sonnet-4-5-20250929, claude-opus-4-1, claude-haiku-4-5-20251001 (family first)
const FAMILY_FIRST = /^claude-(haiku|sonnet|opus)-(\d+)(?:-(\d{1,2}))?(?:-\d{8})?$/i;
// claude-3-5-sonnet-20241022, claude-3-haiku-20240307 (version first)
const VERSION_FIRST = /^claude-(\d+)(?:-(\d{1,2}))?-(haiku|sonnet|opus)(?:-\d{8})?$/i;

interface ModelName {
  family: Family;
  version: string;
}

function parseModelId(id: string): ModelName | null {
  const a = FAMILY_FIRST.exec(id);
  if (a) return {family: a[1].toLowerCase() as Family, version: a[3] ? `${a[2]}.${a[3]}` : a[2]};
  const b = VERSION_FIRST.exec(id);
  if (b) return {family: b[3].toLowerCase() as Family, version: b[2] ? `${b[1]}.${b[2]}` : b[1]};
  return null;
}

/** The family of a Claude model id, or null for any other name. */
export function modelFamily(id: string): Family | null {
  return parseModelId(id)?.family ?? null;
}

/**
 * The name a runs file gives a model: "claude-sonnet-4-5-20250929" becomes "Sonnet 4.5" and
 * "claude-3-5-haiku-20241022" becomes "Haiku 3.5" (family, then version; the date is dropped).
 * Names that are not Claude model ids are kept as they are.
 */
export function displayModelName(id: string): string {
  const name = parseModelId(id);
  if (name === null) return id;
  return `${name.family[0].toUpperCase()}${name.family.slice(1)} ${name.version}`;
}

/** Rank of a family by size (haiku 0, sonnet 1, opus 2), or null when the family is unknown. */
export function familyRank(id: string): number | null {
  const family = modelFamily(id);
  return family === null ? null : FAMILIES.indexOf(family);
}
