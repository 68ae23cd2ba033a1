import {
  type CompressionFormat,
  CreateDeliveryStreamCommand,
  type DeliveryStreamType,
  type KeyType,
  type S3DestinationConfiguration,
  StartDeliveryStreamEncryptionCommand,
} from '@aws-sdk/client-firehose';
import { CreateStreamCommand, StartStreamEncryptionCommand, type StreamMode } from '@aws-sdk/client-kinesis';
import type { ClientFactory } from '../../shared/aws/clients.js';
import type {
  DeliveryStreamDescription,
  FirehoseS3Destination,
  StreamDescriptionSummary,
} from '../../shared/snapshot/types.js';
import { MotoCrossCheckError } from './moto-errors.js';

/** Creates a region's Kinesis data streams (CreateStream, then StartStreamEncryption for SSE-KMS). */
export async function seedStreams(
  clients: ClientFactory,
  region: string,
  streams: readonly StreamDescriptionSummary[],
): Promise<void> {
  const kinesis = clients.kinesis(region);
  await Promise.all(
    streams.map(async (stream) => {
      const details = stream.StreamModeDetails as { StreamMode?: string } | undefined;
      // Safe: DescribeStreamSummary's own stream modes (PROVISIONED, ON_DEMAND).
      const mode = (details?.StreamMode ?? 'PROVISIONED') as StreamMode;
      const shards = typeof stream.OpenShardCount === 'number' ? stream.OpenShardCount : 1;
      await kinesis.send(
        new CreateStreamCommand({
          StreamName: stream.StreamName,
          StreamModeDetails: { StreamMode: mode },
          ...(mode === 'PROVISIONED' ? { ShardCount: shards } : {}),
        }),
      );
      if (stream.EncryptionType === 'KMS' && stream.KeyId) {
        await kinesis.send(
          new StartStreamEncryptionCommand({
            StreamName: stream.StreamName,
            EncryptionType: 'KMS',
            KeyId: stream.KeyId,
          }),
        );
      }
    }),
  );
}

/**
 * Creates a region's Firehose delivery streams (S3 and extended S3 destinations; a Kinesis stream
 * source when the snapshot has one), then StartDeliveryStreamEncryption where SSE is on.
 */
export async function seedDeliveryStreams(
  clients: ClientFactory,
  region: string,
  deliveryStreams: readonly DeliveryStreamDescription[],
): Promise<void> {
  const firehose = clients.firehose(region);
  await Promise.all(
    deliveryStreams.map(async (delivery) => {
      const source = delivery.Source?.KinesisStreamSourceDescription;
      await firehose.send(
        new CreateDeliveryStreamCommand({
          DeliveryStreamName: delivery.DeliveryStreamName,
          // Safe: DescribeDeliveryStream's own types (DirectPut, KinesisStreamAsSource…).
          DeliveryStreamType: (delivery.DeliveryStreamType ?? 'DirectPut') as DeliveryStreamType,
          ...(source?.KinesisStreamARN && source.RoleARN
            ? {
                KinesisStreamSourceConfiguration: {
                  KinesisStreamARN: source.KinesisStreamARN,
                  RoleARN: source.RoleARN,
                },
              }
            : {}),
          ...destinationConfiguration(delivery),
        }),
      );
      const encryption = delivery.DeliveryStreamEncryptionConfiguration;
      if (encryption?.Status === 'ENABLED' || encryption?.Status === 'ENABLING') {
        await firehose.send(
          new StartDeliveryStreamEncryptionCommand({
            DeliveryStreamName: delivery.DeliveryStreamName,
            DeliveryStreamEncryptionConfigurationInput: {
              // Safe: DescribeDeliveryStream's own key types (AWS_OWNED_CMK, CUSTOMER_MANAGED_CMK).
              KeyType: (encryption.KeyType ?? 'AWS_OWNED_CMK') as KeyType,
              ...(encryption.KeyARN ? { KeyARN: encryption.KeyARN } : {}),
            },
          }),
        );
      }
    }),
  );
}

function destinationConfiguration(delivery: DeliveryStreamDescription) {
  const destinations = delivery.Destinations ?? [];
  const [destination] = destinations;
  if (destinations.length !== 1 || !destination) {
    throw new MotoCrossCheckError(
      `Delivery stream ${delivery.DeliveryStreamName} has ${destinations.length} destinations; the seed creates exactly one.`,
    );
  }
  if (destination.ExtendedS3DestinationDescription) {
    const extended = destination.ExtendedS3DestinationDescription;
    return {
      ExtendedS3DestinationConfiguration: {
        ...s3Configuration(delivery, extended),
        ...(extended.S3BackupDescription
          ? {
              S3BackupMode: 'Enabled' as const,
              S3BackupConfiguration: s3Configuration(delivery, extended.S3BackupDescription),
            }
          : {}),
      },
    };
  }
  if (destination.S3DestinationDescription) {
    return { S3DestinationConfiguration: s3Configuration(delivery, destination.S3DestinationDescription) };
  }
  throw new MotoCrossCheckError(
    `Delivery stream ${delivery.DeliveryStreamName} has a destination other than S3; the seed creates S3 ones only.`,
  );
}

function s3Configuration(
  delivery: DeliveryStreamDescription,
  destination: FirehoseS3Destination,
): S3DestinationConfiguration {
  if (!destination.RoleARN || !destination.BucketARN) {
    throw new MotoCrossCheckError(
      `Delivery stream ${delivery.DeliveryStreamName} lacks a RoleARN or BucketARN.`,
    );
  }
  const buffering = destination.BufferingHints as
    | { SizeInMBs?: number; IntervalInSeconds?: number }
    | undefined;
  return {
    RoleARN: destination.RoleARN,
    BucketARN: destination.BucketARN,
    ...(destination.Prefix ? { Prefix: destination.Prefix } : {}),
    ...(buffering ? { BufferingHints: buffering } : {}),
    // Safe: DescribeDeliveryStream's own compression formats.
    ...(typeof destination.CompressionFormat === 'string'
      ? { CompressionFormat: destination.CompressionFormat as CompressionFormat }
      : {}),
    ...(destination.EncryptionConfiguration
      ? {
          EncryptionConfiguration: destination.EncryptionConfiguration.KMSEncryptionConfig?.AWSKMSKeyARN
            ? {
                KMSEncryptionConfig: {
                  AWSKMSKeyARN: destination.EncryptionConfiguration.KMSEncryptionConfig.AWSKMSKeyARN,
                },
              }
            : { NoEncryptionConfig: 'NoEncryption' as const },
        }
      : {}),
  };
}
