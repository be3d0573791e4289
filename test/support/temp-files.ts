import {mkdtempSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";

/** Writes text to a new file in a fresh temporary folder and returns its path. */
export function tempFile(name: string, text: string | Buffer): string {
  const path = join(mkdtempSync(join(tmpdir(), "token-report-")), name);
  writeFileSync(path, text);
  return path;
}
