import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import { renderHtml } from '../../shared/report/html/render-html.js';
import { chromiumPath, MISSING_CHROMIUM } from './chromium.js';
import { demoReportWithHistory } from './demo-report.js';

// The page's globals, as far as the probes below use them: the project compiles without the DOM lib
// (it targets Lambda), and these declarations stay in this file.
interface PageElement {
  id: string;
  tagName: string;
  className: unknown;
  namespaceURI: string | null;
  open?: boolean;
  parentElement: PageElement | null;
  childNodes: Iterable<{ nodeType: number; textContent: string | null }>;
  getAttribute(name: string): string | null;
  getBoundingClientRect(): { width: number; height: number };
  getClientRects(): { length: number };
  querySelectorAll(selector: string): PageElement[] & { length: number };
}
interface PageStyle {
  color: string;
  backgroundColor: string;
  fontSize: string;
  fontWeight: string;
  outlineStyle: string;
  outlineWidth: string;
}
declare const document: {
  activeElement: PageElement | null;
  documentElement: { scrollWidth: number; clientWidth: number };
  querySelectorAll(selector: string): PageElement[] & { length: number };
};
declare function getComputedStyle(element: PageElement): PageStyle;

// Headless Chromium takes seconds to start on a busy machine; a report page takes a few more.
const BROWSER_TIMEOUT = 90_000;
const SCREENSHOT = join(process.cwd(), 'reports', 'screenshots', 'report.png');

const report = demoReportWithHistory();
const findings = report.applications.flatMap((application) => application.findings);
const executablePath = chromiumPath();
let browser: Browser | undefined;
let directory: string;
let reportUrl: string;

beforeAll(async () => {
  if (!executablePath) {
    // Said once here, as well as on each skipped test, so a plain `npm test` run shows it.
    console.warn(`HTML report browser test skipped: ${MISSING_CHROMIUM}`);
    return;
  }
  directory = mkdtempSync(join(tmpdir(), 'kda-html-report-'));
  const file = join(directory, 'report.html');
  writeFileSync(file, renderHtml(report));
  reportUrl = pathToFileURL(file).href;
  browser = await chromium.launch({ executablePath });
}, BROWSER_TIMEOUT);

afterAll(async () => {
  await browser?.close();
  if (directory) rmSync(directory, { recursive: true, force: true });
});

/** The running browser; without Chromium the test skips, or fails under CI=true, saying how to install it. */
function requireBrowser(context: TestContext): Browser {
  if (browser) return browser;
  if (process.env.CI === 'true') throw new Error(`${MISSING_CHROMIUM} CI must install it: see .ci/run.`);
  context.skip(MISSING_CHROMIUM);
  throw new Error('unreachable: context.skip throws');
}

