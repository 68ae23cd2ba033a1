import { describe, expect, it } from 'vitest';
import { excessGrants } from '../../shared/permissions/excess.js';
import { requiredPermissions } from '../../shared/permissions/requirements.js';
import { suggestedPolicy } from '../../shared/permissions/suggested-policy.js';
import { accessRequest, documentAllows } from '../../shared/policy/access.js';
import { parsePolicyDocument } from '../../shared/policy/document.js';
import { rolePermissions } from '../../shared/policy/role-permissions.js';
import { PIPELINE, pipelineSnapshot } from '../support/permission-fixtures.js';
import { allow, checkContext, policyDocument, role } from '../support/snapshot-builder.js';

function pipeline() {
  const executionRole = role({
    inline: { broad: policyDocument(allow(['kinesis:*', 's3:Get*', 'logs:*', 'kms:Decrypt'], '*')) },
  });
  const context = checkContext(pipelineSnapshot({ executionRole }));
  const required = requiredPermissions(context.graph, context.index);
  return { required, permissions: rolePermissions(context.index, executionRole) };
}

describe('Function: suggestedPolicy', () => {
  it('returns one statement per resource, scoped to its ARN, with Sids', () => {
    // Prepare
    const { required } = pipeline();

    // Act
    const policy = suggestedPolicy(required);

    // Assess
    expect(policy).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'S3OrdersCodeOrdersEnricher10Jar',
          Effect: 'Allow',
          Action: ['s3:GetObject', 's3:GetObjectVersion'],
          Resource: PIPELINE.codeObject,
        },
        {
          Sid: 'LogsLogGroupAwsKinesisAnalyticsOrdersEnricherLogStreamKinesisAnalyticsLogStream',
          Effect: 'Allow',
          Action: ['logs:PutLogEvents'],
          Resource: PIPELINE.logStream,
        },
        {
          Sid: 'LogsLogGroupAwsKinesisAnalyticsOrdersEnricherLogStream',
          Effect: 'Allow',
          Action: ['logs:DescribeLogStreams'],
          Resource: `${PIPELINE.logGroup}:log-stream:*`,
        },
        {
          Sid: 'LogsLogGroup',
          Effect: 'Allow',
          Action: ['logs:DescribeLogGroups'],
          Resource: PIPELINE.everyLogGroup,
        },
        {
          Sid: 'KinesisStreamOrders',
          Effect: 'Allow',
          Action: [
            'kinesis:DescribeStream',
            'kinesis:DescribeStreamSummary',
            'kinesis:GetRecords',
            'kinesis:GetShardIterator',
            'kinesis:ListShards',
            'kinesis:SubscribeToShard',
          ],
          Resource: PIPELINE.source,
        },
        {
          Sid: 'KmsKey1111aaaa2222Bbbb3333Cccc4444dddd',
          Effect: 'Allow',
          Action: ['kms:Decrypt'],
          Resource: PIPELINE.sourceKey,
        },
        {
          Sid: 'KinesisStreamEnrichedOrders',
          Effect: 'Allow',
          Action: [
            'kinesis:DescribeStream',
            'kinesis:DescribeStreamSummary',
            'kinesis:ListShards',
            'kinesis:PutRecord',
            'kinesis:PutRecords',
          ],
          Resource: PIPELINE.sink,
        },
      ],
    });
  });

  it('returns a policy the engine finds allows every required request and no excess one', () => {
    // Prepare
    const { required, permissions } = pipeline();
    const excess = excessGrants(required, permissions);

    // Act
    const document = parsePolicyDocument(JSON.stringify(suggestedPolicy(required)));

    // Assess
    expect(excess.length).toBeGreaterThan(0);
    expect(
      required.filter(
        ({ action, resource }) => !documentAllows(document, accessRequest(action, resource)).allowed,
      ),
    ).toEqual([]);
    expect(
      excess.filter(
        ({ action, resource }) => documentAllows(document, accessRequest(action, resource)).allowed,
      ),
    ).toEqual([]);
  });

  it('returns "*" only for the actions that need it, under distinct Sids', () => {
    // Prepare
    const required = [
      { action: 'ec2:DescribeVpcs', resource: '*', reason: 'network vpc vpc-0a1b' },
      { action: 'ec2:CreateNetworkInterface', resource: '*', reason: 'network vpc vpc-0a1b' },
      {
        action: 'kinesis:ListShards',
        resource: 'arn:aws:kinesis:eu-west-1:111122223333:stream/a.b',
        reason: 'x',
      },
      {
        action: 'kinesis:ListShards',
        resource: 'arn:aws:kinesis:eu-west-1:111122223333:stream/a-b',
        reason: 'y',
      },
    ];

    // Act
    const policy = suggestedPolicy(required);

    // Assess
    expect(policy.Statement.map(({ Sid, Resource }) => ({ Sid, Resource }))).toEqual([
      { Sid: 'Ec2AllResources', Resource: '*' },
      { Sid: 'KinesisStreamAB', Resource: 'arn:aws:kinesis:eu-west-1:111122223333:stream/a.b' },
      { Sid: 'KinesisStreamAB2', Resource: 'arn:aws:kinesis:eu-west-1:111122223333:stream/a-b' },
    ]);
  });
});
