// Reads one raw agent result: the JSON that Claude Code prints with `--output-format json`,
// either bare or wrapped by the harness as the string field `stdout` of another object.
import {
  findNodeAtLocation,
  parse as parseTolerant,
  parseTree,
  printParseErrorCode,
  type ParseError
} from "jsonc-parser";
import {z} from "zod";
import {findMainModel, roleOf, type Role, type TokenCounts} from "./model-roles.ts";
import {lineAndColumn, type ResultProblem} from "./result-problems.ts";

/** The tokens one model used in one run, in one role. */
export interface ModelUse {
  /** The model id as the result names it, such as claude-haiku-4-5-20251001. */
  model: string;
  role: Role;
  /** Fresh input, cached input, output and cache creation, in TOKEN_TYPES order. */
  tokens: TokenCounts;
  /** Part of the cache creation tokens written with a one-hour lifetime; the rest lived five minutes. */
  cacheWrite1h: number;
  /**
   * The cost the result recorded for this model, in US dollars. Null for the housekeeping
   * share split off the main model's entry: its cost stays in the main model's recorded cost.
   */
  costUSD: number | null;
}

/** One agent run read from a result file. */
export interface AgentResult {
  file: string;
  /** The model id of the main model and how it was found (see model-roles.ts). */
  mainModel: string;
  mainModelRule: "equal" | "contains" | "command line";
  uses: ModelUse[];
  /** The run's whole recorded cost in US dollars (`total_cost_usd`). */
  totalCostUSD: number;
  /** The agent process's exit code when the harness recorded it. */
  exitCode: number | null;
}

const Count = z.number().int().nonnegative();

const Usage = z.object({
  input_tokens: Count,
  cache_creation_input_tokens: Count,
  cache_read_input_tokens: Count,
  output_tokens: Count,
  cache_creation: z.object({ephemeral_5m_input_tokens: Count, ephemeral_1h_input_tokens: Count}).optional()
});

const ModelEntry = z.object({
  inputTokens: Count,
  outputTokens: Count,
  cacheReadInputTokens: Count,
  cacheCreationInputTokens: Count,
  costUSD: z.number().nonnegative()
});

const AgentOutput = z.object({
  usage: Usage,
  modelUsage: z.record(z.string(), ModelEntry),
  total_cost_usd: z.number().nonnegative()
});

const HarnessWrapper = z.object({
  stdout: z.string(),
  stderr: z.string().optional(),
  exit_code: z.number().int().nullable().optional()
});

type Outcome = {result: AgentResult} | {problem: ResultProblem};

/** Reads the text of one result file; returns the run, or a problem naming where it is. */
export function readResult(file: string, text: string): Outcome {
  const outer = parseJson(file, text, false);
  if ("problem" in outer) return outer;

  // The harness wraps the agent's output; a bare output is accepted too.
  const wrapped = isObject(outer.value) && "stdout" in outer.value;
  let output: unknown = outer.value;
  let outputText = text;
  let inStdout = false;
  let wrapper: z.infer<typeof HarnessWrapper> | null = null;
  if (wrapped) {
    const checked = HarnessWrapper.safeParse(outer.value);
    if (!checked.success) return {problem: schemaProblem(file, text, false, checked.error)};
    wrapper = checked.data;
    if (wrapper.stdout.trim() === "") {
      return {
        problem: {
          file,
          where: null,
          message: "stdout is empty: the agent printed no result (did it time out or crash?)"
        }
      };
    }
    inStdout = true;
    outputText = wrapper.stdout;
    const inner = parseJson(file, outputText, inStdout);
    if ("problem" in inner) return inner;
    output = inner.value;
  }

  const checked = AgentOutput.safeParse(output);
  if (!checked.success) return {problem: schemaProblem(file, outputText, inStdout, checked.error)};
  return toResult(file, checked.data, wrapper);
}

