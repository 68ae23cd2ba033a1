// Writes docs/images/report.png, the README's picture of the HTML report: `npm run screenshot`.
// The demo account's report with a made-up history (trends, changes, a suppression), in Chromium.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { renderHtml } from '../shared/report/html/render-html.js';
import { chromiumPath, MISSING_CHROMIUM } from '../tests/browser/chromium.js';
import { demoReportWithHistory } from '../tests/browser/demo-report.js';

const target = fileURLToPath(new URL('../docs/images/report.png', import.meta.url));
const executablePath = chromiumPath();
if (!executablePath) {
  process.stderr.write(`${MISSING_CHROMIUM}\n`);
  process.exit(1);
}
mkdirSync(fileURLToPath(new URL('../docs/images/', import.meta.url)), { recursive: true });
const browser = await chromium.launch({ executablePath });
try {
  // Wide enough for four score cards a row, tall enough for the account, the chart and the cards.
  const page = await browser.newPage({ viewport: { width: 1280, height: 1300 } });
  await page.setContent(renderHtml(demoReportWithHistory()), { waitUntil: 'load' });
  await page.screenshot({ path: target });
} finally {
  await browser.close();
}
process.stderr.write(`wrote ${target}\n`);
