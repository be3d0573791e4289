// The worker threads' script is bundled once and kept; it is made again when its sources change,
// and made in memory when it cannot be kept.
import {mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {fileURLToPath} from "node:url";
import {Worker} from "node:worker_threads";
import {describe, expect, it} from "vitest";
import {keptOrBundled} from "../loaders/worker-bundle.ts";
import {writeSyntheticRuns} from "../bench/synthetic-runs.ts";
import type {PartResult, PartSetup} from "../loaders/read-runs-parallel.ts";
import {tempFile} from "./support/temp-files.ts";

describe("the worker threads' script", () => {
  it("is bundled into the cache folder once, then taken from it", async () => {
    const cache = join(mkdtempSync(join(tmpdir(), "token-report-cache-")), "cache");
    const first = await keptOrBundled(cache);
    expect(first.protocol).toBe("file:");
    const manifest = JSON.parse(readFileSync(join(cache, "read-part-worker.json"), "utf8"));
    expect(manifest.inputs).toContain("loaders/plain-row-scanner.ts");
    expect(readdirSync(cache).sort()).toEqual([`read-part-worker-${manifest.hash}.mjs`, "read-part-worker.json"]);

    const written = statSync(fileURLToPath(first)).mtimeMs;
    const second = await keptOrBundled(cache);
    expect(second.href).toBe(first.href);
    expect(statSync(fileURLToPath(second)).mtimeMs).toBe(written);
  });

  it("is bundled again when the hash of its sources is not the one kept", async () => {
    const cache = join(mkdtempSync(join(tmpdir(), "token-report-cache-")), "cache");
    await keptOrBundled(cache);
    const path = join(cache, "read-part-worker.json");
    const manifest = JSON.parse(readFileSync(path, "utf8"));
    // As if a source had changed since: the kept hash is another.
    writeFileSync(path, JSON.stringify({...manifest, hash: "0000000000000000"}));
    writeFileSync(join(cache, "read-part-worker-0000000000000000.mjs"), "throw new Error('stale')");
    const url = await keptOrBundled(cache);
    expect(url.href).toContain(manifest.hash);
    expect(JSON.parse(readFileSync(path, "utf8")).hash).toBe(manifest.hash);
    // The stale bundle is removed.
    expect(readdirSync(cache).filter((name) => name.endsWith(".mjs"))).toEqual([`read-part-worker-${manifest.hash}.mjs`]);
  });

  it("is made in memory when the cache folder cannot be made", async () => {
    const file = tempFile("not-a-folder", "");
    const url = await keptOrBundled(join(file, "cache"));
    expect(url.protocol).toBe("data:");
  });

  it("starts a worker that reads a part of a runs file", async () => {
    const cache = join(mkdtempSync(join(tmpdir(), "token-report-cache-")), "cache");
    const path = tempFile("runs.csv", "");
    writeSyntheticRuns(path, {rows: 1000});
    const text = readFileSync(path, "utf8");
    const headerEnd = text.indexOf("\n") + 1;
    const setup: PartSetup = {path, header: text.slice(0, headerEnd - 1).split(","), maxRecordSize: 1 << 20, accumulate: {}};
    const worker = new Worker(await keptOrBundled(cache), {workerData: setup});
    try {
      const answer = new Promise<{index: number; result: PartResult}>((resolve, reject) => {
        worker.once("message", resolve);
        worker.once("error", reject);
      });
      worker.postMessage({index: 3, start: headerEnd, end: text.length});
      const {index, result} = await answer;
      expect(index).toBe(3);
      expect(result.ok && result.stats.rows).toBe(1000);
    } finally {
      await worker.terminate();
    }
  });
});
