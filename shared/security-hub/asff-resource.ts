import type { Partition, Resource } from '@aws-sdk/client-securityhub';
import { parseArn } from '../arn.js';

/** The partitions Security Hub accepts in Resource.Partition; any other is left out rather than rejected. */
const ASFF_PARTITIONS: readonly string[] = ['aws', 'aws-cn', 'aws-us-gov', 'aws-us-iso', 'aws-us-iso-b'];

/**
 * ASFF resource types by `<service>:<resource type>` of the ARN. Only types Security Hub documents
 * are named; anything else (a Flink application, a Firehose stream, a log group) is `Other`.
 */
const RESOURCE_TYPES: Record<string, string> = {
  'iam:role': 'AwsIamRole',
  'iam:user': 'AwsIamUser',
  'iam:policy': 'AwsIamPolicy',
  's3:bucket': 'AwsS3Bucket',
  's3:object': 'AwsS3Object',
  'kinesis:stream': 'AwsKinesisStream',
  'kms:key': 'AwsKmsKey',
  'cloudtrail:trail': 'AwsCloudTrailTrail',
  'secretsmanager:secret': 'AwsSecretsManagerSecret',
  'sns:topic': 'AwsSnsTopic',
  'lambda:function': 'AwsLambdaFunction',
};

/** The ASFF resource type of an ARN (`AwsIamRole`, `AwsS3Bucket`, …), or `Other`. */
export function asffResourceType(resourceArn: string): string {
  const arn = parseArn(resourceArn);
  if (!arn) return 'Other';
  const kind =
    arn.service === 's3'
      ? arn.resource.includes('/')
        ? 'object'
        : 'bucket'
      : (arn.resource.split(/[/:]/)[0] ?? '');
  return RESOURCE_TYPES[`${arn.service}:${kind}`] ?? 'Other';
}

/**
 * The finding's resource as ASFF describes it: its type, its ARN as Id, the partition and its
 * region (the application's region for global resources such as IAM roles and S3 buckets).
 * `other` becomes Details.Other, which Security Hub automation rules can match on.
 */
export function asffResource(
  resourceArn: string,
  partition: string,
  fallbackRegion: string,
  other: Record<string, string>,
): Resource {
  const region = parseArn(resourceArn)?.region || fallbackRegion;
  return {
    Type: asffResourceType(resourceArn),
    Id: resourceArn,
    ...(ASFF_PARTITIONS.includes(partition) ? { Partition: partition as Partition } : {}),
    Region: region,
    Details: { Other: other },
  };
}
