import {defineConfig} from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/support/temp-root.ts"],
    // Build tests run the whole site build, several times in one test; a busy machine needs minutes.
    testTimeout: 600_000
  }
});
