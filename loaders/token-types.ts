// The token types live beside the page's components, which use them too.
import {TOKEN_KEYS} from "../src/components/token-types.ts";

export * from "../src/components/token-types.ts";

/** Columns every runs file must have. */
export const REQUIRED_COLUMNS: readonly string[] = ["agent_model", "tier", ...TOKEN_KEYS];
