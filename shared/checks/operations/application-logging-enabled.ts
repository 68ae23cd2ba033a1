import type { Check } from '../types.js';

export const applicationLoggingEnabled: Check = {
  metadata: {
    id: 'application-logging-enabled',
    title: 'The application sends its logs to CloudWatch Logs',
    bestPractice: 'operations',
    severity: 'medium',
    description: 'Checks that the application has a CloudWatch logging option, so its Flink logs are kept.',
    logic:
      'PASS: CloudWatchLoggingOptionDescriptions has at least one entry (the detail names the log stream). ' +
      'FAIL: it is empty or absent.',
    risk:
      'Without logs, failures, restarts and errors such as access denials go unseen, and there is nothing ' +
      'to investigate after an incident.',
    remediation: {
      console:
        'Open the Managed Service for Apache Flink console, choose the application, then Configure > ' +
        'Logging and monitoring, turn on CloudWatch logging and choose a log group and stream.',
      cli:
        'aws logs create-log-group --log-group-name /aws/kinesis-analytics/<application-name>\n' +
        'aws logs create-log-stream --log-group-name /aws/kinesis-analytics/<application-name> --log-stream-name kinesis-analytics-log-stream\n' +
        'aws kinesisanalyticsv2 add-application-cloud-watch-logging-option --application-name <application-name> --current-application-version-id <version-id> --cloud-watch-logging-option LogStreamARN=arn:aws:logs:<region>:<account-id>:log-group:/aws/kinesis-analytics/<application-name>:log-stream:kinesis-analytics-log-stream',
      cloudformation: [
        'Resources:',
        '  ApplicationLogging:',
        '    Type: AWS::KinesisAnalyticsV2::ApplicationCloudWatchLoggingOption',
        '    Properties:',
        '      ApplicationName: <application-name>',
        '      CloudWatchLoggingOption:',
        "        LogStreamARN: 'arn:aws:logs:<region>:<account-id>:log-group:/aws/kinesis-analytics/<application-name>:log-stream:kinesis-analytics-log-stream'",
      ].join('\n'),
      references: [
        'https://docs.aws.amazon.com/managed-flink/latest/java/cloudwatch-logs.html',
        'https://docs.aws.amazon.com/managed-flink/latest/apiv2/API_AddApplicationCloudWatchLoggingOption.html',
      ],
    },
  },
  evaluate(context) {
    const { application } = context;
    const streams = (application.CloudWatchLoggingOptionDescriptions ?? []).map(
      (option) => option.LogStreamARN,
    );
    if (streams.length > 0) {
      return [
        {
          status: 'PASS',
          resourceArn: application.ApplicationARN,
          detail: `${application.ApplicationName} sends its logs to ${streams.join(', ')}.`,
        },
      ];
    }
    return [
      {
        status: 'FAIL',
        resourceArn: application.ApplicationARN,
        detail: `${application.ApplicationName} has no CloudWatch logging option, so its logs are not kept.`,
      },
    ];
  },
};
