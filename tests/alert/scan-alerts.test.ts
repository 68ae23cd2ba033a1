import { describe, expect, it } from 'vitest';
import { scanFailedAlert } from '../../shared/alert/scan-alerts.js';
import { ScanFailedError } from '../../shared/errors.js';

describe('Function: scanFailedAlert', () => {
  it('returns an account-wide high alert quoting the error and its cause, access key ids masked', () => {
    // Prepare
    const cause = Object.assign(
      new Error('The security token included in the request is invalid (AKIAIOSFODNN7EXAMPLE)'),
      {
        name: 'InvalidClientTokenId',
      },
    );
    const error = new ScanFailedError('Could not identify the account: fix the credentials.', { cause });

    // Act
    const alert = scanFailedAlert(error, '111122223333', 'scan-9');

    // Assess
    const text = [
      'The scan of account 111122223333 failed: ScanFailedError: Could not identify the account: fix the credentials.',
      '',
      'Account: 111122223333',
      'Account not scored',
      'Scan: scan-9',
      'Full report: not written (no report bucket configured)',
      '',
      'Cause: InvalidClientTokenId: The security token included in the request is invalid (AKIA************MPLE)',
      'No verdict was produced and no report written; the previous report stays the latest.',
      "Fix the cause above, then run the scan again; the function's logs for scan scan-9 have the details.",
    ].join('\n');
    const variants = JSON.parse(alert.message) as Record<string, string>;
    expect({ ...alert, message: { ...variants, lambda: JSON.parse(variants.lambda ?? '') } }).toEqual({
      subject: 'kda-auditor: scan of account 111122223333 failed (ScanFailedError)',
      attributes: {
        severity: 'high',
        accountId: '111122223333',
        region: '*',
        application: '*',
        eventType: 'SCAN_FAILED',
      },
      message: {
        default: `${text}\n`,
        email: expect.stringMatching(/^The scan of account 111122223333 failed: [\s\S]*\n--\n/),
        lambda: {
          version: 1,
          eventType: 'SCAN_FAILED',
          accountId: '111122223333',
          severity: 'high',
          scanId: 'scan-9',
          score: null,
          grade: null,
          summary:
            'The scan of account 111122223333 failed: ScanFailedError: Could not identify the account: fix the credentials.',
          findings: [],
          moreFindings: 0,
        },
        sqs: variants.lambda,
        http: variants.lambda,
        https: variants.lambda,
      },
    });
    expect(alert.message).not.toContain('AKIAIOSFODNN7EXAMPLE');
  });

  it('returns "unknown" as the account when the scan failed before knowing it, and quotes a non-Error', () => {
    // Act
    const alert = scanFailedAlert('socket hang up', undefined, 'scan-10');

    // Assess
    expect([
      alert.subject,
      alert.attributes.accountId,
      JSON.parse(alert.message).default.split('\n')[0],
    ]).toEqual([
      'kda-auditor: scan of account unknown failed (Error)',
      'unknown',
      'The scan of account unknown failed: socket hang up',
    ]);
  });
});
