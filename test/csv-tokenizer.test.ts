import {parse} from "csv-parse/sync";
import {describe, expect, it} from "vitest";
import {CsvSyntaxError, CsvTokenizer, tokenizeFile, type CsvRow} from "../loaders/csv-tokenizer.ts";
import {tempFile} from "./support/temp-files.ts";

interface Row {
  line: number;
  fields: string[];
}

/** Tokenizes text pushed in chunks of the given size (the whole text at once by default). */
function tokenize(text: string | Buffer, chunkSize = Infinity): Row[] {
  const rows: Row[] = [];
  const tokenizer = new CsvTokenizer((row) => {
    rows.push({line: row.line, fields: row.texts()});
  });
  const bytes = Buffer.isBuffer(text) ? text : Buffer.from(text);
  for (let i = 0; i < bytes.length; i += Math.min(chunkSize, bytes.length)) {
    tokenizer.push(bytes.subarray(i, i + chunkSize));
  }
  tokenizer.end();
  return rows;
}

function syntaxError(text: string): CsvSyntaxError {
  try {
    tokenize(text);
  } catch (error) {
    if (error instanceof CsvSyntaxError) return error;
    throw error;
  }
  throw new Error(`no syntax error in ${JSON.stringify(text)}`);
}

// Texts whose rows and line numbers must come out the same as csv-parse reads them.
const CASES: Record<string, string> = {
  "plain rows": "a,b,c\n1,2,3\n4,5,6\n",
  "no line break at the end": "a,b\n1,2",
  "CRLF line breaks": "a,b\r\n1,2\r\n3,4\r\n",
  "CRLF and no line break at the end": "a,b\r\n1,2",
  "empty fields": "a,b,c\n,,\n1,,3\n,2,\n",
  "a comma inside quotes": 'a,b\n"x,y",2\n',
  "doubled quotes inside quotes": 'a,b\n"say ""hi""",2\n""""\n',
  "line breaks inside quotes": 'a,b\n"one\ntwo",2\n3,"x\n\ny"\n5,6\n',
  "empty quoted fields": 'a,b\n"",""\n',
  "a quoted field last in a CRLF row": 'a,b\r\n1,"2"\r\n3,4\r\n',
  "empty lines between rows": "a,b\n\n1,2\n\n\n3,4\n",
  "empty lines between CRLF rows": "a,b\r\n\r\n1,2\r\n\r\n3,4\r\n",
  "empty lines at the end": "a,b\n1,2\n\n\n",
  "a byte order mark": "\ufeffa,b\n1,2\n",
  "non-ASCII text": "model,tier\nmodèle — ü,T1\n\"日本, 語\",T2\n",
  "rows of different lengths": "a,b,c\n1,2\n1,2,3,4\n",
  "a single column": "a\n1\n\n2\n",
  "spaces around fields": "a, b\n 1 ,2 \n"
};

describe("CsvTokenizer", () => {
  for (const [name, text] of Object.entries(CASES)) {
    it(`reads ${name} as csv-parse does, in one chunk and byte by byte`, () => {
      const expected = (parse(text, {bom: true, relax_column_count: true, skip_empty_lines: true, info: true}) as unknown as {record: string[]; info: {lines: number}}[]).map(
        ({record, info}) => ({line: info.lines - record.join("").split("\n").length + 1, fields: record})
      );
      expect(tokenize(text)).toEqual(expected);
      expect(tokenize(text, 1)).toEqual(expected);
      expect(tokenize(text, 3)).toEqual(expected);
    });
  }

  it("numbers rows by the line they start on, counting line breaks inside quotes", () => {
    const text = 'h1,h2\n\n"a\nb\nc",1\n\r\nx,"y\r\n"\nlast,2';
    expect(tokenize(text).map((r) => r.line)).toEqual([1, 3, 7, 9]);
    expect(tokenize(text, 2).map((r) => r.fields)).toEqual([["h1", "h2"], ["a\nb\nc", "1"], ["x", "y\r\n"], ["last", "2"]]);
  });

  it("counts a CRLF inside quotes as one line break (csv-parse counts two)", () => {
    expect(tokenize('a,b\r\n"one\r\ntwo",2\r\n5,6\r\n')).toEqual([
      {line: 1, fields: ["a", "b"]},
      {line: 2, fields: ["one\r\ntwo", "2"]},
      {line: 4, fields: ["5", "6"]}
    ]);
  });

  it("counts a lone CR inside quotes as a line break", () => {
    expect(tokenize('a\n"x\ry"\nz\n').map((r) => r.line)).toEqual([1, 2, 4]);
  });

  it("keeps an empty last field after a trailing comma", () => {
    expect(tokenize("a,b,\n1,2,\r\n").map((r) => r.fields)).toEqual([["a", "b", ""], ["1", "2", ""]]);
  });

  it("reads a row with more fields than its buffers first hold", () => {
    const wide = Array.from({length: 200}, (_, i) => `c${i}`).join(",");
    expect(tokenize(`${wide}\n`)[0].fields).toHaveLength(200);
  });

  it("skips a byte order mark split across chunks", () => {
    expect(tokenize(Buffer.from("\ufeffa\n1\n"), 1).map((r) => r.fields)).toEqual([["a"], ["1"]]);
  });

  it("reports a quote that is never closed, at the line of its row", () => {
    const error = syntaxError('a,b\n1,2\n3,"open\n4,5\n');
    expect(error.message).toMatch(/not closed/);
    expect([error.line, error.column]).toEqual([3, 2]);
  });

  it("reports text after a closing quote with its line and field", () => {
    const error = syntaxError('a,b\n1,2\n"x"y,3\n');
    expect(error.message).toMatch(/closing quote/);
    expect([error.line, error.column]).toEqual([3, 1]);
  });

  it("reports a quote inside an unquoted field with its line and field", () => {
    const error = syntaxError('a,b,c\n1,2,3\n\n4,5 "inch",6\n');
    expect(error.message).toMatch(/holds a quote/);
    expect([error.line, error.column]).toEqual([4, 2]);
  });

  it("reports lines after a quoted field with line breaks correctly", () => {
    const error = syntaxError('a,b\n"x\ny\nz",1\n2,x"\n');
    expect([error.line, error.column]).toEqual([5, 2]);
  });
});