/** Opens the report in a new page at a width; records console errors, page errors and every request. */
async function openReport(context: TestContext, width = 1280) {
  const page = await requireBrowser(context).newPage({ viewport: { width, height: 900 } });
  const problems: string[] = [];
  const requests: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning')
      problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()}`));
  page.on('request', (request) => requests.push(request.url()));
  await page.goto(reportUrl, { waitUntil: 'load' });
  return { page, problems, requests };
}

/** How many findings rows are shown. */
function visibleRows(page: Page): Promise<number> {
  return page.locator('#findings tbody tr:not([hidden])').count();
}

describe('HTML report in Chromium', () => {
  it('opens with no console error, no page error and no request but the file itself', {
    timeout: BROWSER_TIMEOUT,
  }, async (context) => {
    // Act
    const { page, problems, requests } = await openReport(context);

    // Assess
    expect(problems).toEqual([]);
    expect(requests).toEqual([reportUrl]);
    expect(await page.locator('#finding-filters').isVisible()).toBe(true);
    await page.close();
  });

  it('draws the severity chart, a sparkline and a dependency graph per application, each with a size', {
    timeout: BROWSER_TIMEOUT,
  }, async (context) => {
    // Prepare
    const { page } = await openReport(context);

    // Act
    const sizes = await page.evaluate(() =>
      ['#severity-chart', 'svg.sparkline', 'svg.dependency-graph'].map((selector) =>
        [...document.querySelectorAll(selector)].map((svg) => {
          const box = svg.getBoundingClientRect();
          return {
            width: box.width > 0,
            height: box.height > 0,
            shapes: svg.querySelectorAll('rect, polyline, path').length > 0,
          };
        }),
      ),
    );

    // Assess
    const drawn = { width: true, height: true, shapes: true };
    const applications = report.applications.length;
    expect(sizes).toEqual([[drawn], Array(applications).fill(drawn), Array(applications).fill(drawn)]);
    await page.close();
  });

  it('hides the rows that do not match the severity and status filters, and shows all again on reset', {
    timeout: BROWSER_TIMEOUT,
  }, async (context) => {
    // Prepare
    const { page } = await openReport(context);
    const count = (match: (finding: (typeof findings)[number]) => boolean) => findings.filter(match).length;

    // Act
    const all = await visibleRows(page);
    await page.selectOption('#filter-severity', 'critical');
    const critical = await visibleRows(page);
    await page.selectOption('#filter-status', 'FAIL');
    const criticalFailing = await visibleRows(page);
    await page.selectOption('#filter-severity', '');
    await page.selectOption('#filter-status', 'MUTED');
    const muted = await visibleRows(page);
    const mutedText = await page.locator('#finding-count').textContent();
    await page.selectOption('#filter-bestPractice', 'cloudtrail');
    const none = await visibleRows(page);
    const emptyShown = await page.locator('#findings-empty').isVisible();
    await page.click('button[type=reset]');
    await page.waitForFunction(
      (total) => document.querySelectorAll('#findings tbody tr:not([hidden])').length === total,
      findings.length,
    );
    const reset = await visibleRows(page);

    // Assess
    expect({ all, critical, criticalFailing, muted, mutedText, none, emptyShown, reset }).toEqual({
      all: findings.length,
      critical: count((finding) => finding.severity === 'critical'),
      criticalFailing: count((finding) => finding.severity === 'critical' && finding.status === 'FAIL'),
      muted: 1,
      mutedText: `Showing 1 of ${findings.length} findings`,
      none: 0,
      emptyShown: true,
      reset: findings.length,
    });
    await page.close();
  });

  it('reaches every filter with the keyboard, shows the focus, and filters from the keyboard', {
    timeout: BROWSER_TIMEOUT,
  }, async (context) => {
    // Prepare
    const { page } = await openReport(context);
    await page.locator('nav a[href="#findings-heading"]').focus();

    // Act: tab from the last navigation link until the reset button, noting each control reached
    const reached: string[] = [];
    for (let step = 0; step < 40 && !reached.includes('reset'); step++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const element = document.activeElement;
        if (!element) return { id: '', outline: 'none' };
        const style = getComputedStyle(element);
        return {
          id: element.id || element.getAttribute('type') || element.tagName,
          outline: `${style.outlineStyle} ${style.outlineWidth}`,
        };
      });
      if (focused.id.startsWith('filter-') || focused.id === 'reset') reached.push(focused.id);
      if (focused.id === 'filter-status') {
        expect(focused.outline).toBe('solid 3px');
        await page.keyboard.press('End');
      }
    }

    // Assess
    expect(reached).toEqual([
      'filter-severity',
      'filter-bestPractice',
      'filter-status',
      'filter-application',
      'reset',
    ]);
    expect(await page.locator('#filter-status').inputValue()).toBe('MUTED');
    expect(await visibleRows(page)).toBe(1);
    await page.close();
  });

  it('fits a 375 px phone screen with every detail open and nothing overflowing sideways', {
    timeout: BROWSER_TIMEOUT,
  }, async (context) => {
    // Prepare
    const { page } = await openReport(context, 375);

    // Act
    const widths = await page.evaluate(() => {
      for (const details of document.querySelectorAll('details')) details.open = true;
      return { scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth };
    });

    // Assess
    expect(widths).toEqual({ scroll: 375, client: 375 });
    await page.close();
  });

  it('gives every text at least WCAG AA contrast against its background', {
    timeout: BROWSER_TIMEOUT,
  }, async (context) => {
    // Prepare
    const { page } = await openReport(context);

    // Act
    const failures = await page.evaluate(() => {
      const rgb = (colour: string) => (colour.match(/[\d.]+/g) ?? []).map(Number);
      const luminance = ([r = 0, g = 0, b = 0]: number[]) => {
        const linear = [r, g, b].map((channel) => {
          const c = channel / 255;
          return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * (linear[0] ?? 0) + 0.7152 * (linear[1] ?? 0) + 0.0722 * (linear[2] ?? 0);
      };
      const background = (element: PageElement | null): number[] => {
        for (let node = element; node; node = node.parentElement) {
          const colour = rgb(getComputedStyle(node).backgroundColor);
          if (colour.length === 3 || (colour[3] ?? 0) > 0) return colour;
        }
        return [255, 255, 255];
      };
      for (const details of document.querySelectorAll('details')) details.open = true;
      const found: string[] = [];
      for (const element of document.querySelectorAll('body *')) {
        // SVG text sits on SVG fills, which backgroundColor does not report; it is dark (#1a1a1a, #4a4a4a) on light fills.
        if (element.namespaceURI !== 'http://www.w3.org/1999/xhtml') continue;
        const hasText = [...element.childNodes].some(
          (child) => child.nodeType === 3 && child.textContent?.trim(),
        );
        if (!hasText || element.getClientRects().length === 0) continue;
        const style = getComputedStyle(element);
        const [a, b] = [luminance(rgb(style.color)), luminance(background(element))];
        const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
        const size = Number.parseFloat(style.fontSize);
        const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
        if (ratio < (large ? 3 : 4.5))
          found.push(`${element.tagName}.${element.className} ${ratio.toFixed(2)}`);
      }
      return found;
    });

    // Assess
    expect(failures).toEqual([]);
    await page.close();
  });

  it('saves a screenshot of the top of the report to reports/screenshots/report.png', {
    timeout: BROWSER_TIMEOUT,
  }, async (context) => {
    // Prepare: the whole page is thousands of pixels of findings; the top shows scores, chart and cards
    const { page } = await openReport(context);
    await page.setViewportSize({ width: 1280, height: 1600 });
    mkdirSync(join(process.cwd(), 'reports', 'screenshots'), { recursive: true });

    // Act
    await page.screenshot({ path: SCREENSHOT });

    // Assess
    expect(readFileSync(SCREENSHOT).subarray(0, 8)).toEqual(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]));
    await page.close();
  });
});
