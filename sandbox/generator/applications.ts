import type { ApplicationDetail, LogGroupDetail } from '../../shared/snapshot/types.js';
import type { AccountArns } from './account-arns.js';
import type { PlannedApplication } from './estate-plan.js';
import { beforeGeneratedAt, momentBefore } from './generated-time.js';
import { plantedProblemsSentence } from './planted-problems.js';
import type { SeededRandom } from './random.js';

/** AWS's documentation example keys: the credentials detector flags them, and they are not real. */
const EXAMPLE_ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
const EXAMPLE_SECRET_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

/** What an application's properties and configuration name, already resolved to names and ARNs. */
export interface ApplicationWiring {
  roleArn: string;
  codeBucketArn: string;
  codeKey: string;
  sourceStream: string;
  sink: { kind: 'stream' | 'delivery-stream'; name: string };
  /** A stream the properties name that does not exist (the `missing-dependency` problem). */
  missingStream?: string;
}

/** The DescribeApplication.ApplicationDetail of a Flink application running from S3 code. */
export function flinkApplication(
  arns: AccountArns,
  random: SeededRandom,
  planned: PlannedApplication,
  wiring: ApplicationWiring,
): ApplicationDetail {
  const { name, region, problems } = planned;
  const properties: Record<string, string> = {
    'aws.region': region,
    'input.stream.name': wiring.sourceStream,
    [wiring.sink.kind === 'stream' ? 'output.stream.name' : 'delivery.stream.name']: wiring.sink.name,
    'checkpoint.interval.ms': String(random.pick([30_000, 60_000, 120_000])),
  };
  if (wiring.missingStream) properties['replay.stream.name'] = wiring.missingStream;
  const consumer: Record<string, string> = {
    'aws.region': region,
    'flink.stream.initpos': random.pick(['LATEST', 'TRIM_HORIZON']),
    'flink.stream.recordpublisher': random.pick(['POLLING', 'EFO']),
  };
  if (problems.includes('basic-credentials')) {
    Object.assign(consumer, {
      'aws.credentials.provider': 'BASIC',
      'aws.credentials.provider.basic.accesskeyid': EXAMPLE_ACCESS_KEY_ID,
      'aws.credentials.provider.basic.secretkey': EXAMPLE_SECRET_KEY,
    });
  }
  const logging = !problems.includes('logging-off');
  const parallelism = random.pick([1, 2, 2, 4, 4, 8]);
  const created = random.between(30, 1300);
  return {
    ApplicationARN: arns.application(region, name),
    ApplicationName: name,
    ApplicationDescription: `${capitalised(planned.purpose)} of the ${planned.team} team (synthetic). ${plantedProblemsSentence(problems)}`,
    RuntimeEnvironment: planned.runtime,
    ApplicationMode: 'STREAMING',
    ServiceExecutionRole: wiring.roleArn,
    ApplicationStatus: random.chance(0.9) ? 'RUNNING' : 'READY',
    ApplicationVersionId: random.between(1, 40),
    CreateTimestamp: beforeGeneratedAt(created, random.below(1440)),
    LastUpdateTimestamp: momentBefore(random, 0, created - 1),
    ApplicationConfigurationDescription: {
      ApplicationCodeConfigurationDescription: {
        CodeContentType: 'ZIPFILE',
        CodeContentDescription: {
          CodeMD5: random.characters('0123456789abcdef', 32),
          CodeSize: random.between(5_000_000, 90_000_000),
          S3ApplicationCodeLocationDescription: { BucketARN: wiring.codeBucketArn, FileKey: wiring.codeKey },
        },
      },
      EnvironmentPropertyDescriptions: {
        PropertyGroupDescriptions: [
          { PropertyGroupId: 'FlinkApplicationProperties', PropertyMap: properties },
          { PropertyGroupId: 'ConsumerConfigProperties', PropertyMap: consumer },
        ],
      },
      FlinkApplicationConfigurationDescription: {
        CheckpointConfigurationDescription: {
          ConfigurationType: 'DEFAULT',
          CheckpointingEnabled: true,
          CheckpointInterval: 60000,
          MinPauseBetweenCheckpoints: 5000,
        },
        MonitoringConfigurationDescription: {
          ConfigurationType: 'CUSTOM',
          MetricsLevel: 'APPLICATION',
          LogLevel: 'INFO',
        },
        ParallelismConfigurationDescription: {
          ConfigurationType: 'CUSTOM',
          Parallelism: parallelism,
          ParallelismPerKPU: 1,
          CurrentParallelism: parallelism,
          AutoScalingEnabled: random.chance(0.5),
        },
      },
      ApplicationSnapshotConfigurationDescription: { SnapshotsEnabled: true },
      ApplicationEncryptionConfigurationDescription: { KeyType: 'AWS_OWNED_KEY' },
    },
    CloudWatchLoggingOptionDescriptions: logging
      ? [
          {
            CloudWatchLoggingOptionId: '1.1',
            LogStreamARN: `${arns.logGroup(region, logGroupName(name))}:log-stream:kinesis-analytics-log-stream`,
          },
        ]
      : [],
  };
}

/** The log group Managed Service for Apache Flink writes an application's logs to. */
export function logGroupName(application: string): string {
  return `/aws/kinesis-analytics/${application}`;
}

/** The DescribeLogGroups entry of an application's log group. */
export function applicationLogGroup(
  arns: AccountArns,
  random: SeededRandom,
  region: string,
  application: string,
): LogGroupDetail {
  const name = logGroupName(application);
  return {
    logGroupName: name,
    creationTime: Date.parse(momentBefore(random, 30, 1300)),
    retentionInDays: random.pick([14, 30, 30, 90]),
    metricFilterCount: 0,
    arn: `${arns.logGroup(region, name)}:*`,
    logGroupArn: arns.logGroup(region, name),
    storedBytes: random.between(1_000_000, 900_000_000),
    logGroupClass: 'STANDARD',
  };
}

function capitalised(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
