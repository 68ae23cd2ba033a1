import type { Check } from '../types.js';
import { judgeTrailProperty } from './trail-property.js';

export const cloudtrailLogFileValidation: Check = {
  metadata: {
    id: 'cloudtrail-log-file-validation',
    title: "The trail recording the application's region validates its log files",
    bestPractice: 'cloudtrail',
    severity: 'medium',
    description:
      "Among the trails that record the write management events of the application's region, checks that " +
      'one has log file integrity validation turned on.',
    logic:
      "PASS: a trail that passes cloudtrail-region-logging's test has LogFileValidationEnabled true (the " +
      'detail names it). FAIL: none of those trails has it (the detail names them). NOT_APPLICABLE: no ' +
      "trail records the region's write management events (cloudtrail-region-logging fails). ERROR: " +
      'cloudtrail:DescribeTrails failed for the region, or no trail is proven to record the events and ' +
      'some could not be judged.',
    risk:
      'Without digest files nobody can prove that a log file was not modified or deleted after delivery, ' +
      'so an intruder who reaches the log bucket can erase their tracks unnoticed.',
    remediation: {
      console:
        'Open the CloudTrail console, choose Trails, the trail, then General details > Edit, and select ' +
        'Log file validation: Enabled.',
      cli: 'aws cloudtrail update-trail --name <trail-name> --enable-log-file-validation',
      cloudformation: [
        'Resources:',
        '  AuditTrail:',
        '    Type: AWS::CloudTrail::Trail',
        '    Properties:',
        '      S3BucketName: <log-bucket>',
        '      IsLogging: true',
        '      IsMultiRegionTrail: true',
        '      EnableLogFileValidation: true',
      ].join('\n'),
      references: [
        'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-intro.html',
      ],
    },
  },
  evaluate(context) {
    return judgeTrailProperty(context, {
      holds: 'validates its log files',
      lacks: (trail) => (trail.LogFileValidationEnabled === true ? undefined : 'log file validation is off'),
    });
  },
};
