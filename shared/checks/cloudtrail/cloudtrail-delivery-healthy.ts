import type { TrailDetail } from '../../snapshot/types.js';
import type { Check } from '../types.js';
import { judgeTrailProperty } from './trail-property.js';

// A logging trail delivers a file every few minutes; a day without one means delivery is broken.
const MAX_DELIVERY_AGE_MS = 24 * 60 * 60 * 1000;

export const cloudtrailDeliveryHealthy: Check = {
  metadata: {
    id: 'cloudtrail-delivery-healthy',
    title: "The trail recording the application's region delivers its logs",
    bestPractice: 'cloudtrail',
    severity: 'medium',
    description:
      "Among the trails that record the write management events of the application's region, checks that " +
      'one is actually delivering log files to its S3 bucket.',
    logic:
      "PASS: a trail that passes cloudtrail-region-logging's test has no Status.LatestDeliveryError and, " +
      'when both the snapshot time (collectedAt) and Status.LatestDeliveryTime are known, delivered within ' +
      'the 24 hours before the snapshot. FAIL: every such trail reports a delivery error or delivered ' +
      'nothing for more than 24 hours (the detail names them). NOT_APPLICABLE: no trail records the ' +
      "region's write management events (cloudtrail-region-logging fails). ERROR: cloudtrail:DescribeTrails " +
      'failed for the region, or no trail is proven to record the events and some could not be judged.',
    risk:
      'A trail that cannot write to its bucket (bucket deleted, bucket policy or KMS key policy changed) ' +
      'records nothing: it looks enabled while the audit trail has a gap.',
    remediation: {
      console:
        'Open the CloudTrail console, choose Trails and the trail: the status panel shows the last delivery ' +
        'error. Fix the S3 bucket policy (and the KMS key policy when logs are encrypted) so that ' +
        'cloudtrail.amazonaws.com may write to the bucket.',
      cli:
        'aws cloudtrail get-trail-status --name <trail-name>\n' +
        'aws s3api get-bucket-policy --bucket <log-bucket>\n' +
        'aws s3api put-bucket-policy --bucket <log-bucket> --policy file://cloudtrail-bucket-policy.json',
      cloudformation: [
        'Resources:',
        '  LogBucketPolicy:',
        '    Type: AWS::S3::BucketPolicy',
        '    Properties:',
        '      Bucket: <log-bucket>',
        '      PolicyDocument:',
        "        Version: '2012-10-17'",
        '        Statement:',
        '          - Effect: Allow',
        '            Principal: { Service: cloudtrail.amazonaws.com }',
        "            Action: 's3:GetBucketAcl'",
        "            Resource: 'arn:aws:s3:::<log-bucket>'",
        '          - Effect: Allow',
        '            Principal: { Service: cloudtrail.amazonaws.com }',
        "            Action: 's3:PutObject'",
        "            Resource: 'arn:aws:s3:::<log-bucket>/AWSLogs/<account-id>/*'",
        "            Condition: { StringEquals: { 's3:x-amz-acl': bucket-owner-full-control } }",
      ].join('\n'),
      references: [
        'https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_GetTrailStatus.html',
        'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-s3-bucket-policy-for-cloudtrail.html',
      ],
    },
  },
  evaluate(context) {
    const collectedAt = Date.parse(context.index.snapshot.collectedAt ?? '');
    return judgeTrailProperty(context, {
      holds: 'delivers its log files',
      lacks: (trail) => deliveryProblem(trail, collectedAt),
    });
  },
};

function deliveryProblem(trail: TrailDetail, collectedAt: number): string | undefined {
  const error = trail.Status?.LatestDeliveryError;
  if (error) return `last delivery failed: ${error}`;
  const latest = trail.Status?.LatestDeliveryTime;
  const deliveredAt = Date.parse(latest ?? '');
  if (
    !Number.isNaN(collectedAt) &&
    !Number.isNaN(deliveredAt) &&
    collectedAt - deliveredAt > MAX_DELIVERY_AGE_MS
  ) {
    return `nothing delivered since ${latest}`;
  }
  return undefined;
}
