/**
 * tradesize: the public library surface (a flat barrel of named exports).
 * The CLI (`src/cli`) is a thin shell over exactly these functions.
 */

// Errors and units
export { TradesizeError, isTradesizeError, type ErrorCode, type FieldPath } from './core/errors.js';
export type { Quantity, QuoteAmount, SettleAmount, Fraction, Price } from './core/units.js';

// Kelly family
export { kellyDiscrete, discreteGrowth, KellyDiscreteInput, type KellyDiscreteResult } from './kelly/discrete.js';
export { kellyContinuous, continuousGrowth, KellyContinuousInput, type KellyContinuousResult } from './kelly/continuous.js';
export { kellyExact, sampleGrowth, KellyExactInput, type KellyExactResult } from './kelly/exact.js';
export {
  kellyFromReturns,
  returnScenarios,
  quantileScenarios,
  KellyFromReturnsInput,
  ReturnDistribution,
  type KellyFromReturnsResult,
  type FittedReturnModel,
  type ReturnScenarios,
} from './kelly/distribution.js';
export { kellyMultiAsset, multiAssetGrowth, KellyMultiAssetInput, type KellyMultiAssetResult } from './kelly/multi-asset.js';
export {
  kellyMultiAssetExact,
  portfolioGrowth,
  KellyMultiAssetExactInput,
  type KellyMultiAssetExactResult,
} from './kelly/multi-asset-exact/index.js';
export {
  drawdownProbability,
  drawdownLimitedMultiplier,
  shrinkageMultiplier,
  DrawdownLimitInput,
  ShrinkageInput,
  type ShrinkageResult,
} from './kelly/fractional.js';

// Statistics
export { createRng, type Rng } from './stats/random.js';
export { bootstrapSample, BootstrapOptions } from './stats/bootstrap.js';
export { fitStudentT, studentTLogLikelihood, type StudentTFit } from './stats/student-t-fit.js';

// Market data (pure parsers; no file I/O)
export { parseSeriesCsv, type SeriesCsv } from './market/csv.js';
export { simpleReturns, logReturns, returnsFromSeries } from './market/returns.js';
export { inferPeriodsPerYear, annualizeVol, DAYS_PER_YEAR_CRYPTO } from './market/periods.js';
export { seriesCsvReader, type CsvStream } from './market/csv.js';
export { parseOhlcCsv, ohlcCsvReader, type OhlcCsv } from './market/ohlc-csv.js';
export { SERIES_INPUTS, type SeriesInput, type ReturnsFromSeriesOptions } from './market/returns.js';
export { requireIncreasingTimestamps, isoUtcMs } from './market/timestamps.js';

// Volatility
export { closeToCloseVol, type CloseToCloseResult } from './volatility/close-to-close.js';
export { ewmaVol, ewmaVariance, RISKMETRICS_LAMBDA, type EwmaResult } from './volatility/ewma.js';
export { estimateVolatility, type VolatilityEstimate } from './volatility/estimate.js';

// Sizing
export { sizePosition, BUILT_IN_CONSTRAINTS, type SizeDecision, type SizeRefusal, type SizeResult, type SizeOptions } from './sizing/size-position.js';
export { sizePositions, type SizeInvalid } from './sizing/batch.js';
export { sizeRequestSchema, type SizeRequest, type SizeRequestInput } from './sizing/request.js';
export { REFUSAL_CODES, type RefusalCode } from './sizing/refusal.js';
export { roundDownToStep } from './core/rounding.js';
export { unitValue, quoteNotional, unitPriceLoss, type ContractTerms, type ContractKind, type Side } from './core/contract.js';
export { ConstraintLimit, linearCap, type SizingConstraint, type SizingContext } from './sizing/constraints/types.js';

