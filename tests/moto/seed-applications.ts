import {
  type ApplicationConfiguration,
  type ApplicationMode,
  type CodeContentType,
  CreateApplicationCommand,
  type FlinkApplicationConfiguration,
  type Input,
  type KinesisAnalyticsV2Client,
  type Output,
  type RuntimeEnvironment,
} from '@aws-sdk/client-kinesis-analytics-v2';
import type { ClientFactory } from '../../shared/aws/clients.js';
import type { ApplicationConfigurationDescription, ApplicationDetail } from '../../shared/snapshot/types.js';
import { MotoCrossCheckError } from './moto-errors.js';

/**
 * Creates a region's Kinesis Data Analytics v2 applications (CreateApplication) with the
 * snapshot's runtime, execution role, mode, code location, runtime properties, Flink settings,
 * SQL inputs and outputs, VPC and logging options: DescribeApplication's description turned back
 * into the configuration that produces it.
 */
export async function seedApplications(
  clients: ClientFactory,
  region: string,
  applications: readonly ApplicationDetail[],
): Promise<void> {
  const client = clients.kinesisAnalytics(region);
  await Promise.all(applications.map((application) => createApplication(client, application)));
}

async function createApplication(
  client: KinesisAnalyticsV2Client,
  application: ApplicationDetail,
): Promise<void> {
  if (!application.RuntimeEnvironment || !application.ServiceExecutionRole) {
    throw new MotoCrossCheckError(
      `Application ${application.ApplicationARN} lacks a runtime or execution role; CreateApplication needs both.`,
    );
  }
  const description = application.ApplicationConfigurationDescription;
  await client.send(
    new CreateApplicationCommand({
      ApplicationName: application.ApplicationName,
      ...(typeof application.ApplicationDescription === 'string'
        ? { ApplicationDescription: application.ApplicationDescription }
        : {}),
      // Safe: DescribeApplication's own runtime and mode names.
      RuntimeEnvironment: application.RuntimeEnvironment as RuntimeEnvironment,
      ...(application.ApplicationMode
        ? { ApplicationMode: application.ApplicationMode as ApplicationMode }
        : {}),
      ServiceExecutionRole: application.ServiceExecutionRole,
      ...(description ? { ApplicationConfiguration: configurationOf(application, description) } : {}),
      ...(application.CloudWatchLoggingOptionDescriptions?.length
        ? {
            CloudWatchLoggingOptions: application.CloudWatchLoggingOptionDescriptions.map((option) => ({
              LogStreamARN: option.LogStreamARN,
            })),
          }
        : {}),
    }),
  );
}

function configurationOf(
  application: ApplicationDetail,
  description: ApplicationConfigurationDescription,
): ApplicationConfiguration {
  if (description.ZeppelinApplicationConfigurationDescription) {
    throw new MotoCrossCheckError(
      `Application ${application.ApplicationName} is a Studio notebook; the seed creates Flink and SQL applications.`,
    );
  }
  const code = description.ApplicationCodeConfigurationDescription;
  const content = code?.CodeContentDescription;
  const location = content?.S3ApplicationCodeLocationDescription;
  const properties = description.EnvironmentPropertyDescriptions?.PropertyGroupDescriptions;
  const snapshots = description.ApplicationSnapshotConfigurationDescription as
    | { SnapshotsEnabled?: boolean }
    | undefined;
  const flink = flinkConfiguration(description.FlinkApplicationConfigurationDescription);
  const encryption = description.ApplicationEncryptionConfigurationDescription;
  return {
    ...(code?.CodeContentType
      ? {
          ApplicationCodeConfiguration: {
            // Safe: DescribeApplication's own content types (ZIPFILE, PLAINTEXT).
            CodeContentType: code.CodeContentType as CodeContentType,
            CodeContent: {
              ...(content?.TextContent ? { TextContent: content.TextContent } : {}),
              ...(location?.BucketARN && location.FileKey
                ? {
                    S3ContentLocation: {
                      BucketARN: location.BucketARN,
                      FileKey: location.FileKey,
                      ...(location.ObjectVersion ? { ObjectVersion: location.ObjectVersion } : {}),
                    },
                  }
                : {}),
            },
          },
        }
      : {}),
    ...(properties
      ? {
          EnvironmentProperties: {
            PropertyGroups: properties.map((group) => ({
              PropertyGroupId: group.PropertyGroupId,
              PropertyMap: group.PropertyMap ?? {},
            })),
          },
        }
      : {}),
    ...(flink ? { FlinkApplicationConfiguration: flink } : {}),
    ...(typeof snapshots?.SnapshotsEnabled === 'boolean'
      ? { ApplicationSnapshotConfiguration: { SnapshotsEnabled: snapshots.SnapshotsEnabled } }
      : {}),
    ...(description.SqlApplicationConfigurationDescription
      ? { SqlApplicationConfiguration: sqlConfiguration(description) }
      : {}),
    ...(description.VpcConfigurationDescriptions?.length
      ? {
          VpcConfigurations: description.VpcConfigurationDescriptions.map((vpc) => ({
            SubnetIds: vpc.SubnetIds ?? [],
            SecurityGroupIds: vpc.SecurityGroupIds ?? [],
          })),
        }
      : {}),
    ...(encryption?.KeyType === 'CUSTOMER_MANAGED_KEY'
      ? { ApplicationEncryptionConfiguration: { KeyType: 'CUSTOMER_MANAGED_KEY', KeyId: encryption.KeyId } }
      : {}),
  };
}

