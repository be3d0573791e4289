import {describe, expect, it} from "vitest";
import {tokenizeFile} from "../loaders/csv-tokenizer.ts";
import {TextCache} from "../loaders/text-cache.ts";
import {tempFile} from "./support/temp-files.ts";

describe("TextCache", () => {
  it("gives the texts of the cells, trimmed or not, while the read buffer is reused", async () => {
    const values = ["Sonnet 4.5", " Haiku 4.5 ", '"Opus, 4.5"', "modèle", "", '"say ""hi"""'];
    const lines = ["model,n"];
    for (let i = 0; i < 300_000; i++) lines.push(`${values[i % values.length]},${i}`);
    const path = tempFile("runs.csv", lines.join("\n") + "\n");

    const trimmed = new TextCache((text) => text.trim());
    const asWritten = new TextCache();
    const mismatches: string[] = [];
    let rows = 0;
    await tokenizeFile(path, (row) => {
      if (row.line === 1) return;
      rows++;
      if (trimmed.text(row, 0) !== row.text(0).trim()) mismatches.push(`trimmed, line ${row.line}`);
      if (asWritten.text(row, 0) !== row.text(0)) mismatches.push(`as written, line ${row.line}`);
    });
    expect(rows).toBe(300_000);
    expect(mismatches).toEqual([]);
  });
});
