import { describe, expect, it } from 'vitest';
import { affectedApplications } from '../../shared/live/affected-applications.js';
import { resourceIndex } from '../../shared/live/resource-index.js';
import type { AffectedApplications } from '../../shared/live/types.js';
import type { AccountSnapshot } from '../../shared/snapshot/types.js';
import {
  changeEvent,
  graphNode,
  LIVE_ACCOUNT,
  liveApplicationArn,
  liveReport,
  reportApplication,
} from '../support/live-fixtures.js';

const ACCOUNT = LIVE_ACCOUNT;
const app = liveApplicationArn;
const stream = (name: string) => `arn:aws:kinesis:eu-west-1:${ACCOUNT}:stream/${name}`;
const key = (id: string) => `arn:aws:kms:eu-west-1:${ACCOUNT}:key/${id}`;
const affects = (applications: string[], reason: string): AffectedApplications => ({ applications, reason });

const ROLE = `arn:aws:iam::${ACCOUNT}:role/orders-role`;
const POLICY = `arn:aws:iam::${ACCOUNT}:policy/orders-streams`;
const ORDERS_KEY = key('1234abcd-12ab-34cd-56ef-1234567890ab');
const ORDERS_IN = stream('orders-in');

/** Two applications sharing one role and one encrypted stream, in two regions. */
function ordersIndex(withSnapshot: boolean) {
  const nodes = [
    graphNode(ROLE, 'iam-role', 'orders-role'),
    graphNode(ORDERS_IN, 'kinesis-stream', 'orders-in'),
    graphNode(ORDERS_KEY, 'kms-key', ORDERS_KEY),
  ];
  const edges = [{ from: ORDERS_IN, to: ORDERS_KEY, relation: 'encryption-key' as const }];
  const report = liveReport([
    reportApplication('orders-router', 'eu-west-1', nodes, edges),
    reportApplication('orders-audit', 'us-east-1', nodes, edges),
  ]);
  const snapshot: AccountSnapshot = {
    snapshotVersion: 1,
    accountId: ACCOUNT,
    iam: {
      roles: [{ RoleName: 'orders-role', Arn: ROLE, AttachedManagedPolicies: [{ PolicyArn: POLICY }] }],
    },
    regions: {
      'eu-west-1': {
        keys: [
          {
            KeyMetadata: { KeyId: '1234abcd-12ab-34cd-56ef-1234567890ab', Arn: ORDERS_KEY },
            Aliases: ['alias/orders'],
          },
        ],
      },
    },
  };
  return resourceIndex(report, withSnapshot ? snapshot : undefined);
}

const BOTH = [app('orders-router'), app('orders-audit', 'us-east-1')];
const ignoredBecause = (ignored: string): AffectedApplications => ({ applications: [], ignored });

