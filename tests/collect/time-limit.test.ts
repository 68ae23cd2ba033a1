import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { GetAccessKeyInfoCommand } from '@aws-sdk/client-sts';
import { afterEach, describe, expect, it } from 'vitest';
import { CallGovernor } from '../../shared/aws/governor.js';
import { AccessKeyLookups } from '../../shared/collect/access-keys.js';
import { MemoryArtifactScanCache } from '../../shared/collect/artifact-scan-cache.js';
import { CodeArtifactReads } from '../../shared/collect/code-artifacts.js';
import { callAws, callAwsPages } from '../../shared/collect/collection-context.js';
import { SnapshotDraft } from '../../shared/collect/snapshot-draft.js';
import { pastDeadline, TIME_LIMIT_REACHED } from '../../shared/collect/time-limit.js';
import { ACCOUNT_ID, account, application, bucket, REGION } from './support/account-builders.js';
import { fakeAws, restoreAws } from './support/fake-aws.js';
import { scanContext } from './support/scan-context.js';

const DEADLINE = new Date('2026-11-29T02:13:30Z');
const NOT_STARTED = `Not started: the scan stopped starting reads at ${DEADLINE.toISOString()} to finish within its time limit.`;

/** A clock the test moves by hand. */
function manualClock(start: string) {
  let now = new Date(start);
  return { clock: () => now, set: (time: string) => (now = new Date(time)) };
}

describe('Function: pastDeadline', () => {
  it('is false without a limit and before the deadline, true from the deadline on', () => {
    // Prepare
    const time = manualClock('2026-11-29T02:13:29.999Z');
    const limit = { deadline: DEADLINE, clock: time.clock };

    // Act
    const before = pastDeadline(limit);
    time.set('2026-11-29T02:13:30Z');
    const at = pastDeadline(limit);

    // Assess
    expect([pastDeadline(undefined), before, at]).toEqual([false, false, true]);
  });
});

describe('Function: callAws (time limit)', () => {
  it('sends the call before the deadline', async () => {
    // Prepare
    const time = manualClock('2026-11-29T02:00:00Z');
    const context = { ...scanContext(), timeLimit: { deadline: DEADLINE, clock: time.clock } };

    // Act
    const outcome = await callAws(context, { operation: 'kms:DescribeKey' }, async () => 42);

    // Assess
    expect(outcome).toEqual({ status: 'ok', value: 42 });
    expect(context.errors).toEqual([]);
  });

  it('does not send a call past the deadline, and records it as not started, not as absent', async () => {
    // Prepare
    const time = manualClock('2026-11-29T02:13:30Z');
    const context = { ...scanContext(), timeLimit: { deadline: DEADLINE, clock: time.clock } };
    let sent = 0;

    // Act
    const outcome = await callAws(
      context,
      {
        operation: 'kinesis:DescribeStreamSummary',
        region: 'eu-west-1',
        resource: 'arn:aws:kinesis:eu-west-1:111122223333:stream/clicks',
        absentOn: [TIME_LIMIT_REACHED, 'ResourceNotFoundException'],
      },
      async () => {
        sent += 1;
        return 42;
      },
    );

    // Assess
    expect(sent).toBe(0);
    expect(outcome).toEqual({ status: 'failed', code: TIME_LIMIT_REACHED });
    expect(context.errors).toEqual([
      {
        operation: 'kinesis:DescribeStreamSummary',
        region: 'eu-west-1',
        resource: 'arn:aws:kinesis:eu-west-1:111122223333:stream/clicks',
        code: TIME_LIMIT_REACHED,
        message: NOT_STARTED,
      },
    ]);
    // Never started, so never counted as a call made.
    expect(context.governor.stats()).toEqual({});
  });

  it('does not send a call queued before the deadline whose turn comes after it; the call in flight finishes', async () => {
    // Prepare: one call at a time, so the second waits behind the first.
    const time = manualClock('2026-11-29T02:13:00Z');
    const context = {
      ...scanContext(),
      governor: new CallGovernor({ default: 1 }),
      timeLimit: { deadline: DEADLINE, clock: time.clock },
    };
    let release: (value: string) => void = () => {};
    const first = callAws(
      context,
      { operation: 'iam:GetRole', resource: 'arn:aws:iam::111122223333:role/a' },
      () =>
        new Promise<string>((resolve) => {
          release = resolve;
        }),
    );
    let secondSent = false;
    const second = callAws(
      context,
      { operation: 'iam:GetRole', resource: 'arn:aws:iam::111122223333:role/b' },
      async () => {
        secondSent = true;
        return 'b';
      },
    );

    // Act: the deadline passes while the first call is in flight.
    await new Promise((resolve) => setImmediate(resolve));
    time.set('2026-11-29T02:14:00Z');
    release('a');
    const outcomes = await Promise.all([first, second]);

    // Assess
    expect(outcomes).toEqual([
      { status: 'ok', value: 'a' },
      { status: 'failed', code: TIME_LIMIT_REACHED },
    ]);
    expect(secondSent).toBe(false);
    expect(context.errors.map(({ resource, code }) => ({ resource, code }))).toEqual([
      { resource: 'arn:aws:iam::111122223333:role/b', code: TIME_LIMIT_REACHED },
    ]);
  });

  it('fails a paginated read whose next page would start past the deadline: a partial list is no list', async () => {
    // Prepare
    const time = manualClock('2026-11-29T02:13:00Z');
    const context = { ...scanContext(), timeLimit: { deadline: DEADLINE, clock: time.clock } };
    const pages: { items: string[]; next?: string }[] = [{ items: ['a'], next: 'page-2' }, { items: ['b'] }];

    // Act
    const outcome = await callAwsPages(
      context,
      { operation: 'kinesisanalytics:ListApplications', region: 'eu-west-1' },
      async (token) => {
        // The deadline passes while the first page is read.
        time.set('2026-11-29T02:14:00Z');
        return (token ? pages[1] : pages[0]) ?? { items: [] };
      },
      (page) => page.next,
    );

    // Assess
    expect(outcome).toEqual({ status: 'failed', code: TIME_LIMIT_REACHED });
    expect(context.errors.map(({ operation, code }) => ({ operation, code }))).toEqual([
      { operation: 'kinesisanalytics:ListApplications', code: TIME_LIMIT_REACHED },
    ]);
  });
});