/** The Flink settings a description reports, as the configuration that sets them. */
function flinkConfiguration(description: unknown): FlinkApplicationConfiguration | undefined {
  if (typeof description !== 'object' || description === null) return undefined;
  const parts = description as Record<string, Record<string, unknown> | undefined>;
  const configuration: Record<string, Record<string, unknown>> = {};
  for (const [from, to] of [
    ['CheckpointConfigurationDescription', 'CheckpointConfiguration'],
    ['MonitoringConfigurationDescription', 'MonitoringConfiguration'],
    ['ParallelismConfigurationDescription', 'ParallelismConfiguration'],
  ] as const) {
    const part = parts[from];
    if (!part) continue;
    // CurrentParallelism is reported, not set.
    const { CurrentParallelism: _current, ...settable } = part;
    configuration[to] = settable;
  }
  // Safe: each part keeps the description's field names, which are the configuration's.
  return Object.keys(configuration).length > 0 ? (configuration as FlinkApplicationConfiguration) : undefined;
}

/** SQL inputs, outputs and reference data as CreateApplication takes them. */
function sqlConfiguration(description: ApplicationConfigurationDescription) {
  const sql = description.SqlApplicationConfigurationDescription ?? {};
  // Safe casts: each description keeps the SQL API's own schema shapes, which the request takes back.
  const inputs = (sql.InputDescriptions ?? []).map(
    (input) =>
      ({
        NamePrefix: input.NamePrefix,
        InputSchema: input.InputSchema,
        ...(input.InputParallelism ? { InputParallelism: input.InputParallelism } : {}),
        ...(input.KinesisStreamsInputDescription
          ? { KinesisStreamsInput: { ResourceARN: input.KinesisStreamsInputDescription.ResourceARN } }
          : {}),
        ...(input.KinesisFirehoseInputDescription
          ? { KinesisFirehoseInput: { ResourceARN: input.KinesisFirehoseInputDescription.ResourceARN } }
          : {}),
      }) as Input,
  );
  const outputs = (sql.OutputDescriptions ?? []).map(
    (output) =>
      ({
        Name: output.Name,
        DestinationSchema: output.DestinationSchema,
        ...(output.KinesisStreamsOutputDescription
          ? { KinesisStreamsOutput: { ResourceARN: output.KinesisStreamsOutputDescription.ResourceARN } }
          : {}),
        ...(output.KinesisFirehoseOutputDescription
          ? { KinesisFirehoseOutput: { ResourceARN: output.KinesisFirehoseOutputDescription.ResourceARN } }
          : {}),
        ...(output.LambdaOutputDescription
          ? { LambdaOutput: { ResourceARN: output.LambdaOutputDescription.ResourceARN } }
          : {}),
      }) as Output,
  );
  return { Inputs: inputs, Outputs: outputs };
}
