import { existsSync } from 'node:fs';

/** Where to find a Chromium for playwright-core: the HTML report's browser test and `npm run screenshot`. */

/** Said when no Chromium is found: how to get one. */
export const MISSING_CHROMIUM =
  'No Chromium found ($CHROMIUM_PATH when set, else /usr/bin/chromium or /usr/bin/chromium-browser): ' +
  'install it (sudo apt-get install chromium) or set CHROMIUM_PATH to a Chromium or Chrome binary.';

/**
 * The Chromium to drive: $CHROMIUM_PATH when set (only it, so a wrong path is reported, not
 * silently replaced), else Debian's package; undefined when there is none.
 */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const candidates = env.CHROMIUM_PATH
    ? [env.CHROMIUM_PATH]
    : ['/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((candidate) => existsSync(candidate));
}
