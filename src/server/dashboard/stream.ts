/**
 * The page's live connection: the WebSocket `/v1/stream?snapshots=1` of the engine that served
 * it (engine events, plus a snapshot of every account and market after each change), reopened
 * after a drop with a backoff from 0.5 s doubling to 8 s.
 */
import type { EngineEvent } from '../../engine/engine.js';
import type { Snapshot } from '../views.js';

export type StreamMessage = Snapshot | EngineEvent;
export type Connection = 'connecting' | 'live' | 'reconnecting';

export function connect(onMessage: (m: StreamMessage) => void, onStatus: (c: Connection) => void): void {
  let delay = 500;
  const open = (): void => {
    const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/v1/stream?snapshots=1`);
    ws.addEventListener('open', () => {
      delay = 500;
      onStatus('live');
    });
    ws.addEventListener('message', (ev: MessageEvent<string>) => onMessage(JSON.parse(ev.data) as StreamMessage));
    ws.addEventListener('close', () => {
      onStatus('reconnecting');
      setTimeout(open, delay);
      delay = Math.min(8000, delay * 2);
    });
  };
  onStatus('connecting');
  open();
}
