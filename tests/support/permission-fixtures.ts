import type { AccountSnapshot, RoleDetail } from '../../shared/snapshot/types.js';
import { ACCOUNT_ID, accountSnapshot, application, REGION, role } from './snapshot-builder.js';

/** The ARNs of the pipeline application's dependencies. */
export const PIPELINE = {
  codeBucket: 'arn:aws:s3:::orders-code',
  codeObject: 'arn:aws:s3:::orders-code/orders-enricher-1.0.jar',
  source: `arn:aws:kinesis:${REGION}:${ACCOUNT_ID}:stream/orders`,
  sink: `arn:aws:kinesis:${REGION}:${ACCOUNT_ID}:stream/enriched-orders`,
  sourceKey: `arn:aws:kms:${REGION}:${ACCOUNT_ID}:key/1111aaaa-2222-bbbb-3333-cccc4444dddd`,
  logGroup: `arn:aws:logs:${REGION}:${ACCOUNT_ID}:log-group:/aws/kinesis-analytics/orders-enricher`,
  everyLogGroup: `arn:aws:logs:${REGION}:${ACCOUNT_ID}:log-group:*`,
  logStream: `arn:aws:logs:${REGION}:${ACCOUNT_ID}:log-group:/aws/kinesis-analytics/orders-enricher:log-stream:kinesis-analytics-log-stream`,
} as const;

/** What the pipeline fixture may vary. */
export interface PipelineOptions {
  executionRole?: RoleDetail;
  /** Runtime properties of the consumer group beyond the input stream's name. */
  consumer?: Record<string, string>;
}

/**
 * One Flink application that runs code from S3, reads `orders` (KMS-encrypted) named by an input
 * property, writes `enriched-orders` named by an output property and logs to CloudWatch.
 */
export function pipelineSnapshot(options: PipelineOptions = {}): AccountSnapshot {
  const executionRole = options.executionRole ?? role();
  const app = application({
    role: executionRole.Arn,
    properties: {
      ConsumerConfigProperties: { 'input.stream.name': 'orders', ...options.consumer },
      ProducerConfigProperties: { 'output.stream.name': 'enriched-orders' },
    },
  });
  app.ApplicationConfigurationDescription = {
    ...app.ApplicationConfigurationDescription,
    ApplicationCodeConfigurationDescription: {
      CodeContentType: 'ZIPFILE',
      CodeContentDescription: {
        S3ApplicationCodeLocationDescription: {
          BucketARN: PIPELINE.codeBucket,
          FileKey: 'orders-enricher-1.0.jar',
        },
      },
    },
  };
  app.CloudWatchLoggingOptionDescriptions = [
    { CloudWatchLoggingOptionId: '1.1', LogStreamARN: PIPELINE.logStream },
  ];
  return accountSnapshot({
    roles: [executionRole],
    applications: [app],
    regions: {
      [REGION]: {
        streams: [
          {
            StreamName: 'orders',
            StreamARN: PIPELINE.source,
            EncryptionType: 'KMS',
            KeyId: PIPELINE.sourceKey,
          },
          { StreamName: 'enriched-orders', StreamARN: PIPELINE.sink, EncryptionType: 'NONE' },
        ],
      },
    },
  });
}
