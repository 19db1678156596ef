/**
 * First-passage probabilities of Brownian motion with drift: one barrier within a horizon, and
 * which of two barriers (stop below, target above) is hit first. See `one-barrier.ts` and
 * `two-barriers.ts` for the formulas and sources; `mu` of the price-level functions is the
 * annual LOG-drift of ln S.
 */
export { erfc, erfcx, normalCdf, expTimesNormalTail } from '../../dists/normal.js';
export {
  Horizon,
  logDrift,
  abmHitProbability,
  BarrierHitInput,
  barrierHitProbability,
  type BarrierHitResult,
} from './one-barrier.js';
export {
  type FirstPassageResult,
  abmLowerFirstInfinite,
  abmLowerFirstImages,
  abmLowerFirstSpectral,
  abmLowerFirst,
  abmFirstPassage,
  FirstPassageInput,
  firstPassage,
  FirstPassageAbmInput,
  firstPassageAbm,
} from './two-barriers.js';
