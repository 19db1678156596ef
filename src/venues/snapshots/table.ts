/**
 * Tier tables typed in from a venue's document, one row per line in the document's column
 * order: [floor, cap, maintenance margin rate, max leverage, maintenance amount].
 *
 * @example
 * fromTable([[0, 50_000, 0.004, 125, 0], [50_000, 600_000, 0.005, 100, 50]])[1].maintenanceAmount; // => 50
 */
import type { Tier } from '../types.js';

export type TableRow = readonly [floor: number, cap: number, mmr: number, maxLeverage: number, amount: number];

/** Tier rows numbered from 1 in the order given. */
export function fromTable(rows: readonly TableRow[]): readonly Tier[] {
  return Object.freeze(
    rows.map(([floor, cap, maintenanceMarginRate, maxLeverage, maintenanceAmount], i) =>
      Object.freeze({ tier: i + 1, floor, cap, maintenanceMarginRate, maintenanceAmount, maxLeverage }),
    ),
  );
}
