// The first check of every input the commands read: that its path exists and is a file or a
// folder as the input needs, with a message that names the option that gave it.
import {access, stat} from "node:fs/promises";

const INPUTS = {
  runs: {kind: "runs file", option: "--runs", folder: false, instead: "the path of a .csv or .json file in it"},
  aggregates: {kind: "aggregates file", option: "--aggregates", folder: false, instead: "the path of a .csv file in it"},
  results: {
    kind: "results directory",
    option: "--results",
    folder: true,
    instead: "the folder that holds <tier>/<subtest>/run_<NN>/agent/result.json"
  }
} as const;

/** Stops with a plain message when an input is missing, unreadable, or a file where a folder is needed or the reverse. */
export async function checkInputPath(path: string, name: string, input: keyof typeof INPUTS): Promise<void> {
  const {kind, option, folder, instead} = INPUTS[input];
  try {
    await access(path);
  } catch {
    throw new Error(`Cannot read the ${kind} ${name}: it does not exist or is not readable. Check the path given to ${option}.`);
  }
  if ((await stat(path)).isDirectory() !== folder) {
    throw new Error(`Cannot read the ${kind} ${name}: it is a ${folder ? "file" : "folder"}. Give ${option} ${instead}.`);
  }
}