describe("CsvRow", () => {
  function cells(text: string): CsvRow {
    let kept: CsvRow | undefined;
    const tokenizer = new CsvTokenizer((row) => {
      kept = row;
    });
    tokenizer.push(Buffer.from(`${text}\n`));
    tokenizer.end();
    return kept!;
  }

  it("digits() reads plain whole numbers and gives -1 for anything else", () => {
    const row = cells('0,42,123456789012345,1234567890123456,,12.0,1e5, 7,-3,abc,"99"');
    expect(Array.from({length: row.length}, (_, i) => row.digits(i))).toEqual([0, 42, 123456789012345, -1, -1, -1, -1, -1, -1, -1, 99]);
  });

  it("decimal() gives the same double as Number() and -1 for anything else", () => {
    const texts = ["0.1351093", "0.00713485", "12", "3.", "0.1", "0.3", "123456.789012345", "1e5", ".5", "1.2.3", "", "-1.5", "."];
    const row = cells(texts.join(","));
    const expected = texts.map((t) => (/^\d+(\.\d*)?$/.test(t) && t.replace(".", "").length <= 15 ? Number(t) : -1));
    expect(Array.from({length: row.length}, (_, i) => row.decimal(i))).toEqual(expected);
    expect(expected.filter((v) => v !== -1)).toHaveLength(7);
  });

  it("isBlank() is true for empty fields and fields of spaces and tabs only", () => {
    const row = cells(' ,,\t, x ,0,""');
    expect(Array.from({length: row.length}, (_, i) => row.isBlank(i))).toEqual([true, true, true, false, false, true]);
  });
});

describe("tokenizeFile", () => {
  it("reads a file of several megabytes with rows across read boundaries, as csv-parse does", async () => {
    const lines = ["id,text,n"];
    for (let i = 0; i < 60_000; i++) {
      lines.push(i % 7 === 0 ? `${i},"quoted, with ""quotes""\nand a line break",${i * 3}` : `${i},plain text ${"x".repeat(i % 50)},${i * 3}`);
    }
    const text = lines.join("\r\n") + "\r\n";
    const path = tempFile("big.csv", text);
    expect(text.length).toBeGreaterThan(2 * (1 << 20));

    const rows: Row[] = [];
    await tokenizeFile(path, (row) => {
      rows.push({line: row.line, fields: row.texts()});
    });
    const expected = parse(text, {}) as string[][];
    expect(rows.map((r) => r.fields)).toEqual(expected);
    const last = rows[rows.length - 1];
    expect(last.line).toBe(60_001 + Math.ceil(60_000 / 7));
  });

  it("reads a row longer than its read buffer", async () => {
    const long = "y".repeat(3 * (1 << 20));
    const path = tempFile("long.csv", `a,b\n1,"${long}"\n2,3\n`);
    const rows: Row[] = [];
    await tokenizeFile(path, (row) => {
      rows.push({line: row.line, fields: row.texts()});
    });
    expect(rows.map((r) => r.fields[1].length)).toEqual([1, long.length, 1]);
    expect(rows.map((r) => r.line)).toEqual([1, 2, 3]);
  });

  it("reads long rows wherever reads end: longer than the room kept before a read, and than a read", async () => {
    // About 17 MB, read 4 MB at a time: rows of 100 kB to 5 MB fall across the ends of reads.
    const lines = ["id,text"];
    let size = 0;
    for (let i = 0; size < 17 * (1 << 20); i++) {
      const length = i % 97 === 0 ? [100_000, 300_000, 5_000_000][(i / 97) % 3] : 20 + (i % 40);
      const line = `${i},"${"z".repeat(length - 1)}\n"`;
      lines.push(line);
      size += line.length + 1;
    }
    const text = lines.join("\n") + "\n";
    const path = tempFile("long-rows.csv", text);
    const rows: string[][] = [];
    await tokenizeFile(path, (row) => {
      rows.push(row.texts());
    });
    expect(rows.length).toBe(lines.length);
    expect(rows).toEqual(parse(text, {}) as string[][]);
  });
});

describe("tokenizeFile maxRowBytes", () => {
  it("stops at a row longer than maxRowBytes, naming its line", async () => {
    // Longer than the buffer the first reads fill, so that the row is still open when it is refilled.
    const path = tempFile("runs.csv", `a,b\n1,2\n${"x".repeat(12 * (1 << 20))}\n`);
    const error = await tokenizeFile(path, () => {}, {maxRowBytes: 1 << 20}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CsvSyntaxError);
    expect([(error as CsvSyntaxError).line, (error as CsvSyntaxError).message]).toEqual([3, "a row is longer than 1048576 bytes"]);
  });
});
