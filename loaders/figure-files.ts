import {csvFormat} from "d3-dsv";
import type {LongRow} from "./aggregate.ts";

/** Columns of a figure's long table as written to figures/NAME.csv; the first six match the reference. */
export const LONG_COLUMNS = ["agent_model", "tier", "token_type", "tokens", "token_type_label", "token_type_order", "runs", "share"];

export function longTableCsv(rows: LongRow[]): string {
  return csvFormat(rows as unknown as Record<string, unknown>[] as never, LONG_COLUMNS) + "\n";
}