describe('Collection pipeline (time limit)', () => {
  afterEach(() => restoreAws());

  it('starts no code object read and no key lookup past the deadline, and records both as not started', async () => {
    // Prepare: the code bucket is read, the deadline has passed.
    const app = application('late', { code: 'code' });
    const stubs = fakeAws(
      account({ buckets: [bucket('code')], regions: { [REGION]: { applications: [app] } } }),
    );
    const time = manualClock('2026-11-29T02:13:30Z');
    const context = { ...scanContext(), timeLimit: { deadline: DEADLINE, clock: time.clock } };
    const draft = new SnapshotDraft(ACCOUNT_ID, 'aws', [REGION], context.errors);
    draft.setApplications(REGION, [app]);
    draft.addBucket(bucket('code'));
    const artifacts = new CodeArtifactReads(context, draft, {
      maxBytes: 1024,
      cache: new MemoryArtifactScanCache(),
      scannerVersion: 1,
      scan: () => {
        throw new Error('nothing is downloaded past the deadline');
      },
    });
    const keys = new AccessKeyLookups(context);

    // Act
    artifacts.add(app);
    keys.found(['AKIAIOSFODNN7EXAMPLE']);
    await artifacts.close();
    const found = await keys.close();

    // Assess
    expect(stubs.s3).not.toHaveReceivedCommand(HeadObjectCommand);
    expect(stubs.sts).not.toHaveReceivedCommand(GetAccessKeyInfoCommand);
    expect(found).toEqual([]);
    expect(context.errors.map(({ operation, resource, code }) => ({ operation, resource, code }))).toEqual([
      { operation: 's3:HeadObject', resource: 'arn:aws:s3:::code/app.jar', code: TIME_LIMIT_REACHED },
      { operation: 'sts:GetAccessKeyInfo', resource: 'AKIAIOSFODNN7EXAMPLE', code: TIME_LIMIT_REACHED },
    ]);
  });
});
