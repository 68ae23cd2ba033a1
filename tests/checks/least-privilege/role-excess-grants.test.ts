import { describe, expect, it } from 'vitest';
import { roleExcessGrants } from '../../../shared/checks/least-privilege/role-excess-grants.js';
import type { AccountSnapshot } from '../../../shared/snapshot/types.js';
import { PIPELINE, pipelineSnapshot } from '../../support/permission-fixtures.js';
import {
  allow,
  application,
  checkContext,
  collectionError,
  deny,
  oneApplication,
  policyArn,
  policyDocument,
  role,
  roleArn,
} from '../../support/snapshot-builder.js';

const ROLE = roleArn('orders-enricher-role');
const SUBJECT = 'Role orders-enricher-role (execution role of orders-enricher)';

// Exactly what the pipeline fixture's dependencies need.
const NEEDED = [
  allow(['s3:GetObject', 's3:GetObjectVersion'], PIPELINE.codeObject),
  allow('logs:PutLogEvents', PIPELINE.logStream),
  allow('logs:DescribeLogStreams', `${PIPELINE.logGroup}:log-stream:*`),
  allow('logs:DescribeLogGroups', PIPELINE.everyLogGroup),
  allow(
    [
      'kinesis:DescribeStream',
      'kinesis:DescribeStreamSummary',
      'kinesis:GetRecords',
      'kinesis:GetShardIterator',
      'kinesis:ListShards',
      'kinesis:SubscribeToShard',
    ],
    PIPELINE.source,
  ),
  allow('kms:Decrypt', PIPELINE.sourceKey),
  allow(
    [
      'kinesis:DescribeStream',
      'kinesis:DescribeStreamSummary',
      'kinesis:ListShards',
      'kinesis:PutRecord',
      'kinesis:PutRecords',
    ],
    PIPELINE.sink,
  ),
];

function evaluate(snapshot: AccountSnapshot) {
  return roleExcessGrants.evaluate(checkContext(snapshot));
}

