import {JSDOM} from "jsdom";

/**
 * Runs fn with a fresh JSDOM document as the global document (htl draws into the global one),
 * for tests that otherwise run in Node; restores the globals afterwards.
 */
export function withDocument<T>(fn: (document: Document) => T): T {
  const {window} = new JSDOM("<!DOCTYPE html><body></body>");
  const names = [
    "document",
    "Node",
    "NodeList",
    "HTMLCollection",
    "NodeFilter",
    "Element",
    "HTMLElement",
    "SVGElement",
    "DocumentFragment"
  ] as const;
  const saved = names.map((name) => Object.getOwnPropertyDescriptor(globalThis, name));
  names.forEach((name) =>
    Object.defineProperty(globalThis, name, {value: window[name], configurable: true, writable: true})
  );
  try {
    return fn(window.document);
  } finally {
    names.forEach((name, i) =>
      saved[i]
        ? Object.defineProperty(globalThis, name, saved[i]!)
        : delete (globalThis as Record<string, unknown>)[name]
    );
  }
}
