// The entry of the worker threads of read-runs-parallel.ts. A worker does not inherit the
// TypeScript loader of the thread that starts it, so it registers one before loading the worker.
import {register} from "tsx/esm/api";

register();
await import("./read-part-worker.ts");