describe('Check: role-excess-grants', () => {
  it('returns PASS when the role grants exactly what the dependencies need', () => {
    // Prepare
    const snapshot = pipelineSnapshot({
      executionRole: role({ inline: { access: policyDocument(...NEEDED) } }),
    });

    // Act
    const outcomes = evaluate(snapshot);

    // Assess
    expect(outcomes).toEqual([
      {
        status: 'PASS',
        resourceArn: ROLE,
        detail: `${SUBJECT} allows nothing beyond what its dependencies need.`,
      },
    ]);
  });

  it('returns FAIL listing a few grants per service and counting the rest, without what a Deny cancels', () => {
    // Prepare
    const executionRole = role({
      inline: {
        access: policyDocument(...NEEDED),
        broad: policyDocument(
          allow(['kinesis:*', 's3:GetObject'], '*', { Sid: 'Broad' }),
          deny(['kinesis:Create*', 'kinesis:Delete*', 'kinesis:Update*', 'kinesis:*Tag*'], '*'),
        ),
      },
    });

    // Act
    const outcomes = evaluate(pipelineSnapshot({ executionRole }));

    // Assess
    expect(outcomes).toEqual([
      {
        status: 'FAIL',
        resourceArn: ROLE,
        detail:
          `${SUBJECT} allows more than its dependencies need: inline policy "broad" statement "Broad" allows ` +
          'kinesis:AssociateStreamsWithChannel on *, kinesis:DecreaseStreamRetentionPeriod on *, ' +
          'kinesis:DeregisterStreamConsumer on *, kinesis:DescribeAccountSettings on * and 25 more kinesis grants, ' +
          's3:GetObject on *.',
      },
    ]);
  });

  it('returns FAIL for a needed action granted on a broader resource, marked conditional', () => {
    // Prepare
    const condition = { Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } } };
    const executionRole = role({
      inline: {
        access: policyDocument(
          ...NEEDED,
          allow('kinesis:GetRecords', 'arn:aws:kinesis:*:*:stream/*', condition),
        ),
      },
    });

    // Act
    const outcomes = evaluate(pipelineSnapshot({ executionRole }));

    // Assess
    expect(outcomes).toEqual([
      {
        status: 'FAIL',
        resourceArn: ROLE,
        detail:
          `${SUBJECT} allows more than its dependencies need: inline policy "access" statement #8 allows ` +
          'kinesis:GetRecords on arn:aws:kinesis:*:*:stream/* (conditional).',
      },
    ]);
  });

  it('returns PASS for a role shared with another application that needs the rest', () => {
    // Prepare
    const archive = 'arn:aws:kinesis:eu-west-1:111122223333:stream/orders-archive';
    const executionRole = role({
      inline: {
        access: policyDocument(...NEEDED),
        archiver: policyDocument(allow(['kinesis:PutRecord', 'kinesis:PutRecords'], archive)),
      },
    });
    const snapshot = pipelineSnapshot({ executionRole });
    snapshot.regions?.['eu-west-1']?.applications?.push(
      application({
        name: 'orders-archiver',
        role: ROLE,
        properties: { Sink: { 'output.stream.name': 'orders-archive' } },
      }),
    );

    // Act
    const outcomes = evaluate(snapshot);

    // Assess
    expect(outcomes).toEqual([
      {
        status: 'PASS',
        resourceArn: ROLE,
        detail: `${SUBJECT} allows nothing beyond what its dependencies need.`,
      },
    ]);
  });

  it('returns PASS for a role another application names with a path: one role, known by account and name', () => {
    // Prepare: role names are unique in an account whatever the path, so both name the same role
    const archive = 'arn:aws:kinesis:eu-west-1:111122223333:stream/orders-archive';
    const executionRole = role({
      inline: {
        access: policyDocument(...NEEDED),
        archiver: policyDocument(allow(['kinesis:PutRecord', 'kinesis:PutRecords'], archive)),
      },
    });
    const snapshot = pipelineSnapshot({ executionRole });
    snapshot.regions?.['eu-west-1']?.applications?.push(
      application({
        name: 'orders-archiver',
        role: 'arn:aws:iam::111122223333:role/streaming/orders-enricher-role',
        properties: { Sink: { 'output.stream.name': 'orders-archive' } },
      }),
    );

    // Act
    const outcomes = evaluate(snapshot);

    // Assess
    expect(outcomes).toEqual([
      {
        status: 'PASS',
        resourceArn: ROLE,
        detail: `${SUBJECT} allows nothing beyond what its dependencies need.`,
      },
    ]);
  });

  it('returns ERROR, not FAIL, for grants beyond the requirements when a dependency could not be read', () => {
    // Prepare: the sink could not be described, so the key it may use (and need) is unknown.
    const otherKey = `arn:aws:kms:eu-west-1:111122223333:key/9999ffff-8888-eeee-7777-dddd6666cccc`;
    const executionRole = role({
      inline: {
        access: policyDocument(...NEEDED),
        keys: policyDocument(allow('kms:GenerateDataKey', otherKey, { Sid: 'SinkKey' })),
      },
    });
    const snapshot = pipelineSnapshot({ executionRole });
    const regional = snapshot.regions?.['eu-west-1'];
    if (regional) regional.streams = regional.streams?.filter((stream) => stream.StreamARN !== PIPELINE.sink);
    snapshot.collectionErrors = [collectionError('kinesis:DescribeStreamSummary', PIPELINE.sink)];

    // Act
    const outcomes = evaluate(snapshot);

    // Assess
    expect(outcomes).toEqual([
      {
        status: 'ERROR',
        resourceArn: ROLE,
        detail:
          `${SUBJECT} grants beyond the requirements read: inline policy "keys" statement "SinkKey" allows ` +
          `kms:GenerateDataKey on ${otherKey}; what could not be read may need it (${PIPELINE.sink}); ` +
          'scan again once those reads succeed.',
      },
    ]);
  });

  it('returns ERROR naming the failed listing and its code when a region of applications that may share the role was not listed', () => {
    // Prepare
    const otherKey = `arn:aws:kms:eu-west-1:111122223333:key/9999ffff-8888-eeee-7777-dddd6666cccc`;
    const executionRole = role({
      inline: {
        access: policyDocument(...NEEDED),
        keys: policyDocument(allow('kms:GenerateDataKey', otherKey, { Sid: 'SinkKey' })),
      },
    });
    const snapshot = pipelineSnapshot({ executionRole });
    snapshot.collectionErrors = [
      {
        ...collectionError('kinesisanalytics:ListApplications', undefined, 'TimeoutError'),
        region: 'us-east-1',
      },
    ];

    // Act
    const outcomes = evaluate(snapshot);

    // Assess
    expect(outcomes).toEqual([
      {
        status: 'ERROR',
        resourceArn: ROLE,
        detail:
          `${SUBJECT} grants beyond the requirements read: inline policy "keys" statement "SinkKey" allows ` +
          'kms:GenerateDataKey on ' +
          `${otherKey}; what could not be read may need it (kinesisanalytics:ListApplications failed with TimeoutError in us-east-1); ` +
          'scan again once those reads succeed.',
      },
    ]);
  });

  it('returns ERROR when nothing readable is in excess but an attached policy document is missing', () => {
    // Prepare
    const arn = policyArn('unknown');
    const executionRole = role({ inline: { access: policyDocument(...NEEDED) }, attached: [arn] });

    // Act
    const outcomes = evaluate(pipelineSnapshot({ executionRole }));

    // Assess
    expect(outcomes).toEqual([
      {
        status: 'ERROR',
        resourceArn: ROLE,
        detail:
          `${SUBJECT} allows nothing beyond what its dependencies need in the policies that could be read, but ` +
          `could not read managed policy "unknown" (the document of managed policy ${arn} is not in the snapshot); ` +
          'collect the missing documents (iam:GetAccountAuthorizationDetails) and scan again.',
      },
    ]);
  });

  it('returns ERROR when the role could not be read', () => {
    // Prepare
    const snapshot = oneApplication({
      role: null,
      collectionErrors: [collectionError('iam:GetAccountAuthorizationDetails')],
    });

    // Act
    const outcomes = evaluate(snapshot);

    // Assess
    expect(outcomes).toEqual([
      {
        status: 'ERROR',
        resourceArn: ROLE,
        detail: `Could not read ${ROLE} (iam:GetAccountAuthorizationDetails failed with AccessDenied); allow iam:GetAccountAuthorizationDetails to the auditor and scan again.`,
      },
    ]);
  });

  it('returns NOT_APPLICABLE when the role does not exist', () => {
    // Prepare
    const snapshot = oneApplication({ role: null });

    // Act
    const outcomes = evaluate(snapshot);

    // Assess
    expect(outcomes).toEqual([
      {
        status: 'NOT_APPLICABLE',
        resourceArn: ROLE,
        detail: `The execution role ${ROLE} of orders-enricher does not exist; see role-exists.`,
      },
    ]);
  });
});
