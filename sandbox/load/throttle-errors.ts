/** Each service's own "too many requests" answer, as data, with the page that documents it. */

const KINESIS = 'https://docs.aws.amazon.com/kinesis/latest/APIReference';

/** How a service says "too many requests", so the SDK's retry strategy backs off as from AWS. */
export interface ThrottleError {
  code: string;
  status: number;
  message: string;
  source: string;
}

/** The throttling error of each service, by signing name. */
export const THROTTLE_ERRORS: Readonly<Record<string, ThrottleError>> = {
  kinesis: {
    code: 'LimitExceededException',
    status: 400,
    message: 'Rate exceeded for the account; reduce the frequency of requests.',
    source: `${KINESIS}/API_ListStreams.html#API_ListStreams_Errors`,
  },
  firehose: {
    code: 'LimitExceededException',
    status: 400,
    message: 'Rate exceeded; reduce the frequency of requests.',
    source: 'https://docs.aws.amazon.com/firehose/latest/APIReference/CommonErrors.html',
  },
  kms: {
    code: 'ThrottlingException',
    status: 400,
    message: 'You have exceeded the rate at which you may call KMS. Reduce the frequency of your calls.',
    source: 'https://docs.aws.amazon.com/kms/latest/developerguide/throttling.html',
  },
  cloudtrail: {
    code: 'ThrottlingException',
    status: 400,
    message: 'Rate exceeded',
    source: 'https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/CommonErrors.html',
  },
  kinesisanalytics: {
    code: 'ThrottlingException',
    status: 400,
    message: 'Rate exceeded',
    source: 'https://docs.aws.amazon.com/managed-flink/latest/apiv2/CommonErrors.html',
  },
  logs: {
    code: 'ThrottlingException',
    status: 400,
    message: 'Rate exceeded',
    source: 'https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/CommonErrors.html',
  },
  iam: {
    code: 'Throttling',
    status: 400,
    message: 'Rate exceeded',
    source: 'https://repost.aws/knowledge-center/iam-sts-throttling-error',
  },
  sts: {
    code: 'Throttling',
    status: 400,
    message: 'Rate exceeded',
    source: 'https://repost.aws/knowledge-center/iam-sts-throttling-error',
  },
  sns: {
    // SNS's model: ThrottledException, awsQueryError code "Throttled", HTTP 429.
    code: 'Throttled',
    status: 429,
    message: 'Rate exceeded',
    source: 'https://docs.aws.amazon.com/sns/latest/api/API_Publish.html#API_Publish_Errors',
  },
  ec2: {
    code: 'RequestLimitExceeded',
    status: 503,
    message: 'Request limit exceeded.',
    source: 'https://docs.aws.amazon.com/ec2/latest/devguide/ec2-api-throttling.html',
  },
  s3: {
    code: 'SlowDown',
    status: 503,
    message: 'Please reduce your request rate.',
    source: 'https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html',
  },
  organizations: {
    code: 'TooManyRequestsException',
    status: 400,
    message: 'You have sent too many requests in too short a period of time.',
    source: 'https://docs.aws.amazon.com/organizations/latest/APIReference/CommonErrors.html',
  },
};
