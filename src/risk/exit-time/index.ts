/**
 * Expected exit time of Brownian motion with drift from a strip or to one barrier, capped at a
 * horizon; see `expected-exit-time.ts`.
 */
export { meanExitTime, meanExitTimeInfinite } from './expected-exit-time.js';
export { gaussLegendre20, adaptiveGaussLegendre } from '../../numerics/gauss-legendre.js';
