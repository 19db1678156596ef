/**
 * The commands that change the engine, as stored in the log: one applier serves the live service
 * and the replay after a restart, so both run exactly the same code.
 */
import type { RiskEngine } from '../engine/engine.js';
import type { AccountSpecInput, FillInput, KillSwitchInput, OrderInput, TickInput } from '../engine/schemas.js';

export type Command =
  | { readonly type: 'account'; readonly at: number; readonly id: string; readonly body: AccountSpecInput }
  | { readonly type: 'market'; readonly at: number; readonly market: string; readonly body: unknown }
  | { readonly type: 'fill'; readonly at: number; readonly id: string; readonly body: FillInput }
  | { readonly type: 'prices'; readonly at: number; readonly body: TickInput | readonly TickInput[] }
  | { readonly type: 'check'; readonly at: number; readonly id: string; readonly body: OrderInput }
  | { readonly type: 'kill'; readonly at: number; readonly body: KillSwitchInput }
  | { readonly type: 'release'; readonly at: number; readonly account?: string }
  | { readonly type: 'advance'; readonly at: number };

/** Applies one command and returns what the engine answered. */
export function applyCommand(engine: RiskEngine, c: Command): unknown {
  switch (c.type) {
    case 'account':
      return engine.putAccount(c.id, c.body, c.at);
    case 'market':
      return engine.putMarket(c.market, c.body, c.at);
    case 'fill':
      return engine.recordFill(c.id, c.body, c.at);
    case 'prices':
      return engine.submitPrices(c.body, c.at);
    case 'check':
      return engine.checkOrder(c.id, c.body, c.at);
    case 'kill':
      return engine.killSwitch(c.body, c.at);
    case 'release':
      return engine.releaseKillSwitch(c.account, c.at);
    case 'advance':
      engine.advance(c.at);
      return null;
  }
}
