import type { Check } from '../types.js';
import { judgeTrailProperty } from './trail-property.js';

export const cloudtrailKmsEncryption: Check = {
  metadata: {
    id: 'cloudtrail-kms-encryption',
    title: "The trail recording the application's region encrypts its logs with KMS",
    bestPractice: 'cloudtrail',
    severity: 'medium',
    description:
      "Among the trails that record the write management events of the application's region, checks that " +
      'one encrypts its log files with a KMS key (SSE-KMS) instead of the default SSE-S3.',
    logic:
      "PASS: a trail that passes cloudtrail-region-logging's test has a KmsKeyId (the detail names the " +
      "trail). FAIL: none of those trails has one. NOT_APPLICABLE: no trail records the region's write " +
      'management events (cloudtrail-region-logging fails). ERROR: cloudtrail:DescribeTrails failed for ' +
      'the region, or no trail is proven to record the events and some could not be judged.',
    risk:
      'Logs encrypted with SSE-S3 can be read by anyone allowed to read the bucket; with SSE-KMS reading ' +
      'them also needs kms:Decrypt on a key you control, and every decryption is itself logged.',
    remediation: {
      console:
        'Open the CloudTrail console, choose Trails, the trail, then General details > Edit, select Log ' +
        'file SSE-KMS encryption: Enabled, and choose a customer managed key whose policy lets CloudTrail use it.',
      cli: 'aws cloudtrail update-trail --name <trail-name> --kms-key-id <key-arn>',
      cloudformation: [
        'Resources:',
        '  AuditTrail:',
        '    Type: AWS::CloudTrail::Trail',
        '    Properties:',
        '      S3BucketName: <log-bucket>',
        '      IsLogging: true',
        '      IsMultiRegionTrail: true',
        '      KMSKeyId: <key-arn>',
      ].join('\n'),
      references: [
        'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/encrypting-cloudtrail-log-files-with-aws-kms.html',
        'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-kms-key-policy-for-cloudtrail.html',
      ],
    },
  },
  evaluate(context) {
    return judgeTrailProperty(context, {
      holds: 'encrypts its log files with a KMS key',
      lacks: (trail) => (trail.KmsKeyId ? undefined : 'no KMS key, logs use SSE-S3'),
    });
  },
};
