import {readFile} from "node:fs/promises";
import {resolve} from "node:path";
import {z} from "zod";
import type {PriceRecord} from "./results/model-cost.ts";

/** The price table the build uses when it is given none. */
export const DEFAULT_PRICES_PATH = resolve(import.meta.dirname, "../data/prices.json");

/** How long a cache entry lives decides the price of writing it: 1.25× fresh input for 5 minutes, 2× for 1 hour. */
export const CACHE_WRITE_DURATIONS = ["5m", "1h"] as const;
export type CacheWriteDuration = (typeof CACHE_WRITE_DURATIONS)[number];

const price = z.number().nonnegative();

const PriceFileSchema = z.object({
  description: z.string().optional(),
  currency: z.literal("USD"),
  unit: z.literal("per million tokens"),
  as_of: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date written YYYY-MM-DD"),
  sources: z.array(z.object({title: z.string(), url: z.string(), covers: z.string().optional()})).min(1),
  cache_write_assumed: z.enum(CACHE_WRITE_DURATIONS),
  unversioned: z.record(z.string(), z.string()).default({}),
  models: z
    .array(
      z.object({
        family: z.string().regex(/^[a-z]+$/, "a lowercase word such as sonnet"),
        versions: z.array(z.string().regex(/^\d+(\.\d+)?$/, "a version such as 4.5 or 4")).min(1),
        fresh_input: price,
        cache_read: price,
        output: price,
        cache_write_5m: price,
        cache_write_1h: price
      })
    )
    .min(1),
  notes: z.array(z.string()).default([])
});

export type PriceFile = z.infer<typeof PriceFileSchema>;
export type ModelPrices = PriceFile["models"][number];

/** Dollars per million tokens of each token column, with cache writes at the assumed duration. */
export interface TokenPrices {
  input_tokens: number;
  cache_read_tokens: number;
  output_tokens: number;
  cache_creation_tokens: number;
}

/** How one agent_model of a runs file was matched to the price table. */
export interface PriceMatch {
  model: string;
  /** Family and version the name was read as, such as "sonnet" and "4.5"; null where none was found. */
  family: string | null;
  version: string | null;
  /** What the model was priced as, such as "Sonnet 4.5"; null when it is unpriced. */
  priced_as: string | null;
  prices: TokenPrices | null;
  /** Which rule decided, in a sentence for the page. */
  rule: string;
}

/** Reads and checks a price file; a problem stops the build with the file, the field and a fix. */
export async function readPriceFile(path: string = DEFAULT_PRICES_PATH): Promise<PriceFile> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, "utf8"));
  } catch (error) {
    throw new Error(`The price table ${path} could not be read: ${(error as Error).message}. Give a JSON file like data/prices.json.`);
  }
  return parsePriceFile(json, path);
}

export function parsePriceFile(json: unknown, path = "the price table"): PriceFile {
  const result = PriceFileSchema.safeParse(json);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `  ${path}: ${i.path.join(".") || "(top level)"}: ${i.message}`);
    throw new Error(`The price table has problems; fix them or start from data/prices.json:\n${problems.join("\n")}`);
  }
  const file = result.data;
  for (const [family, version] of Object.entries(file.unversioned)) {
    if (!findEntry(file, family, version)) {
      throw new Error(`${path}: unversioned ${family} names are to be priced as ${family} ${version}, but the table has no ${family} ${version}. Add it to models or fix unversioned.`);
    }
  }
  return file;
}

/**
 * Matches a model name to the price table. The rules, in order:
 * 1. The name is compared in lowercase; the family is the first family word of the table
 *    (opus, sonnet, haiku) that stands as a word of its own: "claude-haiku-4-5", "Sonnet 4.5".
 * 2. The version is the number right after the family word ("sonnet-4-5" and "Sonnet 4.5" read
 *    as 4.5, "opus-4-20250514" as 4: an eight-digit date is not a version), or else right
 *    before it ("claude-3-5-haiku" reads as 3.5). A trailing ".0" is dropped: 4.0 is 4.
 * 3. A name with a version is priced by the table's row for that family and version; a name
 *    without one by the version the table names under "unversioned" for its family.
 * 4. Anything else (no family word, a version the table lacks) is unpriced, never priced at zero.
 */
