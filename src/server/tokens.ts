/**
 * The service's bearer tokens: `DIR/api-token` (mutating calls) and `DIR/admin-token` (kill
 * switch, markets, configuration), 32 random bytes each, written once with mode 0600 and
 * compared in constant time (crypto.timingSafeEqual on SHA-256 digests, so that a length
 * difference leaks nothing either).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Tokens {
  readonly api: string;
  readonly admin: string;
}

function tokenFile(dir: string, name: string): string {
  const path = join(dir, name);
  if (!existsSync(path)) writeFileSync(path, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(path, 0o600);
  return readFileSync(path, 'utf8').trim();
}

/** Reads the tokens of `dir`, creating them on first start. */
export function loadTokens(dir: string): Tokens {
  return { api: tokenFile(dir, 'api-token'), admin: tokenFile(dir, 'admin-token') };
}

const digest = (s: string): Buffer => createHash('sha256').update(s).digest();

/** Constant-time equality of two tokens. */
export function sameToken(a: string, b: string): boolean {
  return timingSafeEqual(digest(a), digest(b));
}

/** The role an `Authorization: Bearer …` header grants, or null. */
export function roleOf(header: string | undefined, tokens: Tokens): 'admin' | 'api' | null {
  const m = /^Bearer ([^\s]+)$/.exec(header ?? '');
  if (m === null) return null;
  const t = m[1] as string;
  const admin = sameToken(t, tokens.admin);
  const api = sameToken(t, tokens.api);
  return admin ? 'admin' : api ? 'api' : null;
}
