import {createServer, type Server} from "node:http";
import {readFile} from "node:fs/promises";
import {join, normalize} from "node:path";

/**
 * Serves a folder over HTTP on the loopback address, at the root and under `prefix` (a site
 * published in a sub-folder), and answers 404 for anything else.
 */
export async function serveFolder(
  dir: string,
  prefix = "/sub/"
): Promise<{origin: string; close: () => Promise<void>}> {
  const server: Server = createServer(async (request, response) => {
    let path = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname);
    if (path.startsWith(prefix)) path = `/${path.slice(prefix.length)}`;
    if (path.endsWith("/")) path += "index.html";
    try {
      const body = await readFile(join(dir, normalize(path)));
      response.writeHead(200).end(body);
    } catch {
      response.writeHead(404).end("not found");
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error(`server address: ${address}`);
  return {
    origin: `http://127.0.0.1:${address.port}`,
    close: () => new Promise((resolve) => server.close(() => resolve()))
  };
}