// Venues: margin, liquidation, what-if and the largest liquidation-safe size
// Liquidity: order books, the L2 walk, slippage budgets, splits across venues, square-root impact (issue #12 §1).
export { makeBook, bookMid, takenSide, sideDepth, type OrderBook, type BookSide, type Level, type OrderSide } from './liquidity/book.js';
export { walkBook, walkNotional, type Walk } from './liquidity/walk.js';
export { maxQuantityWithinBudget, type BudgetSolution } from './liquidity/budget.js';
export { splitOrder, type Split, type SplitPart } from './liquidity/split.js';
export type { Venue } from './liquidity/venues.js';
export { sqrtImpact, expectedSlippage, BOOK_IMPACT_Y, type ImpactModel, type ExpectedSlippage } from './liquidity/impact.js';
export { fitImpact, dailyScale, type CalibrationBook, type ImpactFit } from './liquidity/calibrate.js';
export { parseBookCsv } from './liquidity/book-csv.js';
export { parseTardisSnapshots, parseTardisIncremental, type TimedBook } from './liquidity/tardis.js';
export { parseBybitSnapshot, bybitBooks, bybitBookAt } from './liquidity/bybit.js';
export { readBookText } from './liquidity/read-book.js';
export { riskAtStop, type BookConstraintOptions } from './sizing/constraints/stop-exit.js';
export { VENUE_IDS, type VenueId, type VenueModel, type Instrument, type Tier, type TierBasis, type Position, type MarginMode, type PositionMargin, type LiquidationInput, type LiquidationResult } from './venues/types.js';
export { ZERO_RISK, addRisk, isInitialCollateralized, isMaintenanceCollateralized, isLiquidatable, type Risk } from './venues/risk.js';
export { VENUES, getVenue, getInstrument, findInstrument, listInstruments } from './venues/registry.js';
export { tierAt, tierIndex, withDeductions, hyperliquidTiers, singleTier, validateTiers, type TierRow } from './venues/tiers.js';
export { packTiers, linearLiquidationPrice, inverseLiquidationPrice, bankruptcyPrice } from './venues/tiered-liquidation.js';
export { binanceUsdm } from './venues/binance-usdm.js';
export { binanceCoinm } from './venues/binance-coinm.js';
export { bybitLinear } from './venues/bybit-linear.js';
export { bybitInverse } from './venues/bybit-inverse.js';
export { okxSwap } from './venues/okx-swap.js';
export { hyperliquid } from './venues/hyperliquid.js';
export { dydx, dydxRisk, dydxInitialFraction, dydxMaintenanceFraction } from './venues/dydx.js';
export { deribit, deribitRates } from './venues/deribit.js';
export { instrumentFromCcxt, tiersFromCcxt, positionsFromCcxt, type PositionFromCcxt } from './venues/ccxt.js';
export { parseTiersJson, tiersFileFromCcxt, type MarketRules, type TiersFile } from './venues/tiers-file.js';
export { ccxtVenue, credentialVariables, type CcxtVenue } from './venues/ccxt-venues.js';
export { liquidationAfterOrder, averageEntry, type WhatIfInput, type WhatIfOrder, type WhatIfResult, type OrderEffect } from './venues/what-if.js';
export {
  largestSafeQuantity,
  solveSafeSize,
  SafeSizeRules,
  DEFAULT_LIQUIDATION_BUFFER,
  type SafeSize,
  type SafeSizeInput,
  type SafeSizeRule,
} from './venues/max-safe-size.js';
export { liquidationConstraint, venueSafeSizeConstraint, type LiquidationConstraintOptions, type LiquidationLimitRule } from './sizing/constraints/liquidation.js';
export { hitProbabilityConstraint, HitProbabilityOptions } from './sizing/constraints/hit-probability.js';
export { positionRisk, accountRisk, unrealizedPnl, type AccountLeg } from './venues/account-risk.js';

