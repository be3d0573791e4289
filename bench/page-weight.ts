// The first-view weight of a built page: the HTML and everything its first view loads (module
// scripts, style sheets, data files it registers), each gzip-compressed as a static host serves it.
import {readFileSync} from "node:fs";
import {dirname, join, normalize} from "node:path";
import {gzipSync} from "node:zlib";

export interface PageFile {
  path: string;
  kind: "html" | "script" | "style" | "data";
  /** The package a script comes from (d3-array, @observablehq/plot), or "project" / "framework". */
  origin: string;
  bytes: number;
  gzipBytes: number;
}

/** Every file the first view of dist/PAGE loads, with its raw and gzip-compressed size. */
export function pageFiles(dist: string, page = "index.html"): PageFile[] {
  const html = readFileSync(join(dist, page), "utf8");
  const base = dirname(join(dist, page));
  const files: PageFile[] = [measure(join(dist, page), "html")];
  const seen = new Set<string>();
  const add = (href: string, kind: PageFile["kind"]) => {
    const path = normalize(join(base, href));
    if (seen.has(path)) return;
    seen.add(path);
    files.push(measure(path, kind));
  };
  for (const [, href] of html.matchAll(/<link rel="modulepreload" href="([^"]+)"/g)) add(href, "script");
  for (const [, href] of html.matchAll(/<script type="module" src="([^"]+)"/g)) add(href, "script");
  for (const [, href] of html.matchAll(/<link rel="stylesheet"[^>]* href="([^"]+)"/g)) add(href, "style");
  for (const [, href] of html.matchAll(/"path":"(\.\/_file\/[^"]+)"/g)) add(href, "data");
  return files;
}

function measure(path: string, kind: PageFile["kind"]): PageFile {
  const bytes = readFileSync(path);
  return {path, kind, origin: origin(path), bytes: bytes.length, gzipBytes: gzipSync(bytes).length};
}

// Framework copies npm packages to _node/NAME@VERSION/ and the project's own modules to _import/.
function origin(path: string): string {
  const match = /\/_node\/((?:@[^/]+\/)?[^/@]+)@/.exec(path);
  if (match) return match[1];
  if (path.includes("/_observablehq/")) return "framework";
  return "project";
}
