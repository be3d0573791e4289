import {existsSync} from "node:fs";
import {defineConfig} from "vitest/config";
import {CHROMIUM_PATH} from "./test/e2e/support/chromium.ts";

// The browser tests (npm run test:e2e): built sites opened in Chromium. They are kept out of
// `npm test`, which stays browser-free, by their file names (*.e2e.ts) and this config.
if (!existsSync(CHROMIUM_PATH)) {
  process.stderr.write(
    `error: Chromium was not found at ${CHROMIUM_PATH}, so the browser tests cannot run.\n` +
      "Install Debian's Chromium with `apt-get install -y chromium`, or set CHROMIUM_PATH to a Chromium executable.\n"
  );
  process.exit(1);
}

export default defineConfig({
  test: {
    include: ["test/e2e/**/*.e2e.ts"],
    globalSetup: ["test/e2e/global-setup.ts"],
    // One file at a time: each drives a browser and the machine has few cores.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000
  }
});
