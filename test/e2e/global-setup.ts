// Runs once before the browser tests (their config has checked that Chromium is there): builds
// the sites that are out of date and serves each one on a loopback port, at the root and under
// a sub-path as on a project page of a code host. Tests get the addresses from inject("sites").
import type {TestProject} from "vitest/node";
import {ensureSite, siteRecipes, SUB_PATH, type ServedSite, type SiteName} from "./support/sites.ts";
import {serveFolder, type StaticServer} from "./support/static-server.ts";

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // Build what is out of date, one site after the other: builds share Framework's cache folder.
  const log = (message: string) => process.stderr.write(`e2e: ${message}\n`);
  const servers: StaticServer[] = [];
  const sites: Partial<Record<SiteName, ServedSite>> = {};
  for (const recipe of siteRecipes()) {
    const dir = ensureSite(recipe, log);
    const atRoot = await serveFolder(dir);
    const underSubPath = await serveFolder(dir, SUB_PATH);
    servers.push(atRoot, underSubPath);
    sites[recipe.name] = {dir, url: atRoot.url, subPathUrl: underSubPath.url};
  }
  project.provide("sites", sites);

  return async () => {
    await Promise.all(servers.map((server) => server.close()));
  };
}
