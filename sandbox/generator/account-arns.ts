import { bucketArn, deliveryStreamArn, logGroupArn, streamArn } from '../../shared/arn.js';

/** The ARNs of one generated account, consistent with its partition and account id. */
export class AccountArns {
  readonly partition: string;
  readonly accountId: string;

  constructor(partition: string, accountId: string) {
    this.partition = partition;
    this.accountId = accountId;
  }

  /** A Kinesis Data Analytics v2 application. */
  application(region: string, name: string): string {
    return `arn:${this.partition}:kinesisanalytics:${region}:${this.accountId}:application/${name}`;
  }

  /** An IAM role (path `/`). */
  role(name: string): string {
    return `arn:${this.partition}:iam::${this.accountId}:role/${name}`;
  }

  /** A customer managed IAM policy. */
  policy(name: string): string {
    return `arn:${this.partition}:iam::${this.accountId}:policy/${name}`;
  }

  /** An AWS managed IAM policy, e.g. AdministratorAccess. */
  awsPolicy(name: string): string {
    return `arn:${this.partition}:iam::aws:policy/${name}`;
  }

  /** A Kinesis data stream. */
  stream(region: string, name: string): string {
    return streamArn(this.partition, region, this.accountId, name);
  }

  /** A Firehose delivery stream. */
  deliveryStream(region: string, name: string): string {
    return deliveryStreamArn(this.partition, region, this.accountId, name);
  }

  /** An S3 bucket. */
  bucket(name: string): string {
    return bucketArn(this.partition, name);
  }

  /** A KMS key. */
  key(region: string, keyId: string): string {
    return `arn:${this.partition}:kms:${region}:${this.accountId}:key/${keyId}`;
  }

  /** A CloudWatch Logs log group (without the trailing `:*`). */
  logGroup(region: string, name: string): string {
    return logGroupArn(this.partition, region, this.accountId, name);
  }

  /** A CloudTrail trail. */
  trail(region: string, name: string): string {
    return `arn:${this.partition}:cloudtrail:${region}:${this.accountId}:trail/${name}`;
  }
}
