/** A problem in a runs file that would make a number wrong. Lines and columns count from 1. */
export interface Problem {
  file: string;
  line: number;
  column: number;
  columnName?: string;
  value: string;
  message: string;
  /** What would have been accepted instead. */
  expected: string;
}

export function formatProblem({file, line, column, columnName, value, message, expected}: Problem): string {
  const where = `${file}:${line}:${column}`;
  const field = columnName ? ` (column ${columnName})` : "";
  const shown = value === "" ? "" : ` ${JSON.stringify(value)}`;
  return `${where}${field}:${shown} ${message}; expected ${expected}`;
}

/** The kinds of input file whose cells are checked: a runs file or an aggregates file. */
export type CheckedFileKind = "runs" | "aggregates";

/** Thrown when a runs or aggregates file has problems; its message lists them, one per line. */
export class RunsFileError extends Error {
  constructor(
    readonly problems: Problem[],
    readonly total: number,
    readonly kind: CheckedFileKind = "runs"
  ) {
    const more = total - problems.length;
    const lines = problems.map(formatProblem);
    if (more > 0) lines.push(`... and ${more} more problem${more > 1 ? "s" : ""} in ${problems[0].file}`);
    super(lines.join("\n"));
    this.name = "RunsFileError";
  }
}

/** Collects the problems of one file: the first few in full, the rest only counted. */
export class ProblemList {
  readonly problems: Problem[] = [];
  total = 0;

  constructor(
    readonly file: string,
    readonly max: number,
    readonly kind: CheckedFileKind = "runs"
  ) {}

  get size(): number {
    return this.total;
  }

  add(problem: Omit<Problem, "file">): void {
    this.total++;
    if (this.problems.length < this.max) this.problems.push({file: this.file, ...problem});
  }

  throwIfAny(): void {
    if (this.total > 0) throw new RunsFileError(this.problems, this.total, this.kind);
  }
}
