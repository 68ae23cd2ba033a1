import { describe, expect, it } from 'vitest';
import { applicationLoggingEnabled } from '../../../shared/checks/operations/application-logging-enabled.js';
import type { ApplicationDetail } from '../../../shared/snapshot/types.js';
import { expectedFinding, findingsOf } from '../../support/encryption-fixtures.js';
import { accountSnapshot, application, applicationArn } from '../../support/snapshot-builder.js';

const check = applicationLoggingEnabled;
const APP = applicationArn('orders-enricher');
const LOG_STREAM =
  'arn:aws:logs:eu-west-1:111122223333:log-group:/aws/kinesis-analytics/orders-enricher:log-stream:kinesis-analytics-log-stream';

/** A snapshot of one application with these logging options. */
function logging(options: ApplicationDetail['CloudWatchLoggingOptionDescriptions']) {
  const app = application();
  if (options === undefined) delete app.CloudWatchLoggingOptionDescriptions;
  else app.CloudWatchLoggingOptionDescriptions = options;
  return accountSnapshot({ applications: [app] });
}

describe('Check: application-logging-enabled', () => {
  it('returns PASS naming the log stream', () => {
    // Prepare
    const snapshot = logging([{ CloudWatchLoggingOptionId: '1.1', LogStreamARN: LOG_STREAM }]);

    // Act
    const findings = findingsOf(check, snapshot);

    // Assess
    expect(findings).toEqual([
      expectedFinding(check, {
        status: 'PASS',
        resourceArn: APP,
        detail: `orders-enricher sends its logs to ${LOG_STREAM}.`,
      }),
    ]);
  });

  it.each([
    ['an empty list of', []],
    ['no', undefined],
  ])('returns FAIL for %s logging options', (_case, options) => {
    // Prepare
    const snapshot = logging(options);

    // Act
    const findings = findingsOf(check, snapshot);

    // Assess
    expect(findings).toEqual([
      expectedFinding(check, {
        status: 'FAIL',
        resourceArn: APP,
        detail: 'orders-enricher has no CloudWatch logging option, so its logs are not kept.',
      }),
    ]);
  });
});
