// Data loader: the aggregated report (never the runs themselves) as JSON, without the long tables
// that the page folds again from the group rows. Fractions keep ten significant digits, more than
// the page ever shows (at most four), which keeps the file small; the figure files under figures/
// are written from the numbers at full precision.
import {siteReport} from "../../loaders/site-input.ts";
import {withoutFigureTables} from "../components/figure-tables.ts";

const SIGNIFICANT_DIGITS = 10;

process.stdout.write(
  JSON.stringify(withoutFigureTables(await siteReport()), (_key, value) =>
    typeof value === "number" && !Number.isInteger(value) ? Number(value.toPrecision(SIGNIFICANT_DIGITS)) : value
  )
);
