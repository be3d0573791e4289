// Driving Debian's Chromium for the browser tests: launching it, opening the report with every
// request, response and console message recorded, and reading the figure back from the page.
import {chromium, type Browser, type BrowserContextOptions, type Page} from "playwright-core";
import {afterAll, beforeAll, expect, inject} from "vitest";
import {CHROMIUM_PATH} from "./chromium.ts";
import type {SiteName, ServedSite} from "./sites.ts";

/** The token-distribution figure's container, told apart from other figures by its label. */
export const FIGURE = '[role=figure][aria-label*="token distribution" i]';

export const DESKTOP = {width: 1280, height: 900};
export const PHONE = {width: 390, height: 844};

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"]
  });
}

/** A served site, or undefined when it was not built (the dryrun site needs ../shared/data). */
export function site(name: SiteName): ServedSite | undefined {
  return inject("sites")[name];
}

export interface RecordedResponse {
  url: string;
  status: number;
  contentType: string;
  bytes: number;
}

/** What a page did while it was open. */
export interface PageLog {
  requests: string[];
  responses: RecordedResponse[];
  failedRequests: string[];
  consoleErrors: string[];
  pageErrors: string[];
  dialogs: string[];
}

export interface OpenedPage {
  page: Page;
  log: PageLog;
  close(): Promise<void>;
}

/** Opens a page of the report in a fresh context and waits until the figure has been drawn. */
export async function openReport(browser: Browser, url: string, options: BrowserContextOptions = {}): Promise<OpenedPage> {
  const context = await browser.newContext({viewport: DESKTOP, ...options});
  const page = await context.newPage();
  const log: PageLog = {requests: [], responses: [], failedRequests: [], consoleErrors: [], pageErrors: [], dialogs: []};
  page.on("request", (request) => log.requests.push(request.url()));
  page.on("requestfailed", (request) => log.failedRequests.push(`${request.url()}: ${request.failure()?.errorText}`));
  page.on("response", async (response) => {
    const body = await response.body().catch(() => Buffer.alloc(0));
    const contentType = response.headers()["content-type"] ?? "";
    log.responses.push({url: response.url(), status: response.status(), contentType, bytes: body.length});
  });
  page.on("console", (message) => {
    if (message.type() === "error") log.consoleErrors.push(`${message.text()} (${message.location().url})`);
  });
  page.on("pageerror", (error) => log.pageErrors.push(error.message));
  page.on("dialog", async (dialog) => {
    log.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    await dialog.dismiss();
  });

  await page.goto(url, {waitUntil: "networkidle"});
  await page.locator(`${FIGURE} svg g[aria-label=bar] rect`).first().waitFor({state: "attached", timeout: 20_000});
  return {page, log, close: () => context.close()};
}

/**
 * One Chromium for the tests of a file or a describe block: launched before them and closed after.
 * Returns openReport for that browser.
 */
export function chromiumForTests(): (url: string, options?: BrowserContextOptions) => Promise<OpenedPage> {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return (url, options) => openReport(browser!, url, options);
}

/** Fails on console errors, script errors, dialogs, failed or non-2xx responses, and other origins. */
export function expectCleanPage(log: PageLog, origin: string): void {
  expect(log.requests.filter((url) => new URL(url).origin !== origin), `requests to origins other than ${origin}`).toEqual([]);
  expect(log.responses.filter((r) => r.status >= 400).map((r) => `${r.status} ${r.url}`), "error responses").toEqual([]);
  expect(log.failedRequests, "requests that failed").toEqual([]);
  expect(log.pageErrors, "errors thrown by the page's scripts").toEqual([]);
  expect(log.dialogs, "dialogs opened by the page").toEqual([]);
  expect(log.consoleErrors, "errors in the console").toEqual([]);
}

/** One drawn segment of the figure, in viewport coordinates. */
export interface Segment {
  fill: string;
  x: number;
  y: number;
  width: number;
  height: number;
  /** The tier label under the segment's bar and the model of its facet, read from the axes. */
  tier: string;
  model: string;
}

/** Every bar segment of the figure in viewport coordinates, with the tier and model the axes place it under. */
export function readSegments(page: Page): Promise<Segment[]> {
  return page.evaluate((figure) => {
    const svg = document.querySelector<SVGGElement>(`${figure} svg g[aria-label=bar]`)!.ownerSVGElement!;
    const centreX = (e: Element) => {
      const box = e.getBoundingClientRect();
      return box.x + box.width / 2;
    };
    const labels = (selector: string) =>
      Array.from(svg.querySelectorAll<SVGTextElement>(`g[aria-label="${selector}"] text`), (t) => ({text: t.textContent ?? "", x: centreX(t)}));
    const nearest = (list: {text: string; x: number}[], x: number) =>
      list.reduce((best, d) => (Math.abs(d.x - x) < Math.abs(best.x - x) ? d : best)).text;
    const tiers = labels("x-axis tick label");
    const models = labels("fx-axis tick label");
    return Array.from(svg.querySelectorAll<SVGRectElement>("g[aria-label=bar] rect"), (rect) => {
      const box = rect.getBoundingClientRect();
      return {
        fill: rect.getAttribute("fill") ?? "",
        x: box.x,
        y: box.y,
        width: box.width,
        height: box.height,
        tier: nearest(tiers, centreX(rect)),
        model: models.length > 0 ? nearest(models, centreX(rect)) : ""
      };
    });
  }, FIGURE);
}

/** The tooltip's lines as "name value" pairs, or null when no tooltip is shown. */
export async function readTooltip(page: Page): Promise<Record<string, string> | null> {
  return page.evaluate((figure) => {
    const lines = document.querySelectorAll(`${figure} svg g[aria-label=tip] text > tspan`);
    if (lines.length === 0) return null;
    const entries = Array.from(lines, (line) => {
      const name = line.querySelector("tspan[font-weight=bold]")?.textContent ?? "";
      const text = (line.textContent ?? "").replace(/\u200b/g, "");
      return [name, text.slice(name.length).replace(/■$/, "").trim()];
    });
    return Object.fromEntries(entries);
  }, FIGURE);
}

/**
 * Hovers a segment and returns the tooltip. A segment too thin to aim at is hovered on its
 * bottom edge: Plot shows the tip of the segment whose centre is nearest the pointer, and the
 * segment's centre is on that edge while the next segment's centre is far above.
 */
export async function hoverSegment(page: Page, segment: Segment): Promise<Record<string, string> | null> {
  const x = segment.x + segment.width / 2;
  const y = segment.height < 2 ? segment.y + segment.height : segment.y + segment.height / 2;
  await page.mouse.move(x, y);
  return readTooltip(page);
}

/** Scrolls the figure into view; segment positions are read and hovered in the viewport. */
export async function showFigure(page: Page): Promise<void> {
  await page.locator(FIGURE).scrollIntoViewIfNeeded();
}