// Risk: tail measures and first passage
export { riskMeasures, RISK_METHODS, type RiskMethod, type RiskMeasuresResult } from './risk/var-es.js';
export { hillTailIndex, type HillResult } from './stats/hill.js';
export { firstPassage, firstPassageAbm, barrierHitProbability, type FirstPassageResult } from './risk/first-passage/index.js';
export { adverseProbability, adverseLevelForProbability, type AdverseSetting } from './risk/first-passage/adverse.js';
export {
  simulateFirstPassage,
  simulateFirstPassageSync,
  MonteCarloFirstPassageInput,
  RunOptions,
  MC_MODELS,
  CHUNK_PATHS,
  type MonteCarloFirstPassageResult,
  type MeanEstimate,
  type ProgressCallback,
} from './simulation/index.js';
export { simulateDrawdown, simulateDrawdownSync, DrawdownSimulationInput, type DrawdownSimulationResult } from './risk/drawdown/index.js';
export { meanExitTime, meanExitTimeInfinite } from './risk/exit-time/index.js';
export { impliedVolFromIndex, MAX_IMPLIED_VOL, type ImpliedIndexVol, type ImpliedIndexUnit } from './volatility/implied-index.js';
export { fitGarch, GarchOptions, GARCH_MIN_OBSERVATIONS, type GarchFit, type GarchStandardErrors, type GarchInnovations } from './volatility/garch.js';
export { parkinsonVol } from './volatility/parkinson.js';
export { garmanKlassVol } from './volatility/garman-klass.js';
export { rogersSatchellVol } from './volatility/rogers-satchell.js';
export { yangZhangVol } from './volatility/yang-zhang.js';

// Portfolios, cross margin and margin stress testing (issue #5 §2–4)
export { parsePortfolio, PortfolioSchema, PositionSchema, type Portfolio, type PortfolioInput, type PositionSpec, type PositionInput, type StressParamsInput } from './portfolio/schema.js';
export { compilePortfolio, yearsToExpiry, type CompiledPortfolio, type MarginRules } from './portfolio/compile.js';
export { positionValue, positionGreeks, equityAt, type PositionGreeks } from './portfolio/valuation.js';
export { aggregateGreeks, type UnderlyingGreeks } from './portfolio/greeks.js';
export { crossMarginAccount, positionRiskAt, requirementNotional } from './portfolio/account.js';
export { stressParams, DERIBIT_DEFAULTS, VOL_SCENARIOS, type StressParams, type VolScenario } from './stress/params.js';
export { volShocks, vegaScale } from './stress/vol-shock.js';
export { extendedWeight, extendedContribution } from './stress/extended.js';
export { revalueGrid, type GridRevaluation } from './stress/grid.js';
export { portfolioMarginRequirement, type PortfolioMarginRequirement } from './stress/margin.js';
export { stressPortfolio, gridStress, type StressResult, type GridStress, type Scenario, type StressAccount } from './stress/stress.js';
export { maxAdverseMoves, ADVERSE_MOVE_CAPS, type AdverseMove } from './stress/adverse-move.js';
export { incrementalGrid, type IncrementalGrid } from './stress/incremental.js';
export { studentTJointReturns, bootstrapJointReturns, scalesFromVols, normalVariate, gammaVariate, type StudentTJointOptions, type BootstrapJointOptions } from './stress/joint-returns.js';
export { alignedLogReturns, alignedColumns, type AlignedReturns, type CloseSeries } from './stress/history.js';
export { fitJointStudentT, kendallTau, type JointStudentT } from './stress/fit-joint.js';
export { monteCarloStress, type MonteCarloStress, type MonteCarloOptions } from './stress/monte-carlo.js';
export { monteCarloPortfolio, correlationMatrix, MonteCarloPortfolioOptions } from './stress/monte-carlo-portfolio.js';
export { stressConstraint, type StressConstraintOptions, type StressLegInput } from './sizing/constraints/stress.js';
export {
  optionPrice, optionGreeks, modelCode, type OptionModel, type Greeks, type GreeksArrays,
  priceOption, blackScholes, black76, inverseOption, type OptionValuation,
  traderGreeks, DAYS_PER_YEAR, type TraderGreeks,
  impliedVol, impliedVolKernel, totalVolFromNormalised, type ImpliedVolResult,
  greeksBatch, impliedVolBatch, type CallFlags,
  OPTION_MODELS, OPTION_TYPES, OptionInput, ImpliedVolInput, BlackScholesInput, Black76Input, InverseOptionInput,
  MAX_EXPIRY, MAX_VOL, MAX_RATE, type OptionType,
} from './options/index.js';