function toResult(
  file: string,
  {usage, modelUsage, total_cost_usd}: z.infer<typeof AgentOutput>,
  wrapper: z.infer<typeof HarnessWrapper> | null
): Outcome {
  const main: TokenCounts = [
    usage.input_tokens,
    usage.cache_read_input_tokens,
    usage.output_tokens,
    usage.cache_creation_input_tokens
  ];
  const models = Object.fromEntries(
    Object.entries(modelUsage).map(([model, m]) => [
      model,
      [m.inputTokens, m.cacheReadInputTokens, m.outputTokens, m.cacheCreationInputTokens] as TokenCounts
    ])
  );
  const problem = (message: string): Outcome => ({problem: {file, where: null, message}});

  // The split of cache writes by lifetime; without it every write counts as a five-minute one.
  const split = usage.cache_creation;
  if (
    split &&
    split.ephemeral_5m_input_tokens + split.ephemeral_1h_input_tokens !== usage.cache_creation_input_tokens
  ) {
    return problem(
      `usage.cache_creation splits ${split.ephemeral_5m_input_tokens} + ${split.ephemeral_1h_input_tokens} cache ` +
        `write tokens, but usage.cache_creation_input_tokens is ${usage.cache_creation_input_tokens}; the two must agree`
    );
  }

  const choice = findMainModel(main, models, wrapper?.stderr ?? "");
  if (choice === null) {
    return problem(
      "cannot tell which model is the main one: no entry of modelUsage holds the token counts of usage, " +
        "and no --model appears on the recorded command line"
    );
  }

  const uses: ModelUse[] = [
    {
      model: choice.model,
      role: "main",
      tokens: main,
      cacheWrite1h: split?.ephemeral_1h_input_tokens ?? 0,
      costUSD: modelUsage[choice.model]?.costUSD ?? 0
    }
  ];
  const own = models[choice.model];
  if (own !== undefined) {
    const spare = own.map((c, i) => c - main[i]) as TokenCounts;
    if (spare.some((c) => c < 0)) {
      return problem(`usage holds more tokens than modelUsage gives for its model ${choice.model}; the two must agree`);
    }
    if (spare.some((c) => c > 0))
      uses.push({model: choice.model, role: "helper", tokens: spare, cacheWrite1h: 0, costUSD: null});
  }
  for (const [model, counts] of Object.entries(models)) {
    if (model === choice.model) continue;
    uses.push({
      model,
      role: roleOf(model, choice.model, counts),
      tokens: counts,
      cacheWrite1h: 0,
      costUSD: modelUsage[model].costUSD
    });
  }

  return {
    result: {
      file,
      mainModel: choice.model,
      mainModelRule: choice.rule,
      uses,
      totalCostUSD: total_cost_usd,
      exitCode: wrapper?.exit_code ?? null
    }
  };
}

// JSON.parse for speed; on failure, a tolerant parser finds the offset of the first error.
function parseJson(file: string, text: string, inStdout: boolean): {value: unknown} | {problem: ResultProblem} {
  try {
    return {value: JSON.parse(text)};
  } catch {
    const errors: ParseError[] = [];
    parseTolerant(text, errors, {disallowComments: true, allowTrailingComma: false, allowEmptyContent: false});
    const first = errors[0] ?? {error: 0, offset: 0, length: 0};
    const found = text.slice(first.offset, first.offset + Math.max(first.length, 1));
    const what = found === "" ? "the end of the text" : JSON.stringify(found);
    return {
      problem: {
        file,
        where: {...lineAndColumn(text, first.offset), inStdout},
        message: `not valid JSON (${describeJsonError(printParseErrorCode(first.error))} at ${what}, character ${first.offset})`
      }
    };
  }
}

function describeJsonError(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
}

// A schema mismatch, placed at the value it concerns.
function schemaProblem(file: string, text: string, inStdout: boolean, error: z.ZodError): ResultProblem {
  const issue = error.issues[0];
  const path = issue.path.map(String);
  const node = findNodeAtLocation(parseTree(text)!, path) ?? findNodeAtLocation(parseTree(text)!, path.slice(0, -1));
  const field = [inStdout ? "stdout" : "", ...path].filter(Boolean).join(".") || "the top level";
  const value = node ? ` (found ${text.slice(node.offset, node.offset + Math.min(node.length, 40))})` : "";
  return {
    file,
    where: node ? {...lineAndColumn(text, node.offset), inStdout} : null,
    message: `${field}: ${issue.message}${issue.path.length > 0 && node?.type !== "object" ? value : ""}; ${expectation(path)}`
  };
}

function expectation(path: string[]): string {
  const last = path[path.length - 1] ?? "";
  if (last === "costUSD" || last === "total_cost_usd") return "expected a cost in US dollars, 0 or more";
  if (/tokens$/i.test(last)) return "expected a whole number of tokens, 0 or more";
  return "expected Claude Code's JSON output (with usage, modelUsage and total_cost_usd), bare or as the string field stdout";
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
