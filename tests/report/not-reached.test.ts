import { describe, expect, it } from 'vitest';
import { CHECKS } from '../../shared/checks/registry.js';
import type { Check } from '../../shared/checks/types.js';
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

/** The registry's checks, each counting the applications it judges. */
function countingChecks(): { checks: Check[]; judged: string[] } {
  const judged: string[] = [];
  const checks = CHECKS.map(
    (check): Check => ({
      metadata: check.metadata,
      evaluate(context) {
        judged.push(context.application.ApplicationARN);
        return check.evaluate(context);
      },
    }),
  );
  return { checks, judged };
}

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

  it('judges again only the application whose judging met the read not started', () => {
    // Prepare
    const snapshot = withoutSessionsIn();
    const { checks, judged } = countingChecks();
    const evaluation = evaluateAccount(snapshot, {}, checks);
    judged.length = 0;

    // Act
    const reached = leaveOutNotReached(snapshot, evaluation, {}, checks);

    // Assess: every check ran again on the sessionizer, none on the enricher
    expect(new Set(judged)).toEqual(new Set([SESSIONIZER]));
    expect(judged).toHaveLength(CHECKS.length);
    expect(reached.notReached?.applications.map(({ applicationArn }) => applicationArn)).toEqual([
      SESSIONIZER,
    ]);
  });

  it('judges nothing again when no application met the read not started, yet counts the read', () => {
    // Prepare
    const unrelated = 'arn:aws:kinesis:eu-west-1:111122223333:stream/nobody-reads-this';
    const snapshot = {
      ...example,
      collectionErrors: [
        notStarted({ operation: 'kinesis:DescribeStreamSummary', region: 'eu-west-1', resource: unrelated }),
      ],
    };
    const { checks, judged } = countingChecks();
    const evaluation = evaluateAccount(snapshot, {}, checks);
    judged.length = 0;

    // Act
    const reached = leaveOutNotReached(snapshot, evaluation, {}, checks);

    // Assess
    expect(judged).toEqual([]);
    expect(reached).toEqual({
      evaluation,
      notReached: { reason: 'TIME_LIMIT', reads: 1, regions: [], applications: [] },
    });
  });

  it('judges every application again for an evaluation it cannot trace (a copy), with the same result', () => {
    // Prepare
    const snapshot = withoutSessionsIn();
    const evaluation = evaluateAccount(snapshot);
    const { checks, judged } = countingChecks();

    // Act
    const traced = leaveOutNotReached(snapshot, evaluation, {});
    const copied = leaveOutNotReached(snapshot, { ...evaluation }, {}, checks);

    // Assess
    expect(new Set(judged)).toEqual(new Set([ENRICHER, SESSIONIZER]));
    expect(copied).toEqual(traced);
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
