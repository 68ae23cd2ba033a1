import type { Check } from '../types.js';
import { describeTrails, regionTrailsArn, trailCoverage, trailListUnreadable } from './trail-coverage.js';

export const cloudtrailRegionLogging: Check = {
  metadata: {
    id: 'cloudtrail-region-logging',
    title: "A CloudTrail trail records write management events in the application's region",
    bestPractice: 'cloudtrail',
    severity: 'high',
    description:
      "Looks at the trails that cover the application's region (trails whose home region it is, and " +
      'multi-region trails, organization trails included) and checks that one of them is logging and ' +
      'records write management events, such as UpdateApplication, DeleteApplication or ' +
      'AddApplicationCloudWatchLoggingOption calls on the application.',
    logic:
      'PASS: a covering trail has Status.IsLogging true and records write management events: a classic ' +
      'event selector with IncludeManagementEvents true and ReadWriteType All or WriteOnly; or an advanced ' +
      'selector with eventCategory Equals Management and no readOnly restriction to "true"; or no custom ' +
      'event selectors at all (the default records every management event). FAIL: no covering trail does, ' +
      'the detail saying what is wrong with each one (or that there is none). ERROR: ' +
      'cloudtrail:DescribeTrails failed for the region, or no trail is proven good and the status or event ' +
      'selectors of some trail could not be read.',
    risk:
      'Without a trail, changes to the application (new code, a new role, logging switched off, the ' +
      'application deleted) leave no record: an attacker or a mistake cannot be traced, and incident ' +
      'response has nothing to go on.',
    remediation: {
      console:
        'Open the CloudTrail console, choose Trails > Create trail (or an existing trail), apply it to all ' +
        'regions, and under Event type select Management events with API activity Read and Write; make sure ' +
        'logging is on.',
      cli:
        'aws cloudtrail create-trail --name <trail-name> --s3-bucket-name <log-bucket> --is-multi-region-trail --enable-log-file-validation --kms-key-id <key-arn>\n' +
        'aws cloudtrail put-event-selectors --trail-name <trail-name> --event-selectors \'[{"ReadWriteType":"All","IncludeManagementEvents":true}]\'\n' +
        'aws cloudtrail start-logging --name <trail-name>',
      cloudformation: [
        'Resources:',
        '  AuditTrail:',
        '    Type: AWS::CloudTrail::Trail',
        '    Properties:',
        '      TrailName: <trail-name>',
        '      S3BucketName: <log-bucket>',
        '      IsLogging: true',
        '      IsMultiRegionTrail: true',
        '      IncludeGlobalServiceEvents: true',
        '      EnableLogFileValidation: true',
        '      KMSKeyId: <key-arn>',
        '      EventSelectors:',
        '        - ReadWriteType: All',
        '          IncludeManagementEvents: true',
      ].join('\n'),
      references: [
        'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-create-and-update-a-trail.html',
        'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-management-events-with-cloudtrail.html',
        'https://docs.aws.amazon.com/managed-flink/latest/java/logging-using-cloudtrail.html',
      ],
    },
  },
  evaluate(context) {
    const unreadable = trailListUnreadable(context);
    if (unreadable) return [unreadable];
    const coverage = trailCoverage(context.index, context.region);
    const good = coverage.find((judgement) => judgement.verdict === 'qualifies');
    if (good) {
      return [
        {
          status: 'PASS',
          resourceArn: good.trail.TrailARN,
          detail: `Trail ${good.trail.Name} is logging the write management events of ${context.region}.`,
        },
      ];
    }
    if (coverage.length === 0) {
      return [
        {
          status: 'FAIL',
          resourceArn: regionTrailsArn(context),
          detail: `No CloudTrail trail covers ${context.region}; create a multi-region trail that records management events.`,
        },
      ];
    }
    const unknown = coverage.filter((judgement) => judgement.verdict === 'unknown');
    if (unknown.length > 0) {
      return [
        {
          status: 'ERROR',
          resourceArn: regionTrailsArn(context),
          detail: `No trail is proven to log the write management events of ${context.region}, and some could not be judged: ${describeTrails(coverage)}; grant the auditor cloudtrail:GetTrailStatus and cloudtrail:GetEventSelectors and scan again.`,
        },
      ];
    }
    return [
      {
        status: 'FAIL',
        resourceArn: coverage.length === 1 ? coverage[0]!.trail.TrailARN : regionTrailsArn(context),
        detail: `No trail logs the write management events of ${context.region}: ${describeTrails(coverage)}.`,
      },
    ];
  },
};
