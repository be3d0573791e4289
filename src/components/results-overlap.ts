// What the build log and the page say about runs of the results directories that the runs files
// also hold. Plain text only, so that both the build (in Node) and the page can use it.
import type {ResultsOverlap} from "../../loaders/report.ts";

function runs(n: number): string {
  return `${n.toLocaleString("en-US")} run${n === 1 ? "" : "s"}`;
}

/** Runs of the results that a runs file also gave, under the same experiment. */
export function countedOnceText({countedOnce}: ResultsOverlap): string {
  return (
    `${runs(countedOnce)} of the results ${countedOnce === 1 ? "is" : "are"} also in a runs file (same experiment, ` +
    "model, tier, subtest and run number): the means count each once, from the runs file."
  );
}

/** Runs of the results that match a runs file's runs under another experiment name. */
export function otherExperimentText({otherExperiment, otherExperiments}: ResultsOverlap): string {
  const one = otherExperiment === 1;
  return (
    `${runs(otherExperiment)} of the results ${one ? "has" : "have"} the model, tier, subtest and run number of ` +
    `a runs file's run of the experiment ${otherExperiments.join(", ")}, but another experiment name (the results ` +
    `directory's name). If ${one ? "it is the same run, it is" : "they are the same runs, they are"} counted twice: ` +
    "name the results directory after its experiment, or build from only one of the two."
  );
}
