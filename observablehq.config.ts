// The report site. The build script points `output` at a fresh folder and swaps it in only
// when everything succeeded, so a failed build never touches the published dist/.
export default {
  title: "Token usage by tier",
  root: "src",
  output: process.env.TOKEN_REPORT_OUT ?? "dist",
  pager: false,
  toc: false,
  search: false,
  // No web fonts from a CDN: the built site requests nothing from other origins.
  globalStylesheets: [],
  // A favicon of our own: without one the browser asks for /favicon.ico, which is not there.
  head: '<link rel="icon" href="/favicon.svg" type="image/svg+xml">',
  footer: "Built from the runs files given at build time. The page holds aggregates, never individual runs."
};