export function matchModel(model: string, file: PriceFile): PriceMatch {
  const duration = file.cache_write_assumed;
  const families = Array.from(new Set(file.models.map((m) => m.family)));
  const name = model.toLowerCase();
  const found = families
    .map((family) => ({family, at: wordIndex(name, family)}))
    .filter((f) => f.at >= 0)
    .sort((a, b) => a.at - b.at)[0];
  if (!found) {
    return {model, family: null, version: null, priced_as: null, prices: null, rule: `no family name (${families.join(", ")}) in it`};
  }

  const {family, at} = found;
  const version = versionAfter(name.slice(at + family.length)) ?? versionBefore(name.slice(0, at)) ?? null;
  const used: string | undefined = version ?? file.unversioned[family];
  const entry = used === undefined ? undefined : findEntry(file, family, used);
  const label = `${capitalize(family)} ${used ?? ""}`.trim();
  if (!entry) {
    const rule = version
      ? `read as ${label}, which the price table does not list`
      : `read as ${capitalize(family)} without a version, and the price table names no version for that`;
    return {model, family, version, priced_as: null, prices: null, rule};
  }
  const rule = version
    ? `read as ${label}`
    : `read as ${capitalize(family)} without a version, priced as ${label} (the table's choice for unversioned names)`;
  return {model, family, version, priced_as: label, prices: tokenPrices(entry, duration), rule};
}

/** A row's prices per token column, with cache creation at the given cache-write duration. */
export function tokenPrices(entry: ModelPrices, duration: CacheWriteDuration): TokenPrices {
  return {
    input_tokens: entry.fresh_input,
    cache_read_tokens: entry.cache_read,
    output_tokens: entry.output,
    cache_creation_tokens: duration === "5m" ? entry.cache_write_5m : entry.cache_write_1h
  };
}

function findEntry(file: PriceFile, family: string, version: string): ModelPrices | undefined {
  const wanted = normalizeVersion(version);
  return file.models.find((m) => m.family === family && m.versions.some((v) => normalizeVersion(v) === wanted));
}

// Index of a word in a name where it is not part of a longer word, or -1.
function wordIndex(name: string, word: string): number {
  const match = new RegExp(`(?<![a-z])${word}(?![a-z])`).exec(name);
  return match ? match.index : -1;
}

// "-4-5-20250929" → 4.5, " 4.5" → 4.5, "-4-20250514" → 4; a run of more than two digits is a date, not a version.
function versionAfter(rest: string): string | undefined {
  const match = /^[\s_-]*(\d{1,2})(?![\d])(?:[._-](\d{1,2})(?!\d))?/.exec(rest);
  return match ? normalizeVersion(match[2] ? `${match[1]}.${match[2]}` : match[1]) : undefined;
}

// "claude-3-5-" → 3.5, "claude-3-" → 3.
function versionBefore(start: string): string | undefined {
  const match = /(?<!\d)(\d{1,2})(?:[._-](\d{1,2}))?[\s_-]*$/.exec(start);
  return match ? normalizeVersion(match[2] ? `${match[1]}.${match[2]}` : match[1]) : undefined;
}

function normalizeVersion(version: string): string {
  return version.replace(/\.0+$/, "");
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/**
 * The price table as a lookup by model id, with both cache-write prices, for pricing every
 * model of raw agent results. Unpriced ids give undefined.
 */
export function priceLookup(file: PriceFile): (model: string) => PriceRecord | undefined {
  return (model) => {
    const match = matchModel(model, file);
    if (match.family === null || match.priced_as === null) return undefined;
    const version = match.version ?? file.unversioned[match.family];
    const entry = findEntry(file, match.family, version);
    if (!entry) return undefined;
    return {
      input: entry.fresh_input,
      cacheRead: entry.cache_read,
      output: entry.output,
      cacheWrite5m: entry.cache_write_5m,
      cacheWrite1h: entry.cache_write_1h
    };
  };
}
