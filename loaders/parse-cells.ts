// Readers of single cells of a runs file. Each takes the cell's text as written and returns its
// value, null for an empty cell (a missing value), or a Mistake that says what is wrong. They
// never see the row or the file, so any tokenizer can call them.

/** Why a cell cannot be read, and what would have been accepted instead. */
export interface Mistake {
  message: string;
  expected: string;
}

export function isMistake(value: unknown): value is Mistake {
  return typeof value === "object" && value !== null;
}

const WHOLE = /^\d+$/;
// Digits, an optional fraction and an optional exponent: 12, 12.0, 1e5, 1.5E3.
const DECIMAL = /^(\d+)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

export const TOKEN_COUNT_EXPECTED = "a whole number of tokens such as 1234 (or 1234.0, 1e5), or an empty cell";
export const PASSED_EXPECTED = "True or False (also true/false, 1/0), or an empty cell";
export const COST_EXPECTED = "a non-negative amount in US dollars such as 0.1351, or an empty cell";

/**
 * A token count: a non-negative whole number below 2^53, possibly written as 12.0 or 1e5, with
 * spaces around it allowed. An empty cell is a missing value (null), not zero.
 */
export function parseTokenCount(text: string): number | null | Mistake {
  const value = isPlain(text) ? text : text.trim();
  if (value === "") return null;
  if (WHOLE.test(value)) {
    const number = Number(value);
    return number <= Number.MAX_SAFE_INTEGER ? number : tokenMistake("is above 2^53 - 1, too large to count exactly");
  }
  return parseWholeDecimal(value);
}

// The slow path of parseTokenCount: decimals and exponents that may still be whole numbers.
function parseWholeDecimal(value: string): number | Mistake {
  const match = DECIMAL.exec(value);
  if (match === null) return tokenMistake(notANumber(value));
  if (!isWholeDecimal(match[1], match[2] ?? "", Number(match[3] ?? 0))) return tokenMistake("is not a whole number");
  const number = Number(value);
  return Number.isSafeInteger(number) ? number : tokenMistake("is above 2^53 - 1, too large to count exactly");
}

/**
 * Whether digits INTEGER.FRACTION × 10^EXPONENT is a whole number, decided on the digits so that
 * 12.000000000000000001 (which a double rounds to 12) is not taken for 12.
 */
export function isWholeDecimal(integer: string, fraction: string, exponent: number): boolean {
  const digits = (integer + fraction).replace(/^0+/, "");
  if (digits === "") return true;
  const significant = digits.replace(/0+$/, "");
  const trailingZeros = digits.length - significant.length;
  return exponent - fraction.length + trailingZeros >= 0;
}

function notANumber(value: string): string {
  if (/^-\s*[\d.]/.test(value)) return "is negative";
  if (/^\d{1,3}(,\d{3})+(\.\d*)?$/.test(value)) return "has a thousands separator";
  return "is not a number";
}

function tokenMistake(message: string): Mistake {
  return {message, expected: TOKEN_COUNT_EXPECTED};
}

/** A passed flag: True/False, true/false or 1/0 (any case); empty is unknown (null). */
export function parsePassed(text: string): boolean | null | Mistake {
  const value = text.trim().toLowerCase();
  if (value === "") return null;
  if (value === "true" || value === "1") return true;
  if (value === "false" || value === "0") return false;
  return {message: "is not a boolean", expected: PASSED_EXPECTED};
}

/** A cost in US dollars: a non-negative decimal number; empty is unknown (null). */
export function parseCost(text: string): number | null | Mistake {
  const value = text.trim();
  if (value === "") return null;
  const number = DECIMAL.test(value) ? Number(value) : NaN;
  if (Number.isFinite(number)) return number;
  return {message: "is not a cost", expected: COST_EXPECTED};
}

/** A text cell as the report keeps it: without surrounding spaces. */
export function parseText(text: string): string {
  return isPlain(text) ? text : text.trim();
}

/** Whether a cell has a value: anything but spaces. */
export function isBlank(text: string): boolean {
  return text === "" || (isSpace(text.charCodeAt(0)) && text.trim() === "");
}

// Most cells have no space at either end; skip trim() and its copy for them.
function isPlain(text: string): boolean {
  return text === "" || (!isSpace(text.charCodeAt(0)) && !isSpace(text.charCodeAt(text.length - 1)));
}

function isSpace(code: number): boolean {
  return code <= 32 || code === 0xa0 || code === 0xfeff;
}
