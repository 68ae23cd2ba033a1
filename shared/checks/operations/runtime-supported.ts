import type { Check } from '../types.js';
import { RUNTIME_TABLE_AS_OF, runtimeStatusAt, runtimeSupport } from './runtime-support.js';

export const runtimeSupported: Check = {
  metadata: {
    id: 'runtime-supported',
    title: 'The application runs on a supported runtime',
    bestPractice: 'operations',
    severity: 'high',
    description:
      "Looks up the application's RuntimeEnvironment (SQL-1_0, FLINK-1_x, FLINK-2_x, ZEPPELIN-FLINK-x) in " +
      "kda-auditor's runtime support table, built from AWS's end-of-support announcements, and compares " +
      "the announced dates with the snapshot's collectedAt.",
    logic:
      'PASS: AWS announced no end of support for the runtime. FAIL (medium): an end-of-support date is ' +
      'announced and still ahead of collectedAt. FAIL (high): the date has passed, or AWS ended support ' +
      '(SQL applications are discontinued from 2026-01-27). Without collectedAt, the status recorded on ' +
      "the table's own date is used. ERROR: the RuntimeEnvironment is absent or not in kda-auditor's " +
      'runtime table.',
    risk:
      'An unsupported runtime gets no security patches for Flink or its connectors, cannot be created ' +
      'again after a deletion, and AWS may stop it from starting or running at all.',
    remediation: {
      console:
        'Open the Managed Service for Apache Flink console, choose the application, then Configure > ' +
        'Runtime and pick the newest Apache Flink version, after rebuilding the application JAR against it ' +
        'and taking a snapshot.',
      cli:
        'aws kinesisanalyticsv2 describe-application --application-name <application-name> --query ApplicationDetail.ApplicationVersionId\n' +
        'aws kinesisanalyticsv2 update-application --application-name <application-name> --current-application-version-id <version-id> --runtime-environment-update FLINK-1_20 --application-configuration-update \'{"ApplicationCodeConfigurationUpdate":{"CodeContentUpdate":{"S3ContentLocationUpdate":{"FileKeyUpdate":"<new-jar-key>"}}}}\'',
      cloudformation: [
        'Resources:',
        '  Application:',
        '    Type: AWS::KinesisAnalyticsV2::Application',
        '    Properties:',
        '      RuntimeEnvironment: FLINK-1_20',
        '      ServiceExecutionRole: <role-arn>',
        '      ApplicationConfiguration: <configuration>',
      ].join('\n'),
      references: [
        'https://docs.aws.amazon.com/managed-flink/latest/java/how-in-place-version-upgrades.html',
        'https://docs.aws.amazon.com/managed-flink/latest/java/earlier.html',
        'https://docs.aws.amazon.com/kinesisanalytics/latest/dev/discontinuation.html',
      ],
    },
  },
  evaluate(context) {
    const { application } = context;
    const resourceArn = application.ApplicationARN;
    const runtime = application.RuntimeEnvironment;
    const row = runtime ? runtimeSupport(runtime) : undefined;
    if (!runtime || !row) {
      return [
        {
          status: 'ERROR',
          resourceArn,
          detail: runtime
            ? `${application.ApplicationName} runs on ${runtime}, which is not in kda-auditor's runtime table; check its support status with AWS and add it to shared/checks/operations/runtime-support.ts.`
            : `The RuntimeEnvironment of ${application.ApplicationName} is not in the snapshot; scan again with kinesisanalytics:DescribeApplication allowed.`,
        },
      ];
    }
    const collectedAt = context.index.snapshot.collectedAt;
    const status = runtimeStatusAt(row, collectedAt);
    const where = `${application.ApplicationName} runs on ${runtime} (${row.engine})`;
    const asOf = collectedAt ? '' : ` (as of ${RUNTIME_TABLE_AS_OF}; the snapshot has no collectedAt)`;
    const consequence = row.consequence ? `; from that date ${row.consequence}` : '';
    if (status === 'supported') {
      return [{ status: 'PASS', resourceArn, detail: `${where}, which AWS supports${asOf}.` }];
    }
    if (status === 'ending') {
      return [
        {
          status: 'FAIL',
          severity: 'medium',
          resourceArn,
          detail: `${where}, whose support ends on ${row.endOfSupport}${consequence}${asOf}; upgrade to ${row.upgradeTo}.`,
        },
      ];
    }
    const ended = row.endOfSupport ? `ended on ${row.endOfSupport}${consequence}` : 'has ended';
    return [
      {
        status: 'FAIL',
        severity: 'high',
        resourceArn,
        detail: `${where}, whose support ${ended}${asOf}; upgrade to ${row.upgradeTo}.`,
      },
    ];
  },
};
