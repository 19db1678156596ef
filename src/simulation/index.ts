/**
 * Monte Carlo first passage (gbm with the Brownian-bridge correction, student-t, GARCH(1,1)-t),
 * seeded, chunked and spread over worker threads; see `simulate-first-passage.ts`.
 */
export { simulateFirstPassage, simulateFirstPassageSync, MonteCarloFirstPassageInput, type MonteCarloFirstPassageResult } from './simulate-first-passage.js';
export { RunOptions } from './run-options.js';
export { type MeanEstimate, meanEstimate, binomialStdError } from './estimate.js';
export { MC_MODELS, DEFAULT_PATHS, DEFAULT_STUDENT_T_NU, GarchDynamics } from './model-input.js';
export { CHUNK_PATHS, type Dynamics } from './path-spec.js';
export { type ProgressCallback, threadsFor, SMALL_RUN_PATH_STEPS } from './pool.js';
export { Stream } from './stream.js';
