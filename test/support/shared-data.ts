import {existsSync} from "node:fs";
import {resolve} from "node:path";

/** The real runs data beside the project (../shared/data), which some tests compare against. */
export const SHARED_DATA = resolve(import.meta.dirname, "../../../shared/data");
export const HAS_SHARED_DATA = existsSync(SHARED_DATA);

if (!HAS_SHARED_DATA) {
  process.stderr.write(`skipping the tests on real data: ${SHARED_DATA} does not exist\n`);
}

export const DATASETS = ["scylla-dryrun", "scylla-haiku-2026-02"] as const;

export function sharedPath(...parts: string[]): string {
  return resolve(SHARED_DATA, ...parts);
}
