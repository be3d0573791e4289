// Problems found in raw agent result files, each tied to the file and, where the JSON allows,
// to a line and column.

export interface ResultProblem {
  file: string;
  /** Where the problem is; null when it concerns the file as a whole. */
  where: TextPosition | null;
  message: string;
}

/** A line and column (both from 1) in the file, or in the JSON text of its stdout field. */
export interface TextPosition {
  line: number;
  column: number;
  inStdout: boolean;
}

/** "path:line:column: message", or "path: stdout text line:column: message" inside the stdout field. */
export function formatResultProblem({file, where, message}: ResultProblem): string {
  if (where === null) return `${file}: ${message}`;
  const at = `${where.line}:${where.column}`;
  return where.inStdout ? `${file}: stdout text ${at}: ${message}` : `${file}:${at}: ${message}`;
}

/** Thrown when result files cannot be read; its message lists each with its path. */
export class ResultFileError extends Error {
  constructor(readonly problems: ResultProblem[]) {
    const many = problems.length > 1;
    const advice =
      `${problems.length} result file${many ? "s" : ""} could not be read. Fix ${many ? "them" : "it"}, or run again ` +
      `with --skip-bad-results to leave ${many ? "them" : "it"} out (each is listed, and a built page says how many were left out).`;
    super([...problems.map(formatResultProblem), advice].join("\n"));
    this.name = "ResultFileError";
  }
}

/** Line and column (both from 1) of a character offset in a text. */
export function lineAndColumn(text: string, offset: number): {line: number; column: number} {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) {
    line++;
    start = i + 1;
  }
  return {line, column: offset - start + 1};
}
