/**
 * Why the risk engine denies an order, or why an account is not ACTIVE: a closed, stable set of
 * codes (public contract of `POST /v1/accounts/{id}/orders/check` and of every state change).
 * Modelled on NautilusTrader's RiskEngine denial reasons, with venue-exact liquidation and
 * price-integrity causes added.
 */

/** Every denial code with a one-line description (the source of the docs table). */
export const DENIAL_CODES = {
  EXCEEDS_RISK_BUDGET: 'the loss at the stop would exceed the account risk per trade',
  LIQUIDATION_INSIDE_STOP: 'the liquidation price after the order would lie between the entry and the stop',
  EXCEEDS_MAX_LEVERAGE: 'the account leverage after the order would exceed its maximum',
  STALE_PRICE: 'no source of the market has a price younger than staleAfterMs',
  PRICE_DEVIATION: 'the market has live sources, but none within maxDeviation of their median',
  INSUFFICIENT_SOURCES: 'fewer valid price sources than minSources: the market is suspect',
  ACCOUNT_REDUCING: 'the account is REDUCING: only orders that reduce its risk are allowed',
  ACCOUNT_HALTED: 'the account is HALTED: no order is allowed',
  KILL_SWITCH: 'the kill switch is engaged',
  DAILY_LOSS_LIMIT: 'the loss since the start of the UTC day reached maxDailyLoss',
  DRAWDOWN_LIMIT: 'the drawdown from the high-water mark reached maxDrawdown',
  COOLDOWN: 'a stop-out happened less than stopOutCooldownSeconds ago',
  UNKNOWN_MARKET: 'the market has no price yet',
  UNKNOWN_ACCOUNT: 'no account with this id',
  PROTECTION_ERROR: 'a protection failed to evaluate, so the account halted rather than carry on',
} as const;

export type DenialCode = keyof typeof DENIAL_CODES;
