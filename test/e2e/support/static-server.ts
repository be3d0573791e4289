// A small static file server for the browser tests: serves a built site from a loopback port,
// at the root or under a sub-path, with the content types a static host sends.
import {createServer, type IncomingMessage, type ServerResponse} from "node:http";
import {readFile, stat} from "node:fs/promises";
import type {AddressInfo} from "node:net";
import {extname, join, normalize, sep} from "node:path";

/** The content type sent for each file extension; anything else goes out as octet-stream. */
export const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".csv": "text/csv; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".pdf": "application/pdf",
  ".tex": "application/x-tex",
  ".ttf": "font/ttf",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8"
};

export interface StaticServer {
  /** The address of the site, ending with "/": http://127.0.0.1:PORT/BASE/ */
  url: string;
  origin: string;
  close(): Promise<void>;
}

/** Serves the folder `root` at http://127.0.0.1:PORT`base` (base starts and ends with "/"). */
export async function serveFolder(root: string, base = "/"): Promise<StaticServer> {
  if (!base.startsWith("/") || !base.endsWith("/")) throw new Error(`base must start and end with "/": ${base}`);
  const server = createServer((request, response) => {
    respond(root, base, request, response).catch((error) => {
      response.writeHead(500, {"content-type": "text/plain"});
      response.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${origin}${base}`,
    origin,
    close: () => new Promise((resolve) => server.close(() => resolve()))
  };
}

async function respond(root: string, base: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const pathname = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname);
  if (request.method !== "GET" && request.method !== "HEAD") return notFound(response, 405);
  if (`${pathname}/` === base) return redirect(response, base);
  if (!pathname.startsWith(base)) return notFound(response);

  // Resolve inside the root only; a folder serves its index.html, a name without extension
  // its .html file (the clean addresses Framework links to).
  const relative = normalize(pathname.slice(base.length));
  if (relative.startsWith("..") || relative.split(sep).includes("..")) return notFound(response);
  const file = await findFile(join(root, relative));
  if (!file) return notFound(response);

  const body = await readFile(file);
  response.writeHead(200, {
    "content-type": CONTENT_TYPES[extname(file)] ?? "application/octet-stream",
    "content-length": body.length
  });
  response.end(request.method === "HEAD" ? undefined : body);
}

async function findFile(path: string): Promise<string | null> {
  for (const candidate of [path, join(path, "index.html"), `${path}.html`]) {
    const info = await stat(candidate).catch(() => null);
    if (info?.isFile()) return candidate;
  }
  return null;
}

function redirect(response: ServerResponse, location: string): void {
  response.writeHead(301, {location});
  response.end();
}

function notFound(response: ServerResponse, status = 404): void {
  response.writeHead(status, {"content-type": "text/plain; charset=utf-8"});
  response.end(status === 404 ? "not found" : "method not allowed");
}
