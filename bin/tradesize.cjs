#!/usr/bin/env node
// The `tradesize` command: the bundled CLI (built by `npm run build` into dist/bin/).
// In a clone that is not installed and built yet, say so in one line instead of a stack trace.
const path = require('node:path');
const fs = require('node:fs');

const cli = path.join(path.dirname(__filename), '..', 'dist', 'bin', 'tradesize.cjs');
if (!fs.existsSync(cli)) {
  process.stderr.write('tradesize: not built yet: run `npm ci` in the tradesize folder first (it installs and builds)\n');
  process.exit(1);
}
require(cli).runCli(process.argv);