// Regimes: Gaussian HMM, volatility-percentile classifier, per-regime sizing multiplier
export { fitHmm, hmmFilter, FitHmmOptions, HMM_STATES, HMM_MIN_OBSERVATIONS_PER_STATE, HMM_VARIANCE_FLOOR, type HmmFit, type HmmFilterResult } from './regime/hmm.js';
export { viterbi, type ViterbiResult } from './regime/viterbi.js';
export type { HmmParams } from './regime/params.js';
export { hmmRegimes, HmmRegimesInput, STATE_LABELS, type RegimeReport, type RegimeState } from './regime/report.js';
export { volRegime, VolRegimeInput, VOL_REGIMES, VOL_REGIME_MIN_OBSERVATIONS, type VolRegimeReport, type VolRegimeLabel } from './regime/vol-regime.js';
export { regimeMultiplier, VOL_REGIME_MULTIPLIERS, type RegimeMultiplier, type RegimeMultiplierOptions, type RegimeWeighting } from './regime/multiplier.js';

// Codes (one typed list) and decision warnings
export { ERROR_CODES, WARNING_CODES, type WarningCode, type SizeWarning } from './core/errors.js';
export { LARGE_RISK_FRACTION } from './sizing/warnings.js';
export type { ConstraintLimitData } from './sizing/constraints/types.js';

// Venues: the tiered-venue factory, validation once at the boundary, schemas, the Hyperliquid universe
export { tieredVenue, type TieredVenueRules } from './venues/tiered-venue.js';
export { validateInstrument, checkInstrumentShape, checkPositionShape, checkAccountShape, checkTierTable } from './venues/validate.js';
export { venueSchemas, type VenueSchemas, type VenueValue } from './venues/schema.js';
export type { Account } from './venues/types.js';
export { HYPERLIQUID_META, HYPERLIQUID_META_DATE } from './venues/snapshots/hyperliquid-meta-20230717.js';

// Risk engine: the core of `tradesize serve` (the service itself stays out of the barrel: it loads fastify and SQLite)
export { RiskEngine, ALERT_CODES, type AlertCode, type EngineEvent, type AccountView, type Protection, type EngineOptions } from './engine/engine.js';
export { engineConfig, type EngineConfig, type EngineConfigInput } from './engine/config.js';
export { DENIAL_CODES, type DenialCode } from './engine/denial-codes.js';
export { TICK_REFUSALS, MarketPrices, type TickRefusal, type MarketPriceView } from './engine/market-prices.js';
export { checkOrder, type OrderDecision, type DenialReason } from './engine/order-check.js';
export { applyFill, unrealised, type PositionState } from './engine/position.js';
export { engineSchemas, DEFAULT_LIMITS, type AccountSpecInput, type FillInput, type OrderInput, type TickInput } from './engine/schemas.js';

