/**
 * The layers of src/, bottom to top: a folder may import only itself and the folders listed
 * before it, and no module may take part in an import cycle. `npm test` runs this
 * (`npm run layers`); docs/ARCHITECTURE.md draws the same order.
 *
 * Folders on one line of docs/ARCHITECTURE.md's drawing share a tier there; here each still has
 * its own rank (regime reads volatility's EWMA, portfolio values options on venue rules, stress
 * takes risk's VaR/ES), so every import points strictly down.
 */
const LAYERS = [
  'core', // errors, units, contract math, rounding, validation
  'numerics', // linear algebra, root finding, BFGS, SQUAREM, quadrature
  'dists', // normal and Student-t: densities, cdfs, tails, quantiles
  'market', // data in: CSV, returns, periods
  'stats', // fits, bootstrap, PRNG, tail index
  'volatility',
  'regime',
  'options',
  'venues',
  'liquidity', // order books, impact, slippage, splitting across venues
  'kelly',
  'simulation', // the Monte Carlo engine
  'risk', // VaR/ES, first passage, drawdown, exit times
  'portfolio',
  'stress',
  'hedging', // delta hedges of option books, rebalancing bands, hedging simulation
  'funding', // funding carry, funding-driven liquidation drift, cross-venue carry plans
  'sizing',
  'backtest',
  'engine',
  'execution',
  'server', // the HTTP/WebSocket service over engine/ and its SQLite command log
  'cli',
];

const folder = (name) => `^src/${name}/`;

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    ...LAYERS.slice(0, -1).map((name, i) => ({
      name: `layer-${name}`,
      comment: `src/${name}/ may import only ${LAYERS.slice(0, i).join(', ') || 'itself'}: ${LAYERS.slice(i + 1).join(', ')} sit above it`,
      severity: 'error',
      from: { path: folder(name) },
      to: { path: `^src/(${LAYERS.slice(i + 1).join('|')})/` },
    })),
    {
      name: 'no-barrel-inside',
      comment: 'src/index.ts is the public barrel: nothing inside src/ imports it',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^src/index\\.ts$' },
    },
    {
      name: 'folders-only',
      comment: 'every module of src/ (but the barrel) lives in one of the layer folders',
      severity: 'error',
      from: { path: '^src/', pathNot: `^src/(index\\.ts$|${LAYERS.join('/|')}/)` },
      to: {},
    },
    {
      name: 'no-circular',
      comment: 'no import cycles, inside a folder either',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    includeOnly: '^src/',
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
