// The script the worker threads of read-runs-parallel.ts start from: read-part-worker.ts and what
// it imports, bundled into one module by esbuild. A worker started from plain JavaScript starts in
// a fraction of the time that compiling the TypeScript sources one by one takes.
//
// The bundle is kept in node_modules/.cache/token-report/ beside a list of its inputs and a hash
// of their contents. The next process that reads a large file hashes the inputs again (a few
// milliseconds) and starts its workers from the kept file when nothing changed, without starting
// esbuild, which on a machine whose cores are busy reading would delay the workers by a few
// tenths of a second. When the folder cannot be written, the bundle is made in memory each time.
import {createHash} from "node:crypto";
import {existsSync, readFileSync} from "node:fs";
import {mkdir, readdir, readFile, rename, rm, writeFile} from "node:fs/promises";
import {dirname, join, relative, resolve} from "node:path";
import {fileURLToPath, pathToFileURL} from "node:url";

const ENTRY = "loaders/read-part-worker.ts";

// The project's folder: the nearest one above this module that holds the worker's entry. This
// module may itself be part of a bundle (a worker's, or one a benchmark runs), kept elsewhere.
function root(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    if (existsSync(join(dir, ENTRY))) return dir;
    if (dirname(dir) === dir) throw new Error(`no folder above ${fileURLToPath(import.meta.url)} holds ${ENTRY}`);
  }
}

/** What is kept beside the bundle: the files it was made from, relative to the project, and their hash. */
interface Manifest {
  inputs: string[];
  hash: string;
}

let script: Promise<URL> | undefined;

/** The worker's script, bundled the first time it is asked for (in this process, or kept from an earlier one). */
export function workerScript(): Promise<URL> {
  // A failure, even to find the project folder, rejects: the caller then reads without workers.
  return (script ??= Promise.resolve().then(() => keptOrBundled(join(root(), "node_modules/.cache/token-report"))));
}

/** The bundle kept in the folder cache when its inputs have not changed since, else a new one kept there. */
export function keptOrBundled(cache: string): Promise<URL> {
  const url = kept(cache);
  return url ? Promise.resolve(url) : bundle(cache);
}

// The kept bundle when its inputs are as they were when it was made. Read synchronously: it is a
// few small files, and the caller's thread may be about to read a large one, during which an
// asynchronous read would wait for each of its turns.
function kept(cache: string): URL | undefined {
  try {
    const manifest = JSON.parse(readFileSync(join(cache, "read-part-worker.json"), "utf8")) as Manifest;
    if (hashOf(manifest.inputs) !== manifest.hash) return undefined;
    const path = join(cache, `read-part-worker-${manifest.hash}.mjs`);
    return existsSync(path) ? pathToFileURL(path) : undefined;
  } catch {
    return undefined;
  }
}

async function bundle(cache: string): Promise<URL> {
  const {build} = await import("esbuild");
  const project = root();
  const {outputFiles, metafile} = await build({
    entryPoints: [join(project, ENTRY)],
    absWorkingDir: project,
    bundle: true,
    platform: "node",
    format: "esm",
    // A worker never bundles a worker.
    external: ["esbuild"],
    metafile: true,
    write: false,
    logLevel: "silent"
  });
  const code = outputFiles[0].text;
  const inputs = Object.keys(metafile.inputs).map((input) => relative(project, resolve(project, input))).sort();
  try {
    const hash = hashOf(inputs);
    const path = join(cache, `read-part-worker-${hash}.mjs`);
    await mkdir(cache, {recursive: true});
    // Written under another name, then renamed: a process that reads the cache at the same time
    // finds the whole file or none.
    await writeAtomically(path, code);
    await writeAtomically(join(cache, "read-part-worker.json"), JSON.stringify({inputs, hash} satisfies Manifest));
    // Bundles of earlier sources are not needed again.
    for (const name of await readdir(cache)) {
      if (/^read-part-worker-[0-9a-f]+\.mjs$/.test(name) && join(cache, name) !== path) await rm(join(cache, name), {force: true});
    }
    return pathToFileURL(path);
  } catch {
    return new URL(`data:text/javascript,${encodeURIComponent(code)}`);
  }
}

// One hash of the names and contents of the files, in the order given.
function hashOf(inputs: string[]): string {
  const project = root();
  const hash = createHash("sha256");
  for (const input of inputs) {
    const content = readFileSync(join(project, input));
    hash.update(`${input}\u0000${content.length}\u0000`).update(content);
  }
  return hash.digest("hex").slice(0, 16);
}

async function writeAtomically(path: string, text: string): Promise<void> {
  const temporary = join(dirname(path), `.${process.pid}-${Math.random().toString(36).slice(2)}.tmp`);
  await writeFile(temporary, text);
  await rename(temporary, path);
}
