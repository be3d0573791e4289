import type {ProblemList} from "./problems.ts";

interface Cell {
  line: number;
  column: number;
  columnName: string;
  value: string;
}

const WHOLE = /^\d+$/;
const DECIMAL = /^\d+(\.\d*)?([eE][+-]?\d+)?$/;

/**
 * A token count: a non-negative whole number, possibly written as 12.0 or 1e5, with spaces
 * around it allowed. An empty cell is a missing value (null), not zero.
 */
export function parseTokenCount(text: string, cell: Cell, problems: ProblemList): number | null {
  const value = text.trim();
  if (value === "") return null;
  const number = WHOLE.test(value) || DECIMAL.test(value) ? Number(value) : NaN;
  if (Number.isSafeInteger(number)) return number;
  problems.add({...cell, message: tokenCountMistake(value, number), expected: "a whole number of tokens such as 1234, or an empty cell"});
  return null;
}

function tokenCountMistake(value: string, number: number): string {
  if (/^-/.test(value)) return "is negative";
  if (/^\d{1,3}(,\d{3})+$/.test(value)) return "has a thousands separator";
  if (Number.isFinite(number) && !Number.isInteger(number)) return "is not a whole number";
  if (Number.isInteger(number)) return "is larger than 2^53, too large to count exactly";
  return "is not a number";
}

/** A passed flag: True/False, true/false or 1/0 (any case); empty is unknown (null). */
export function parsePassed(text: string, cell: Cell, problems: ProblemList): boolean | null {
  const value = text.trim().toLowerCase();
  if (value === "") return null;
  if (value === "true" || value === "1") return true;
  if (value === "false" || value === "0") return false;
  problems.add({...cell, message: "is not a boolean", expected: "True or False (also true/false, 1/0), or an empty cell"});
  return null;
}

/** A cost in US dollars: a non-negative decimal number; empty is unknown (null). */
export function parseCost(text: string, cell: Cell, problems: ProblemList): number | null {
  const value = text.trim();
  if (value === "") return null;
  const number = DECIMAL.test(value) ? Number(value) : NaN;
  if (Number.isFinite(number)) return number;
  problems.add({...cell, message: "is not a cost", expected: "a non-negative amount in US dollars such as 0.1351, or an empty cell"});
  return null;
}
