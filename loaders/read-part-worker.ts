// A worker thread of read-runs-parallel.ts: reads each part of a runs file the main thread sends
// into an accumulator of its own and answers with what it collected, until it is stopped.
import {parentPort, workerData} from "node:worker_threads";
import {readPart, type PartSetup, type PartTask} from "./read-runs-parallel.ts";

const setup = workerData as PartSetup;
parentPort!.on("message", async (task: PartTask) => {
  parentPort!.postMessage({index: task.index, result: await readPart(setup, task)});
});
