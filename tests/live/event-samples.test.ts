import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runAudit } from '../../shared/audit.js';
import { demoAccount } from '../../shared/demo/demo-account.js';
import { affectedApplications } from '../../shared/live/affected-applications.js';
import { CHANGE_EVENTS } from '../../shared/live/event-kinds.js';
import { resourceIndex } from '../../shared/live/resource-index.js';
import type { AffectedApplications, CloudTrailChangeEvent } from '../../shared/live/types.js';

const SAMPLES = new URL('../../events/live/', import.meta.url);
const ACCOUNT = '111122223333';
const app = (name: string, region = 'eu-west-1') =>
  `arn:aws:kinesisanalytics:${region}:${ACCOUNT}:application/${name}`;
const stream = (name: string, region = 'eu-west-1') => `arn:aws:kinesis:${region}:${ACCOUNT}:stream/${name}`;
const key = (id: string) => `arn:aws:kms:eu-west-1:${ACCOUNT}:key/${id}`;
const TRAIL = `arn:aws:cloudtrail:eu-west-1:${ACCOUNT}:trail/demo-eu-audit`;
const LAKE = `arn:aws:firehose:eu-west-1:${ACCOUNT}:deliverystream/clicks-to-lake`;
const SHARED_ROLE = `arn:aws:iam::${ACCOUNT}:role/demo-orders-shared-role`;
const EU_APPS = [
  app('clickstream-sessionizer'),
  app('fraud-scorer'),
  app('inventory-snapshots'),
  app('orders-router'),
  app('partner-feed-loader'),
  app('payments-aggregator'),
];
const ARTIFACT_USERS = [
  app('clickstream-sessionizer'),
  app('fraud-scorer'),
  app('orders-router'),
  app('partner-feed-loader'),
  app('payments-aggregator'),
  app('legacy-sql-alerts', 'us-east-1'),
];
const ORDERS = [app('orders-router'), app('legacy-sql-alerts', 'us-east-1')];

const affects = (applications: string[], reason: string): AffectedApplications => ({ applications, reason });
const onApp = (event: string, name: string, region = 'eu-west-1') =>
  affects([app(name, region)], `kinesisanalytics ${event} on ${app(name, region)}`);
const legacy = (event: string) => onApp(event, 'legacy-sql-alerts', 'us-east-1');

