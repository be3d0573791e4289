// Data loader: the page's regular file of the figure typeface, copied from its npm package, so that
// the page sets the figure in the same letters as the exported files.
import {readFile} from "node:fs/promises";
import {fileURLToPath} from "node:url";
import {PAGE_FONT_FILES} from "../components/figure-font.ts";

process.stdout.write(await readFile(fileURLToPath(import.meta.resolve(PAGE_FONT_FILES.regular))));
