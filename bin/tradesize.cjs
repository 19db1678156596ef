#!/usr/bin/env node
// The `tradesize` command: the bundled CLI (built by `npm run build` into dist/bin/).
require('../dist/bin/tradesize.cjs').runCli(process.argv);
