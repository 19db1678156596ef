/**
 * A real headless Chromium for end-to-end tests: Debian's `chromium` (/usr/bin/chromium, from
 * `apt-get install -y chromium`; .ci/run installs it) driven by playwright-core, which ships no
 * browser of its own.
 *
 * Without /usr/bin/chromium a user's machine skips with a visible message (null); under CI=true
 * its absence is a failure, never a silent skip.
 */
import { existsSync } from 'node:fs';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Launches headless Chromium, or returns null (after a SKIPPED warning) when it is not installed. */
export async function launchChromium(): Promise<import('playwright-core').Browser | null> {
  if (!existsSync(CHROMIUM_PATH)) {
    if (process.env.CI === 'true') throw new Error(`${CHROMIUM_PATH} is missing (required under CI=true): apt-get install -y chromium`);
    console.warn(`[tradesize tests] SKIPPED browser test: ${CHROMIUM_PATH} not found (apt-get install -y chromium)`);
    return null;
  }
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM_PATH });
}
