// Data loader: the page's regular file of the figure typeface, cut from its npm package down to the
// characters the page keeps, so that the page sets the figures in the same letters as the exports.
import {pageFontFile} from "../../export/page-font.ts";

process.stdout.write(await pageFontFile("regular"));
