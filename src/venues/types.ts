/**
 * The venue margin model: instruments, tier tables, positions and the margin state of a
 * position or an account. Every venue implements {@link VenueModel}; formulas live in the venue
 * modules (one per venue), each citing the venue's own document.
 *
 * Units: quantity is in contracts of `contractSize` (base units for linear, quote units for
 * inverse contracts); prices are quote per base; collateral, margins and PnL are in the
 * settlement currency (quote for linear, the coin for inverse).
 */
import type { VenueValue } from './schema.js';

export { VENUE_IDS, type VenueId } from './venue-ids.js';
import type { VenueId } from './venue-ids.js';

export type MarginMode = 'isolated' | 'cross';

/**
 * One row of a tier (risk-limit, bracket) table. Bounds are position values in `basis` units;
 * the row applies when floor < value ≤ cap (the first row includes 0). Derived from the zod
 * schema in `schema.ts`.
 */
export type Tier = VenueValue<'tier'>;

/** What the tier bounds measure: quote notional (linear), coin value (inverse), or contracts. */
export type TierBasis = 'quote' | 'settle' | 'contracts';

/** A tradable contract and its margin parameters (zod schema in `schema.ts`). */
export type Instrument = VenueValue<'instrument'>;

/** An open position (one-way mode unless `positionSide` says hedge-mode LONG/SHORT); zod schema in `schema.ts`. */
export type Position = VenueValue<'position'>;

/** The margin numbers of one position, in the settlement currency. */
export interface PositionMargin {
  readonly initialMargin: number;
  readonly maintenanceMargin: number;
  /** Position value at the mark price (quote notional for linear; coin value for inverse). */
  readonly positionValue: number;
  /** The tier the maintenance margin was taken from (at the mark price). */
  readonly tier: Tier;
}

/** The answer to "where is my liquidation price". */
export interface LiquidationResult {
  /** Mark price at which margin balance = maintenance margin; null when none exists (e.g. over-collateralised long with LP ≤ 0). */
  readonly liquidationPrice: number | null;
  /** Price at which the margin balance is zero, where the venue defines one. */
  readonly bankruptcyPrice: number | null;
  readonly initialMargin: number;
  readonly maintenanceMargin: number;
  /** Margin balance / maintenance margin at the mark (≥ 1 is safe), or MM / balance per venue convention in `marginRatioConvention`. */
  readonly marginRatio: number;
  /** Tier applying at the liquidation price (after iterating to consistency). */
  readonly tier: Tier;
  /** Number of tier iterations until the tier at the liquidation price was consistent. */
  readonly iterations: number;
}

/**
 * The account side of a liquidation (zod schema in `schema.ts`): margin mode; collateral
 * (isolated: the margin allocated to this position, cross: the account wallet balance); the
 * leverage setting for initial margin (default: the tier's max leverage); in cross mode the
 * account's other positions (with marks), their margin held fixed.
 */
export type Account = VenueValue<'account'>;

/** Input of a liquidation computation for one position. */
export interface LiquidationInput extends Account {
  readonly instrument: Instrument;
  readonly position: Position;
}

/** A venue's margin and liquidation rules. */
export interface VenueModel {
  readonly id: VenueId;
  /** Where the formulas come from (the venue's own document). */
  readonly source: string;
  readonly marginModes: readonly MarginMode[];
  /** Margins of a position at a mark price (and leverage setting). */
  positionMargin(instrument: Instrument, position: Position, markPrice: number, leverage?: number): PositionMargin;
  /** Liquidation and bankruptcy prices, margins and the tier at liquidation. */
  liquidation(input: LiquidationInput): LiquidationResult;
}
