/**
 * Debian's headless Chromium driven by playwright-core, launched with the
 * flags this machine needs (no background networking: the network is
 * closed). Under `CI=true` a missing Chromium fails the suite; locally it is
 * a skip.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Skip the suite: only when Chromium is absent and this is not CI. */
export const skipWithoutChromium = process.env.CI !== 'true' && !existsSync(CHROMIUM);

/** Launches Chromium, or fails naming the package when it is absent (CI). */
export function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is required under CI=true (${CHROMIUM}): apt-get install chromium`);
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}
