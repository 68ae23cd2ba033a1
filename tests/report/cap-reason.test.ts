import { describe, expect, it } from 'vitest';
import type { Finding } from '../../shared/checks/types.js';
import { buildReport } from '../../shared/report/build-report.js';
import { accountCapReason } from '../../shared/report/cap-reason.js';
import { renderHtml } from '../../shared/report/html/render-html.js';
import { renderMarkdown } from '../../shared/report/markdown.js';
import type { CollectionError } from '../../shared/snapshot/types.js';
import {
  accountEvaluation,
  applicationEvaluation,
  finding,
  findings,
  reportMeta,
} from '../support/audit-builders.js';

const UNLISTED: CollectionError = {
  operation: 'kinesisanalytics:ListApplications',
  region: 'us-east-1',
  code: 'AccessDeniedException',
  message: 'not authorized',
};

/** The report of one application with `findings`, after reads that failed with `errors`. */
function reportWith(verdicts: Finding[], errors: CollectionError[]) {
  return buildReport(
    accountEvaluation([applicationEvaluation('orders', verdicts)]),
    reportMeta({ complete: errors.length === 0, collectionErrors: errors }),
  );
}

describe('Function: accountCapReason', () => {
  it('names the region whose applications could not be listed when only that capped the score', () => {
    // Prepare
    const report = reportWith([finding({ status: 'PASS', severity: 'critical' })], [UNLISTED]);

    // Act
    const reason = accountCapReason(report);

    // Assess
    expect(reason).toEqual({
      ceiling: 40,
      clause: 'the applications of us-east-1 could not be listed, and may include any',
    });
  });

  it('names both causes when a critical check fails too', () => {
    // Prepare: ten passes, so the pass rate alone would be above the cap
    const report = reportWith(
      [
        ...findings(10, { status: 'PASS', severity: 'critical' }),
        finding({ status: 'FAIL', severity: 'critical' }),
      ],
      [UNLISTED],
    );

    // Act
    const reason = accountCapReason(report);

    // Assess
    expect(reason?.clause).toBe(
      'a critical check fails or could not be verified, and the applications of us-east-1 could not be listed, and may include any',
    );
  });

  it("gives the check's reason when every region was listed", () => {
    // Prepare
    const report = reportWith(
      [...findings(10, { status: 'PASS', severity: 'high' }), finding({ status: 'FAIL', severity: 'high' })],
      [],
    );

    // Act
    const reason = accountCapReason(report);

    // Assess
    expect(reason).toEqual({ ceiling: 70, clause: 'a high-severity check fails or could not be verified' });
  });

  it('is what the HTML and Markdown reports say of the account score', () => {
    // Prepare
    const report = reportWith([finding({ status: 'PASS', severity: 'critical' })], [UNLISTED]);

    // Act
    const rendered = { html: renderHtml(report), markdown: renderMarkdown(report) };

    // Assess
    expect({
      html: rendered.html.includes(
        'Capped at 40: the applications of us-east-1 could not be listed, and may include any.',
      ),
      markdown: rendered.markdown.includes(
        'capped at 40: the applications of us-east-1 could not be listed, and may include any',
      ),
      checkWording: rendered.markdown.includes('a critical check fails'),
    }).toEqual({ html: true, markdown: true, checkWording: false });
  });
});
