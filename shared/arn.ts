/** Amazon Resource Names: parsing and the ARNs kda-auditor builds itself. */

/** The six parts of an ARN; `resource` keeps everything after the fifth colon. */
export interface Arn {
  partition: string;
  service: string;
  region: string;
  accountId: string;
  resource: string;
}

/**
 * Region names as AWS spells them: eu-west-1, us-gov-west-1, ap-southeast-5, and the European
 * Sovereign Cloud's eusc-de-east-1 (partition aws-eusc), whose prefix has four letters.
 */
export const REGION_PATTERN = /^[a-z]{2,4}(-[a-z]+)+-\d+$/;

/** Parses an ARN, or returns undefined when the text is not one. */
export function parseArn(text: string): Arn | undefined {
  const parts = text.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  const [, partition, service, region, accountId] = parts as [string, string, string, string, string];
  return { partition, service, region, accountId, resource: parts.slice(5).join(':') };
}

/** The bucket name of an `arn:aws:s3:::bucket[/key]` ARN. */
export function bucketNameFromArn(arn: string): string | undefined {
  const parsed = parseArn(arn);
  if (parsed?.service !== 's3') return undefined;
  const name = parsed.resource.split('/')[0];
  return name ? name : undefined;
}

/** The ARN of an S3 bucket. */
export function bucketArn(partition: string, bucket: string): string {
  return `arn:${partition}:s3:::${bucket}`;
}

/** The ARN of a Kinesis data stream. */
export function streamArn(partition: string, region: string, accountId: string, name: string): string {
  return `arn:${partition}:kinesis:${region}:${accountId}:stream/${name}`;
}

/** The ARN of a Firehose delivery stream. */
export function deliveryStreamArn(
  partition: string,
  region: string,
  accountId: string,
  name: string,
): string {
  return `arn:${partition}:firehose:${region}:${accountId}:deliverystream/${name}`;
}

/** The ARN of a CloudWatch Logs log group (without the trailing `:*`). */
export function logGroupArn(partition: string, region: string, accountId: string, name: string): string {
  return `arn:${partition}:logs:${region}:${accountId}:log-group:${name}`;
}
