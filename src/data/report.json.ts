// Data loader: the aggregated report (never the runs themselves) as JSON.
import {siteReport} from "../../loaders/site-input.ts";

process.stdout.write(JSON.stringify(await siteReport()));
