import { describe, expect, it } from 'vitest';
import { requiredPermissions } from '../../shared/permissions/requirements.js';
import { PIPELINE, pipelineSnapshot } from '../support/permission-fixtures.js';
import {
  ACCOUNT_ID,
  accountSnapshot,
  application,
  checkContext,
  REGION,
  role,
} from '../support/snapshot-builder.js';

const grant = (resource: string, reason: string) => (action: string) => ({ action, resource, reason });

describe('Function: requiredPermissions', () => {
  it('returns the code object, stream, key and log stream grants of a pipeline application', () => {
    // Prepare
    const { graph, index } = checkContext(pipelineSnapshot());

    // Act
    const required = requiredPermissions(graph, index);

    // Assess
    expect(required).toEqual([
      ...['s3:GetObject', 's3:GetObjectVersion'].map(
        grant(PIPELINE.codeObject, 'code s3-bucket orders-code'),
      ),
      ...['logs:PutLogEvents'].map(
        grant(PIPELINE.logStream, 'logs log-group /aws/kinesis-analytics/orders-enricher'),
      ),
      ...['logs:DescribeLogStreams'].map(
        grant(`${PIPELINE.logGroup}:log-stream:*`, 'logs log-group /aws/kinesis-analytics/orders-enricher'),
      ),
      ...['logs:DescribeLogGroups'].map(
        grant(PIPELINE.everyLogGroup, 'logs log-group /aws/kinesis-analytics/orders-enricher'),
      ),
      ...[
        'kinesis:DescribeStream',
        'kinesis:DescribeStreamSummary',
        'kinesis:GetRecords',
        'kinesis:GetShardIterator',
        'kinesis:ListShards',
        'kinesis:SubscribeToShard',
      ].map(grant(PIPELINE.source, 'referenced kinesis-stream orders')),
      ...['kms:Decrypt'].map(grant(PIPELINE.sourceKey, 'encryption key of referenced kinesis-stream orders')),
      ...[
        'kinesis:DescribeStream',
        'kinesis:DescribeStreamSummary',
        'kinesis:PutRecord',
        'kinesis:PutRecords',
        'kinesis:ListShards',
      ].map(grant(PIPELINE.sink, 'referenced kinesis-stream enriched-orders')),
    ]);
  });

  it('returns the enhanced fan-out consumer grants when the properties select EFO', () => {
    // Prepare
    const { graph, index } = checkContext(
      pipelineSnapshot({ consumer: { 'flink.stream.recordpublisher': 'EFO' } }),
    );

    // Act
    const required = requiredPermissions(graph, index).filter(
      ({ action }) => action.includes('Consumer') || action === 'kinesis:SubscribeToShard',
    );

    // Assess
    const reason = 'referenced kinesis-stream orders';
    expect(required).toEqual([
      ...['kinesis:SubscribeToShard', 'kinesis:RegisterStreamConsumer', 'kinesis:ListStreamConsumers'].map(
        grant(PIPELINE.source, reason),
      ),
      ...['kinesis:DescribeStreamConsumer', 'kinesis:SubscribeToShard'].map(
        grant(`${PIPELINE.source}/consumer/*`, reason),
      ),
    ]);
  });

  it('returns write grants for a delivery stream a property names, ENI actions on "*" for a VPC and Glue reads for Studio', () => {
    // Prepare
    const app = application({ properties: { Lake: { 'delivery.stream.name': 'clicks-to-lake' } } });
    app.ApplicationConfigurationDescription = {
      ...app.ApplicationConfigurationDescription,
      VpcConfigurationDescriptions: [
        { VpcConfigurationId: '1.1', VpcId: 'vpc-0a1b2c3d', SubnetIds: [], SecurityGroupIds: [] },
      ],
      ZeppelinApplicationConfigurationDescription: {
        CatalogConfigurationDescription: {
          GlueDataCatalogConfigurationDescription: {
            DatabaseARN: `arn:aws:glue:${REGION}:${ACCOUNT_ID}:database/clicks`,
          },
        },
      },
    };
    const { graph, index } = checkContext(accountSnapshot({ roles: [role()], applications: [app] }));

    // Act
    const required = requiredPermissions(graph, index);

    // Assess
    const glue = `arn:aws:glue:${REGION}:${ACCOUNT_ID}`;
    expect(required).toEqual([
      ...['glue:GetDatabase', 'glue:GetDatabases'].map(
        grant(`${glue}:catalog`, 'catalog glue-database clicks'),
      ),
      ...['glue:GetDatabase'].map(grant(`${glue}:database/clicks`, 'catalog glue-database clicks')),
      ...['glue:GetTable', 'glue:GetTables', 'glue:GetPartition', 'glue:GetPartitions'].map(
        grant(`${glue}:table/clicks/*`, 'catalog glue-database clicks'),
      ),
      ...[
        'ec2:DescribeVpcs',
        'ec2:DescribeSubnets',
        'ec2:DescribeSecurityGroups',
        'ec2:DescribeDhcpOptions',
        'ec2:DescribeNetworkInterfaces',
        'ec2:CreateNetworkInterface',
        'ec2:CreateNetworkInterfacePermission',
        'ec2:DeleteNetworkInterface',
      ].map(grant('*', 'network vpc vpc-0a1b2c3d')),
      ...['firehose:PutRecord', 'firehose:PutRecordBatch', 'firehose:DescribeDeliveryStream'].map(
        grant(
          `arn:aws:firehose:${REGION}:${ACCOUNT_ID}:deliverystream/clicks-to-lake`,
          'referenced firehose-delivery-stream clicks-to-lake',
        ),
      ),
    ]);
  });
});
