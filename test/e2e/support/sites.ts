// The sites the browser tests open, and building them when their inputs changed. Each site is
// built once into test-results/e2e/sites/NAME and rebuilt only when its runs files or the
// project's sources differ from what the last build saw (a fingerprint beside the folder).
import {createHash} from "node:crypto";
import {existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync} from "node:fs";
import {join, relative, resolve} from "node:path";
import {buildSite, ROOT} from "../../support/build-site.ts";
import {HAS_SHARED_DATA, sharedPath} from "../../support/shared-data.ts";

export const E2E_DIR = resolve(ROOT, "test-results/e2e");
export const SITES_DIR = join(E2E_DIR, "sites");
export const SCREENSHOTS_DIR = resolve(ROOT, "test-results/screenshots");

/** A model name and an experiment name that are markup: the page must show them as text. */
export const MARKUP_MODEL = "<img src=x onerror=alert(1)>";
export const MARKUP_EXPERIMENT = "<script>alert(2)</script>";

/** The sub-path every site is also served under, as on a project page of a code host. */
export const SUB_PATH = "/reports/tokens/";

export type SiteName = "sample" | "dryrun" | "markup";

export interface ServedSite {
  /** The built folder. */
  dir: string;
  /** The site's address at the root of its origin. */
  url: string;
  /** The same site under SUB_PATH, on an origin of its own. */
  subPathUrl: string;
}

declare module "vitest" {
  export interface ProvidedContext {
    sites: Partial<Record<SiteName, ServedSite>>;
  }
}

interface SiteRecipe {
  name: SiteName;
  /** Runs files to build from; an empty list (and no results) builds from data/. */
  runs: string[];
  /** Raw agent results directories to build from. */
  results?: string[];
}

/** Files whose change can change a built site. */
const SOURCES = ["src", "loaders", "scripts", "observablehq.config.ts", "package-lock.json"];

export function siteRecipes(): SiteRecipe[] {
  const recipes: SiteRecipe[] = [{name: "sample", runs: []}, {name: "markup", runs: [writeMarkupRuns()]}];
  // The dryrun site reads the raw results, which give the runs file's numbers in the main-model
  // scope and add the scope switch, the by-role view and every model's cost.
  if (HAS_SHARED_DATA) recipes.push({name: "dryrun", runs: [], results: [sharedPath("scylla-dryrun", "raw")]});
  return recipes;
}

/** Builds a site unless the folder already holds a build of the same inputs; returns its folder. */
export function ensureSite({name, runs, results = []}: SiteRecipe, log: (message: string) => void): string {
  const out = join(SITES_DIR, name);
  const stampPath = `${out}.fingerprint`;
  const fingerprint = fingerprintOf([...runs, ...results]);
  if (existsSync(join(out, "index.html")) && existsSync(stampPath) && readFileSync(stampPath, "utf8") === fingerprint) {
    log(`site ${name}: up to date in ${relative(ROOT, out)}`);
    return out;
  }

  log(`site ${name}: building into ${relative(ROOT, out)}`);
  const start = performance.now();
  const inputs = [...runs.flatMap((path) => ["--runs", path]), ...results.flatMap((dir) => ["--results", dir])];
  const {status, stderr} = buildSite([...inputs, "--out", out]);
  if (status !== 0) throw new Error(`the build of the ${name} site failed (exit code ${status}):\n${stderr}`);
  writeFileSync(stampPath, fingerprint);
  log(`site ${name}: built in ${Math.round((performance.now() - start) / 1000)} s`);
  return out;
}

// A runs file with two experiments whose model and experiment names are markup.
function writeMarkupRuns(): string {
  mkdirSync(E2E_DIR, {recursive: true});
  const path = join(E2E_DIR, "markup-runs.csv");
  const header = "experiment,agent_model,tier,subtest,run_number,input_tokens,output_tokens,cache_creation_tokens,cache_read_tokens";
  const rows = [
    `${MARKUP_EXPERIMENT},${MARKUP_MODEL},T0,00,1,1200,3400,5600,7800`,
    `${MARKUP_EXPERIMENT},${MARKUP_MODEL},T1,01,1,20,3100,9100,88000`,
    `plain,${MARKUP_MODEL},T0,00,1,1500,3000,5000,7000`,
    `plain,${MARKUP_MODEL},T1,01,1,30,2900,9900,91000`
  ];
  const text = `${header}\n${rows.join("\n")}\n`;
  if (!existsSync(path) || readFileSync(path, "utf8") !== text) writeFileSync(path, text);
  return path;
}

// Runs files and results directories (every file below them) hash by content.
function fingerprintOf(paths: string[]): string {
  const hash = createHash("sha256");
  hash.update(JSON.stringify(paths));
  const inputs = paths.length > 0 ? paths.flatMap(listFiles) : listFiles(join(ROOT, "data")).filter((path) => path.endsWith(".csv"));
  for (const path of [...inputs, ...SOURCES.flatMap((source) => listFiles(join(ROOT, source)))]) {
    hash.update(path).update("\0").update(readFileSync(path)).update("\0");
  }
  return hash.digest("hex");
}

// Every file below a path (or the path itself), sorted, leaving out Framework's cache.
function listFiles(path: string): string[] {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, {recursive: true, withFileTypes: true})
    .filter((entry) => entry.isFile() && !join(entry.parentPath, entry.name).includes(".observablehq"))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}