// Funding: histories per unit time, expected carry, the Kelly edge, liquidation drift, cross-venue plans and their backtest
export { fundingSeries, parseFundingCsv, sliceFunding, fundingPaid, HOURS_PER_YEAR, DEFAULT_MAX_INTERVAL_HOURS, type FundingSeries } from './funding/series.js';
export { estimateFunding, givenFunding, FUNDING_METHODS, DEFAULT_HALF_LIFE_DAYS, type FundingEstimate, type FundingEstimateOptions, type FundingMethod } from './funding/estimate.js';
export { positionCarry, fundingKelly, type PositionCarry, type FundingKelly } from './funding/carry.js';
export { legLiquidationPrice, marginForLiquidation, type Leg, type LegVenue } from './funding/leg-model.js';
export { liquidationDrift, holdingPeriodToLevel, type DriftInput, type LiquidationDrift, type HoldingToLevel } from './funding/liquidation-drift.js';
export { planFunding, type PlanInput, type PlanVenue, type PlanLeg, type FundingPlan } from './funding/plan.js';
export { backtestFundingPlan, legRule, type BacktestInput, type BacktestVenue, type BacktestStep, type FundingBacktest, type LegFunding, type PriceBars } from './backtest/funding-plan.js';
export { fundingFileVenue, venueRules, type FundingFile } from './funding/venue-files.js';
export { carryDispersion, type CarryDispersion } from './funding/dispersion.js';
export { fundingKellyConstraint, type FundingKellyOptions } from './sizing/constraints/funding-kelly.js';
export { weightedMeanHac, neweyWestLag, type HacMean } from './stats/newey-west.js';
// Dynamic delta hedging (issue #12 §2): the hedge now, rebalancing bands, the hedging simulator and its delta kernel
export { addDeltaGamma, type DeltaPosition } from './options/delta-kernel.js';
export { wwHalfWidth, zakamoulineBand, type ZakamoulineBand } from './options/no-trade-band.js';
export { hedgeRecommendation, type HedgeRecommendation, type HedgeInstrument } from './hedging/hedge-now.js';
export { parsePolicySpec, type HedgePolicy, type ParsedPolicy } from './hedging/policy.js';
export { simulateHedging, simulateHedgingSync, HedgeSimulationInput, type HedgeSimulationResult, type PolicyResult } from './hedging/simulate.js';
export { historicalWindows, type HistoricalWindows, type ImpliedVolSeries } from './hedging/historical.js';
export { meanOf, sdOf, type Estimate } from './hedging/estimate.js';
// Backtests: sizing policies through history (bar loop, liquidations, metrics, sweeps, walk-forward)
export { backtest, prepareBacktest, runPolicy, policyResult, type BacktestData, type BacktestResult, type PolicyResult as BacktestPolicyResult, type PreparedBacktest } from './backtest/backtest.js';
export { BacktestOptions, parseBacktestOptions, type BacktestOptionsInput } from './backtest/options.js';
export { barsFromCcxt, checkBars, sliceBars, barsPerYear, type Bars } from './backtest/bars.js';
export { barsCsvReader, fundingCsvReader } from './backtest/bars-csv.js';
export { fundingPerBar, type FundingSeries as BacktestFundingSeries } from './backtest/funding.js';
export { simulateBars, newTrace, type KernelInput, type KernelParams, type KernelResult, type KernelTrace } from './backtest/kernel.js';
export { holdPosition, type HoldBars, type HoldSpec, type HoldResult } from './backtest/hold.js';
export { flatRule, liquidationPrice as backtestLiquidationPrice, type LiquidationRule } from './backtest/margin.js';
export { venueRule } from './backtest/venue-rule.js';
export { curveMetrics, type CurveMetrics } from './backtest/metrics.js';
export { hindsightLeverage, type Hindsight } from './backtest/hindsight.js';
export { parsePolicy, POLICY_KINDS, type PolicySpec, type PolicyKind } from './backtest/policies/spec.js';
export { trendSignal } from './backtest/policies/signal.js';
export { universalLeverage } from './backtest/policies/universal.js';
export { expandGrid, sweepCsv } from './backtest/sweep.js';
export { runSweep, type SweepOptions } from './backtest/sweep-pool.js';
export { walkForward, type WalkForwardResult, type WalkForwardWindow } from './backtest/walk-forward.js';
