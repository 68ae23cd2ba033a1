import { describe, expect, it } from 'vitest';
import type { Severity, Status } from '../../../shared/checks/types.js';
import type { CollectionError } from '../../../shared/snapshot/types.js';
import { type ScannedVerdicts, verdictDivergences } from './verdict-divergences.js';

const APP = 'arn:aws:kinesisanalytics:eu-west-1:111122223333:application/orders';
const STREAM = 'arn:aws:kinesis:eu-west-1:111122223333:stream/orders-in';
const KEY = 'arn:aws:kms:eu-west-1:111122223333:key/1111';

const streamRead: CollectionError = {
  operation: 'kinesis:DescribeStreamSummary',
  resource: STREAM,
  region: 'eu-west-1',
  code: 'ServiceUnavailable',
  message: 'The request has failed due to a temporary failure of the server.',
};

function finding(
  checkId: string,
  status: Status,
  resourceArn: string,
  detail = 'checked',
  severity: Severity = 'high',
) {
  return { checkId, status, severity, resourceArn, detail };
}

// One application reading one stream encrypted with one key; the clean scan passes everything.
function verdicts(
  options: {
    findings?: ReturnType<typeof finding>[];
    errors?: CollectionError[];
    applications?: 'none';
    score?: number | null;
  } = {},
): ScannedVerdicts {
  const errors = options.errors ?? [];
  const score = options.score === undefined ? 100 : options.score;
  return {
    complete: errors.length === 0,
    score,
    collectionErrors: errors,
    applications:
      options.applications === 'none'
        ? []
        : [
            {
              applicationArn: APP,
              region: 'eu-west-1',
              score,
              findings: options.findings ?? [
                finding('kinesis-stream-encrypted', 'PASS', STREAM),
                finding('kms-key-enabled', 'PASS', KEY),
              ],
            },
          ],
  };
}

const unreadStream = `Could not read ${STREAM} (kinesis:DescribeStreamSummary failed with ServiceUnavailable).`;
const keyBehindStream = `Cannot tell: ${STREAM} could not be read (kinesis:DescribeStreamSummary failed with ServiceUnavailable), so any KMS key orders uses through it is unknown.`;

