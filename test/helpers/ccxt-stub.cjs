/**
 * Preload for CLI tests (`NODE_OPTIONS="--require ./test/helpers/ccxt-stub.cjs"`): every ccxt
 * exchange answers its REST requests from test/fixtures/ccxt/ instead of the network, by replacing
 * `Exchange.prototype.fetch(url, method, headers, body)` of the CommonJS build the CLI bundle
 * requires. Test-only: nothing under src/ refers to it. `CCXT_STUB_LOG=FILE` appends each
 * request's method and path to FILE.
 */
const { appendFileSync } = require('node:fs');
const { URL } = require('node:url');
const ccxt = require('ccxt');
const { answer } = require('./ccxt-fixtures.cjs');

ccxt.Exchange.prototype.fetch = async function fetch(url, method = 'GET') {
  if (process.env.CCXT_STUB_LOG) appendFileSync(process.env.CCXT_STUB_LOG, `${method} ${new URL(url).pathname}\n`);
  return answer(this.id, url);
};
