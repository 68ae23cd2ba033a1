import { describe, expect, it } from 'vitest';
import { evaluateAccount } from '../../shared/evaluate/evaluate-account.js';
import { leaveOutNotReached } from '../../shared/report/not-reached.js';
import {
  ENRICHER,
  example,
  notStarted,
  SESSIONIZER,
  SESSIONS_IN,
  withoutSessionsIn,
} from '../support/time-limit-fixtures.js';

describe('Function: leaveOutNotReached', () => {
  it('returns the evaluation as it is when every read was started', () => {
    // Prepare
    const evaluation = evaluateAccount(example);

    // Act
    const reached = leaveOutNotReached(example, evaluation, {});

    // Assess
    expect(reached).toEqual({ evaluation });
  });

  it('leaves out the application whose verdicts need the read not started, and keeps the other one as a full scan judges it', () => {
    // Prepare
    const snapshot = withoutSessionsIn();
    const full = evaluateAccount(example);

    // Act
    const reached = leaveOutNotReached(snapshot, evaluateAccount(snapshot), {});

    // Assess
    expect(reached.evaluation.applications).toEqual(
      full.applications.filter((application) => application.applicationArn === ENRICHER),
    );
    expect(reached.notReached).toEqual({
      reason: 'TIME_LIMIT',
      reads: 1,
      regions: [],
      applications: [
        { applicationArn: SESSIONIZER, applicationName: 'legacy-sessionizer', region: 'eu-west-1' },
      ],
    });
  });

  it('never turns the unread stream into a verdict: the application left out had ERROR where a full scan has a verdict', () => {
    // Prepare
    const snapshot = withoutSessionsIn();

    // Act
    const judged = evaluateAccount(snapshot).applications.find(
      (application) => application.applicationArn === SESSIONIZER,
    );

    // Assess: what the left-out application would have shown: ERROR on the stream, no PASS on it.
    const onStream = judged?.findings.filter((finding) => finding.resourceArn === SESSIONS_IN) ?? [];
    expect(onStream.length).toBeGreaterThan(0);
    expect(onStream.every((finding) => finding.status === 'ERROR')).toBe(true);
  });

  it('lists a region whose applications were not listed, and keeps failed reads out of the count', () => {
    // Prepare
    const snapshot = withoutSessionsIn([
      notStarted({ operation: 'kinesisanalytics:ListApplications', region: 'us-east-1' }),
      {
        operation: 'kms:DescribeKey',
        region: 'eu-west-1',
        resource: 'arn:aws:kms:eu-west-1:111122223333:key/unrelated',
        code: 'AccessDeniedException',
        message: 'denied',
      },
    ]);

    // Act
    const reached = leaveOutNotReached(snapshot, evaluateAccount(snapshot), {});

    // Assess
    expect(reached.notReached?.regions).toEqual(['us-east-1']);
    expect(reached.notReached?.reads).toBe(2);
  });
});