describe('Function: verdictDivergences', () => {
  it('returns nothing when the faulty scan has the clean verdicts', () => {
    // Act
    const divergences = verdictDivergences(verdicts(), verdicts());

    // Assess
    expect(divergences).toEqual([]);
  });

  it('returns nothing when a verdict on a resource that could not be read turns ERROR naming the read', () => {
    // Prepare
    const faulty = verdicts({
      findings: [
        finding('kinesis-stream-encrypted', 'ERROR', STREAM, unreadStream),
        finding('kms-key-enabled', 'PASS', KEY),
      ],
      errors: [streamRead],
      score: 67,
    });

    // Act
    const divergences = verdictDivergences(verdicts(), faulty);

    // Assess
    expect(divergences).toEqual([]);
  });

  it('returns a PASS the clean scan does not have', () => {
    // Prepare
    const clean = verdicts({ findings: [finding('kinesis-stream-encrypted', 'FAIL', STREAM)] });
    const faulty = verdicts({ findings: [finding('kinesis-stream-encrypted', 'PASS', STREAM)] });

    // Act
    const divergences = verdictDivergences(clean, faulty);

    // Assess
    expect(divergences).toEqual([
      `${APP} kinesis-stream-encrypted on ${STREAM}: PASS where the clean scan has FAIL`,
    ]);
  });

  it('returns an ERROR that names no read failed in this scan', () => {
    // Prepare
    const faulty = verdicts({
      findings: [
        finding('kinesis-stream-encrypted', 'ERROR', STREAM, unreadStream),
        finding('kms-key-enabled', 'PASS', KEY),
      ],
    });

    // Act
    const divergences = verdictDivergences(verdicts(), faulty);

    // Assess
    expect(divergences).toEqual([
      `${APP} kinesis-stream-encrypted on ${STREAM}: ERROR (clean: PASS) names no read that failed: ${unreadStream}`,
    ]);
  });

  it('returns a verdict that vanished with no ERROR in its place, and a report that says complete', () => {
    // Prepare: a read unrelated to the key failed, the report claims completeness and the key's verdict is gone
    const logsRead = { ...streamRead, operation: 'logs:DescribeLogGroups', resource: `${APP}-logs` };
    const faulty = {
      ...verdicts({ findings: [finding('kinesis-stream-encrypted', 'PASS', STREAM)], errors: [logsRead] }),
      complete: true,
    };

    // Act
    const divergences = verdictDivergences(verdicts(), faulty);

    // Assess
    expect(divergences).toEqual([
      'the report says complete although 1 read(s) failed',
      `${APP} kms-key-enabled on ${KEY}: PASS vanished with no ERROR in its place`,
    ]);
  });

  it('returns a key check whose verdict vanished behind a failed read with no ERROR of its own', () => {
    // Prepare: the stream's ERROR belongs to another check; the key check must say it cannot tell
    const faulty = verdicts({
      findings: [finding('kinesis-stream-encrypted', 'ERROR', STREAM, unreadStream)],
      errors: [streamRead],
      score: 0,
    });

    // Act
    const divergences = verdictDivergences(verdicts(), faulty);

    // Assess
    expect(divergences).toEqual([
      `${APP} kms-key-enabled on ${KEY}: PASS vanished with no ERROR in its place`,
    ]);
  });

  it('returns a key check that says NOT_APPLICABLE although its key hid behind a failed read', () => {
    // Prepare: the clean scan might have found a key there, so "nothing to judge" is not proven
    const faulty = verdicts({
      findings: [
        finding('kinesis-stream-encrypted', 'ERROR', STREAM, unreadStream),
        finding('kms-key-enabled', 'NOT_APPLICABLE', APP),
      ],
      errors: [streamRead],
    });

    // Act
    const divergences = verdictDivergences(verdicts(), faulty);

    // Assess
    expect(divergences).toEqual([
      `${APP} kms-key-enabled on ${APP}: NOT_APPLICABLE where the clean scan has no verdict`,
      `${APP} kms-key-enabled on ${KEY}: PASS vanished with no ERROR in its place`,
    ]);
  });

  it('returns nothing for a key check that says ERROR naming the stream its key hid behind', () => {
    // Prepare
    const faulty = verdicts({
      findings: [
        finding('kinesis-stream-encrypted', 'ERROR', STREAM, unreadStream),
        finding('kms-key-enabled', 'ERROR', STREAM, keyBehindStream, 'critical'),
      ],
      errors: [streamRead],
      score: 0,
    });

    // Act
    const divergences = verdictDivergences(verdicts(), faulty);

    // Assess
    expect(divergences).toEqual([]);
  });

  it('returns a verdict replaced by an ERROR of its check that names no read that failed', () => {
    // Prepare
    const faulty = verdicts({
      findings: [
        finding('kinesis-stream-encrypted', 'ERROR', STREAM, unreadStream),
        finding('kms-key-enabled', 'ERROR', APP, 'The check could not run: boom', 'critical'),
      ],
      errors: [streamRead],
      score: 0,
    });

    // Act
    const divergences = verdictDivergences(verdicts(), faulty);

    // Assess
    expect(divergences).toEqual([
      `${APP} kms-key-enabled on ${APP}: ERROR (clean: no verdict) names no read that failed: The check could not run: boom`,
      `${APP} kms-key-enabled on ${KEY}: PASS vanished with no ERROR in its place`,
    ]);
  });

  it('returns a FAIL or ERROR milder than the clean verdict on the same resource', () => {
    // Prepare: a key pending deletion whose ERROR would no longer cap the score at 40
    const keyRead = { ...streamRead, operation: 'kms:DescribeKey', resource: KEY };
    const unreadKey = `Could not read ${KEY} (kms:DescribeKey failed with ServiceUnavailable).`;
    const clean = verdicts({
      findings: [finding('kms-key-enabled', 'FAIL', KEY, 'pending deletion', 'critical')],
    });
    const faulty = verdicts({
      findings: [finding('kms-key-enabled', 'ERROR', KEY, unreadKey)],
      errors: [keyRead],
    });

    // Act
    const divergences = verdictDivergences(clean, faulty);

    // Assess
    expect(divergences).toEqual([
      `${APP} kms-key-enabled on ${KEY}: ERROR at high where the clean scan has FAIL at critical`,
    ]);
  });

  it('returns an application and an account that score higher than in the clean scan', () => {
    // Prepare
    const faulty = verdicts({
      findings: [
        finding('kinesis-stream-encrypted', 'ERROR', STREAM, unreadStream),
        finding('kms-key-enabled', 'PASS', KEY),
      ],
      errors: [streamRead],
      score: 50,
    });

    // Act
    const divergences = verdictDivergences(verdicts({ score: 40 }), faulty);

    // Assess
    expect(divergences).toEqual([
      `${APP} scores 50 where the clean scan scores 40`,
      'the account scores 50 where the clean scan scores 40',
    ]);
  });

  it('returns a NOT_APPLICABLE that replaces verdicts not hidden behind a failed read', () => {
    // Prepare
    const faulty = verdicts({
      findings: [
        finding('kinesis-stream-encrypted', 'NOT_APPLICABLE', APP),
        finding('kms-key-enabled', 'PASS', KEY),
      ],
      errors: [streamRead],
    });

    // Act
    const divergences = verdictDivergences(verdicts(), faulty);

    // Assess
    expect(divergences).toEqual([
      `${APP} kinesis-stream-encrypted on ${APP}: NOT_APPLICABLE where the clean scan has no verdict`,
      `${APP} kinesis-stream-encrypted on ${STREAM}: PASS vanished with no ERROR in its place`,
    ]);
  });

  it('returns an application missing although its region was listed', () => {
    // Act
    const divergences = verdictDivergences(
      verdicts(),
      verdicts({ applications: 'none', errors: [streamRead] }),
    );

    // Assess
    expect(divergences).toEqual([`${APP} is missing, yet eu-west-1 was listed`]);
  });

  it('returns nothing for an application missing because its region could not be listed, the account capped at 40', () => {
    // Prepare
    const listing: CollectionError = {
      operation: 'kinesisanalytics:ListApplications',
      region: 'eu-west-1',
      code: 'TimeoutError',
      message: 'socket hang up',
    };

    // Act
    const divergences = verdictDivergences(
      verdicts({ score: 20 }),
      verdicts({ applications: 'none', errors: [listing], score: 40 }),
    );

    // Assess
    expect(divergences).toEqual([]);
  });

  it('returns an account scored above the critical cap although a region could not be listed', () => {
    // Prepare
    const listing: CollectionError = {
      operation: 'kinesisanalytics:ListApplications',
      region: 'eu-west-1',
      code: 'TimeoutError',
      message: 'socket hang up',
    };

    // Act
    const divergences = verdictDivergences(
      verdicts({ score: 20 }),
      verdicts({ applications: 'none', errors: [listing], score: 90 }),
    );

    // Assess
    expect(divergences).toEqual([
      'the account scores 90 with a region unlisted, above the critical cap of 40',
    ]);
  });
});