/** Every sample in events/live/ and the applications of the demo account it affects. */
const EXPECTED: Record<string, AffectedApplications> = {
  'kinesisanalytics-CreateApplication': affects(
    [app('fraud-scorer-v2')],
    `kinesisanalytics CreateApplication on ${app('fraud-scorer-v2')} (not in the last scan)`,
  ),
  'kinesisanalytics-UpdateApplication': onApp('UpdateApplication', 'payments-aggregator'),
  'kinesisanalytics-DeleteApplication': legacy('DeleteApplication'),
  'kinesisanalytics-AddApplicationInput': legacy('AddApplicationInput'),
  'kinesisanalytics-AddApplicationInputProcessingConfiguration': legacy(
    'AddApplicationInputProcessingConfiguration',
  ),
  'kinesisanalytics-DeleteApplicationInputProcessingConfiguration': legacy(
    'DeleteApplicationInputProcessingConfiguration',
  ),
  'kinesisanalytics-AddApplicationOutput': legacy('AddApplicationOutput'),
  'kinesisanalytics-DeleteApplicationOutput': legacy('DeleteApplicationOutput'),
  'kinesisanalytics-AddApplicationReferenceDataSource': legacy('AddApplicationReferenceDataSource'),
  'kinesisanalytics-DeleteApplicationReferenceDataSource': legacy('DeleteApplicationReferenceDataSource'),
  'kinesisanalytics-AddApplicationVpcConfiguration': onApp(
    'AddApplicationVpcConfiguration',
    'payments-aggregator',
  ),
  'kinesisanalytics-DeleteApplicationVpcConfiguration': onApp(
    'DeleteApplicationVpcConfiguration',
    'payments-aggregator',
  ),
  'kinesisanalytics-AddApplicationCloudWatchLoggingOption': onApp(
    'AddApplicationCloudWatchLoggingOption',
    'fraud-scorer',
  ),
  'kinesisanalytics-DeleteApplicationCloudWatchLoggingOption': onApp(
    'DeleteApplicationCloudWatchLoggingOption',
    'fraud-scorer',
  ),
  'kinesis-StopStreamEncryption': affects(ORDERS, `kinesis StopStreamEncryption on ${stream('orders-in')}`),
  'kinesis-StartStreamEncryption': affects(
    [app('clickstream-sessionizer')],
    `kinesis StartStreamEncryption on ${stream('clickstream-raw')}`,
  ),
  'kinesis-CreateStream': affects(ORDERS, `kinesis CreateStream on ${stream('alerts-out', 'us-east-1')}`),
  'kinesis-DeleteStream': affects(
    [app('payments-aggregator')],
    `kinesis DeleteStream on ${stream('payments-raw')}`,
  ),
  'firehose-CreateDeliveryStream': affects(
    [app('clickstream-sessionizer')],
    `firehose CreateDeliveryStream on ${LAKE}`,
  ),
  'firehose-DeleteDeliveryStream': affects(
    [app('clickstream-sessionizer')],
    `firehose DeleteDeliveryStream on ${LAKE}`,
  ),
  'firehose-UpdateDestination': affects(
    [app('clickstream-sessionizer')],
    `firehose UpdateDestination on ${LAKE}`,
  ),
  'firehose-StartDeliveryStreamEncryption': affects(
    [app('clickstream-sessionizer')],
    `firehose StartDeliveryStreamEncryption on ${LAKE}`,
  ),
  'firehose-StopDeliveryStreamEncryption': affects(
    [app('clickstream-sessionizer')],
    `firehose StopDeliveryStreamEncryption on ${LAKE}`,
  ),
  's3-PutBucketEncryption': affects(
    [app('clickstream-sessionizer')],
    's3 PutBucketEncryption on arn:aws:s3:::acme-demo-lake',
  ),
  's3-DeleteBucketEncryption': affects(
    [app('inventory-snapshots')],
    's3 DeleteBucketEncryption on arn:aws:s3:::acme-demo-inventory-code',
  ),
  's3-PutBucketPolicy': affects(
    [app('inventory-snapshots')],
    's3 PutBucketPolicy on arn:aws:s3:::acme-demo-inventory-code',
  ),
  's3-DeleteBucketPolicy': affects(
    ARTIFACT_USERS,
    's3 DeleteBucketPolicy on arn:aws:s3:::acme-demo-artifacts',
  ),
  's3-PutBucketPublicAccessBlock': affects(
    [app('clickstream-sessionizer')],
    's3 PutBucketPublicAccessBlock on arn:aws:s3:::acme-demo-lake',
  ),
  's3-PutBucketAcl': affects(ARTIFACT_USERS, 's3 PutBucketAcl on arn:aws:s3:::acme-demo-artifacts'),
  'cloudtrail-StopLogging': affects(EU_APPS, `cloudtrail StopLogging on ${TRAIL}: applications in eu-west-1`),
  'cloudtrail-DeleteTrail': affects(EU_APPS, `cloudtrail DeleteTrail on ${TRAIL}: applications in eu-west-1`),
  'cloudtrail-UpdateTrail': affects(
    [...EU_APPS, app('legacy-sql-alerts', 'us-east-1')],
    `cloudtrail UpdateTrail on ${TRAIL}, a multi-region trail: every region`,
  ),
  'cloudtrail-PutEventSelectors': affects(
    EU_APPS,
    `cloudtrail PutEventSelectors on ${TRAIL}: applications in eu-west-1`,
  ),
  'iam-PutRolePolicy': affects(
    [app('payments-aggregator')],
    `iam PutRolePolicy on role arn:aws:iam::${ACCOUNT}:role/demo-payments-aggregator-role`,
  ),
  'iam-DeleteRolePolicy': affects(ORDERS, `iam DeleteRolePolicy on role ${SHARED_ROLE}`),
  'iam-AttachRolePolicy': affects(
    [app('clickstream-sessionizer')],
    `iam AttachRolePolicy on role arn:aws:iam::${ACCOUNT}:role/demo-clickstream-sessionizer-role`,
  ),
  'iam-DetachRolePolicy': affects(
    [app('fraud-scorer')],
    `iam DetachRolePolicy on role arn:aws:iam::${ACCOUNT}:role/demo-fraud-scorer-role`,
  ),
  'iam-UpdateAssumeRolePolicy': affects(ORDERS, `iam UpdateAssumeRolePolicy on role ${SHARED_ROLE}`),
  // The demo account attaches no customer managed policy: a new version of one changes no verdict.
  'iam-CreatePolicyVersion': {
    applications: [],
    ignored: `iam CreatePolicyVersion on arn:aws:iam::${ACCOUNT}:policy/demo-shared-logging, attached to no role: no audited application uses it`,
  },
  'iam-SetDefaultPolicyVersion': {
    applications: [],
    ignored: `iam SetDefaultPolicyVersion on arn:aws:iam::${ACCOUNT}:policy/demo-shared-logging, attached to no role: no audited application uses it`,
  },
  'iam-DeleteRole': affects(
    [app('partner-feed-loader')],
    `iam DeleteRole on role arn:aws:iam::${ACCOUNT}:role/demo-partner-feed-loader-role`,
  ),
  'kms-DisableKey': affects(
    ARTIFACT_USERS,
    `kms DisableKey on ${key('5e6f7a8b-1111-4222-8333-944455556666')} (encrypts ${LAKE}, ${stream('fraud-events')}, ${stream('payments-raw')}, ${stream('payments-totals')}, arn:aws:s3:::acme-demo-artifacts, arn:aws:s3:::acme-demo-lake)`,
  ),
  'kms-ScheduleKeyDeletion': affects(
    [app('inventory-snapshots')],
    `kms ScheduleKeyDeletion on ${key('9a8b7c6d-2222-4333-8444-a55566667777')} (encrypts ${stream('inventory-changes')})`,
  ),
  'kms-DisableKeyRotation': affects(
    [app('partner-feed-loader')],
    `kms DisableKeyRotation on ${key('0badc0de-3333-4444-8555-b66677778888')} (encrypts ${stream('partner-feed')})`,
  ),
  'kms-PutKeyPolicy': affects(
    [app('inventory-snapshots')],
    `kms PutKeyPolicy on ${key('9a8b7c6d-2222-4333-8444-a55566667777')} (encrypts ${stream('inventory-changes')})`,
  ),
};

function sample(name: string): CloudTrailChangeEvent {
  return JSON.parse(readFileSync(new URL(`${name}.json`, SAMPLES), 'utf8')) as CloudTrailChangeEvent;
}

describe('Function: affectedApplications (samples against the demo account)', async () => {
  const audit = await runAudit({}, { kind: 'snapshot', snapshot: demoAccount });
  const index = resourceIndex(audit.report, audit.snapshot);

  it('has one sample per event kind the rules listen to, and nothing else', () => {
    // Prepare
    const kinds = Object.entries(CHANGE_EVENTS).flatMap(([source, names]) =>
      names.map((name) => `${source.split('.')[0]}-${name}`),
    );

    // Act
    const samples = readdirSync(SAMPLES).map((file) => file.replace(/\.json$/, ''));

    // Assess
    expect(samples.sort()).toEqual(kinds.sort());
    expect(Object.keys(EXPECTED).sort()).toEqual(kinds.sort());
  });

  it.each(Object.entries(EXPECTED))('maps %s to the applications it can affect', (name, expected) => {
    // Prepare
    const event = sample(name);

    // Act
    const affected = affectedApplications(event, index);

    // Assess
    expect(affected).toEqual(expected);
  });
});
