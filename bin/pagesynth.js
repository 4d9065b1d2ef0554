#!/usr/bin/env node
// Thin launcher: the CLI is compiled to dist/ by `npm run build` (run by `npm ci` through `prepare`).
import('../dist/cli/main.js').then((m) => m.main(process.argv)).catch((err) => {
  console.error(`pagesynth: ${err && err.message ? err.message : err}`);
  console.error('pagesynth: is the project built? run `npm run build`');
  process.exit(1);
});
