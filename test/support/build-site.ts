import {spawnSync} from "node:child_process";
import {readFileSync, readdirSync} from "node:fs";
import {join, resolve} from "node:path";
import {withFigureTables} from "../../src/components/figure-tables.ts";

export const ROOT = resolve(import.meta.dirname, "../..");

/** Runs the build script as a user would (npm run build -- ARGS) and returns its exit and output. */
export function buildSite(args: string[]): {status: number | null; stderr: string; stdout: string} {
  const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/build.ts", ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: {...process.env, FORCE_COLOR: "0"}
  });
  return {status: result.status, stderr: result.stderr, stdout: result.stdout};
}

/** The report that the built page loads, with the long tables it folds again, as the page has it. */
export function builtReport(out: string): any {
  const dir = join(out, "_file", "data");
  const name = readdirSync(dir).find((f) => /^report\.[0-9a-f]+\.json$/.test(f));
  if (!name) throw new Error(`no report JSON in ${dir}`);
  return withFigureTables(JSON.parse(readFileSync(join(dir, name), "utf8")));
}

/** Every file below a folder with its contents, to compare two trees byte for byte. */
export function snapshotTree(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const entry of readdirSync(dir, {recursive: true, withFileTypes: true})) {
    if (entry.isFile()) {
      const path = join(entry.parentPath, entry.name);
      files.set(path.slice(dir.length), readFileSync(path));
    }
  }
  return files;
}
