/** The Chromium the browser tests drive: Debian's by default, another one through CHROMIUM_PATH. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
