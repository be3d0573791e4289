// Runs once around the unit tests: every temporary folder they make, and those of the builds
// they start, goes under one folder of this run, which is removed at the end.
import {mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";

export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), "token-report-tests-"));
  process.env.TMPDIR = root;
  return () => rmSync(root, {recursive: true, force: true});
}