describe('Function: affectedApplications', () => {
  it('returns the roles attaching a changed policy, through to their applications', () => {
    // Prepare
    const event = changeEvent('iam.amazonaws.com', 'SetDefaultPolicyVersion', {
      policyArn: POLICY,
      versionId: 'v3',
    });

    // Act
    const affected = affectedApplications(event, ordersIndex(true));

    // Assess
    expect(affected).toEqual(affects(BOTH, `iam SetDefaultPolicyVersion on ${POLICY}, attached to ${ROLE}`));
  });

  it('returns every application for a policy event when the index does not know attachments', () => {
    // Prepare
    const event = changeEvent('iam.amazonaws.com', 'CreatePolicyVersion', { policyArn: POLICY });

    // Act
    const affected = affectedApplications(event, ordersIndex(false));

    // Assess
    expect(affected).toEqual(
      affects(BOTH, `iam CreatePolicyVersion on ${POLICY}, attachments unknown: every application`),
    );
  });

  it('returns every application for a trail the index does not record', () => {
    // Prepare
    const event = changeEvent('cloudtrail.amazonaws.com', 'StopLogging', { name: 'new-trail' });

    // Act
    const affected = affectedApplications(event, ordersIndex(true));

    // Assess
    expect(affected).toEqual(
      affects(
        BOTH,
        `cloudtrail StopLogging on arn:aws:cloudtrail:eu-west-1:${ACCOUNT}:trail/new-trail, a trail the last scan did not record: every region`,
      ),
    );
  });

  it('returns the applications behind a key named by its alias', () => {
    // Prepare
    const event = changeEvent('kms.amazonaws.com', 'DisableKey', { keyId: 'alias/orders' });

    // Act
    const affected = affectedApplications(event, ordersIndex(true));

    // Assess
    expect(affected).toEqual(affects(BOTH, `kms DisableKey on ${ORDERS_KEY} (encrypts ${ORDERS_IN})`));
  });

  it('returns the key from the event resources when the request names none', () => {
    // Prepare
    const event = changeEvent('kms.amazonaws.com', 'ScheduleKeyDeletion', {});
    event.detail.resources = [{ ARN: ORDERS_KEY, type: 'AWS::KMS::Key', accountId: ACCOUNT }];

    // Act
    const affected = affectedApplications(event, ordersIndex(true));

    // Assess
    expect(affected).toEqual(
      affects(BOTH, `kms ScheduleKeyDeletion on ${ORDERS_KEY} (encrypts ${ORDERS_IN})`),
    );
  });

  it('returns a created application by its name when the response carries no ARN', () => {
    // Prepare
    const event = changeEvent('kinesisanalytics.amazonaws.com', 'CreateApplication', {
      applicationName: 'orders-v2',
    });

    // Act
    const affected = affectedApplications(event, ordersIndex(true));

    // Assess
    expect(affected).toEqual(
      affects(
        [app('orders-v2')],
        `kinesisanalytics CreateApplication on ${app('orders-v2')} (not in the last scan)`,
      ),
    );
  });

  it('ignores a deleted application the last scan did not hold', () => {
    // Prepare
    const event = changeEvent('kinesisanalytics.amazonaws.com', 'DeleteApplication', {
      applicationName: 'scratch',
    });

    // Act
    const affected = affectedApplications(event, ordersIndex(true));

    // Assess
    expect(affected).toEqual(
      ignoredBecause(`kinesisanalytics DeleteApplication on ${app('scratch')}: not in the last scan`),
    );
  });

  it('ignores a change to a resource no audited application uses', () => {
    // Prepare
    const event = changeEvent('s3.amazonaws.com', 'DeleteBucketEncryption', { bucketName: 'team-scratch' });

    // Act
    const affected = affectedApplications(event, ordersIndex(true));

    // Assess
    expect(affected).toEqual(
      ignoredBecause(
        's3 DeleteBucketEncryption on arn:aws:s3:::team-scratch: no audited application uses it',
      ),
    );
  });

  it('ignores a call that failed', () => {
    // Prepare
    const event = changeEvent('kinesis.amazonaws.com', 'StopStreamEncryption', { streamARN: ORDERS_IN });
    event.detail.errorCode = 'AccessDenied';

    // Act
    const affected = affectedApplications(event, ordersIndex(true));

    // Assess
    expect(affected).toEqual(ignoredBecause('StopStreamEncryption failed (AccessDenied): nothing changed'));
  });

  it('ignores an event of another account', () => {
    // Prepare
    const event = changeEvent(
      'kinesis.amazonaws.com',
      'StopStreamEncryption',
      { streamARN: ORDERS_IN },
      {
        account: '444455556666',
      },
    );

    // Act
    const affected = affectedApplications(event, ordersIndex(true));

    // Assess
    expect(affected).toEqual(
      ignoredBecause(`StopStreamEncryption in account 444455556666, not the audited ${ACCOUNT}`),
    );
  });

  it('ignores an API call that cannot change a verdict', () => {
    // Prepare
    const event = changeEvent('kinesis.amazonaws.com', 'PutRecords', { streamName: 'orders-in' });

    // Act
    const affected = affectedApplications(event, ordersIndex(true));

    // Assess
    expect(affected).toEqual(ignoredBecause('kinesis.amazonaws.com PutRecords is not a change event'));
  });

  it('ignores an event that is not a CloudTrail API call', () => {
    // Prepare
    const event = changeEvent(
      'kinesis.amazonaws.com',
      'StopStreamEncryption',
      {},
      {
        'detail-type': 'Scheduled Event',
      },
    );

    // Act
    const affected = affectedApplications(event, ordersIndex(true));

    // Assess
    expect(affected).toEqual(ignoredBecause('not a CloudTrail API call event (Scheduled Event)'));
  });

  it('ignores an event that names no resource', () => {
    // Prepare
    const event = changeEvent('iam.amazonaws.com', 'DeleteRole', {});

    // Act
    const affected = affectedApplications(event, ordersIndex(true));

    // Assess
    expect(affected).toEqual(ignoredBecause('iam DeleteRole names no role'));
  });

  it('ignores a change to a role no audited application runs as', () => {
    // Prepare
    const event = changeEvent('iam.amazonaws.com', 'DeleteRole', { roleName: 'ci-deployer' });

    // Act
    const affected = affectedApplications(event, ordersIndex(true));

    // Assess
    expect(affected).toEqual(
      ignoredBecause('iam DeleteRole on role ci-deployer: no audited application uses it'),
    );
  });

  it('ignores a single-region trail of a region without applications', () => {
    // Prepare
    const trail = `arn:aws:cloudtrail:ap-south-1:${ACCOUNT}:trail/local`;
    const index = ordersIndex(true);
    index.trails = { [trail]: { name: 'local', homeRegion: 'ap-south-1', multiRegion: false } };
    const event = changeEvent(
      'cloudtrail.amazonaws.com',
      'DeleteTrail',
      { name: trail },
      { region: 'ap-south-1' },
    );

    // Act
    const affected = affectedApplications(event, index);

    // Assess
    expect(affected).toEqual(
      ignoredBecause(`cloudtrail DeleteTrail on ${trail}: no application in ap-south-1`),
    );
  });
});
