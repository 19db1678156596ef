/**
 * Answers ccxt's HTTP requests from the recorded responses in test/fixtures/ccxt/<exchange id>.json
 * (written by scripts/fixtures/ccxt_responses.mjs), keyed by endpoint path: the same answer for
 * any query string. Used by the preload ./ccxt-stub.cjs (CLI tests) and ./ccxt.ts (in-process).
 * A path with no recorded response throws a plain Error naming it (a gap in the fixtures, not a
 * venue error).
 */
const { readFileSync } = require('node:fs');
const { dirname, join } = require('node:path');
const { URL } = require('node:url');

const DIR = join(dirname(__filename), '..', 'fixtures', 'ccxt');
const cache = new Map();

function responsesOf(exchangeId) {
  if (!cache.has(exchangeId)) cache.set(exchangeId, JSON.parse(readFileSync(join(DIR, `${exchangeId}.json`), 'utf8')).responses);
  return cache.get(exchangeId);
}

/** The recorded response of `exchangeId` for `url` (a deep copy: ccxt may mutate what it parses). */
function answer(exchangeId, url) {
  const path = new URL(url).pathname;
  const responses = responsesOf(exchangeId);
  if (!(path in responses)) throw new Error(`ccxt fixtures: no recorded ${exchangeId} response for ${path}`);
  return JSON.parse(JSON.stringify(responses[path]));
}

module.exports = { answer };
