import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { EC2Client } from '@aws-sdk/client-ec2';
import { FirehoseClient } from '@aws-sdk/client-firehose';
import { IAMClient } from '@aws-sdk/client-iam';
import { KinesisClient } from '@aws-sdk/client-kinesis';
import { KinesisAnalyticsV2Client } from '@aws-sdk/client-kinesis-analytics-v2';
import { KMSClient } from '@aws-sdk/client-kms';
import { S3Client } from '@aws-sdk/client-s3';
import { S3ControlClient } from '@aws-sdk/client-s3-control';
import { SecurityHubClient } from '@aws-sdk/client-securityhub';
import { SNSClient } from '@aws-sdk/client-sns';
import { STSClient } from '@aws-sdk/client-sts';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { InvalidRequestError } from '../errors.js';
import { type GateableStack, gateAttempts } from './attempt-gate.js';

/** The AWS clients kda-auditor uses, one per service and region, built on first use. */
export interface ClientFactory {
  kinesisAnalytics(region: string): KinesisAnalyticsV2Client;
  kinesis(region: string): KinesisClient;
  firehose(region: string): FirehoseClient;
  s3(region: string): S3Client;
  s3Control(region: string): S3ControlClient;
  kms(region: string): KMSClient;
  cloudTrail(region: string): CloudTrailClient;
  logs(region: string): CloudWatchLogsClient;
  ec2(region: string): EC2Client;
  sts(region: string): STSClient;
  sns(region: string): SNSClient;
  securityHub(region: string): SecurityHubClient;
  /** IAM is global; its client lives in the partition's IAM region. */
  iam(): IAMClient;
}

/** How clients are built. Everything is optional: the defaults are the SDK's own. */
export interface ClientFactoryOptions {
  /** One endpoint for every service (a local sandbox). AWS_ENDPOINT_URL(_<SERVICE>) also work. */
  endpoint?: string;
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** Attempts per call, retries included (SDK standard retry mode with jittered backoff). */
  maxAttempts?: number;
  /** The environment to read endpoint overrides from; defaults to process.env. */
  env?: Record<string, string | undefined>;
  /**
   * Milliseconds an attempt waits for a response (and at most 3 s for the connection) before it
   * fails with TimeoutError, which the retry strategy retries; 10 s by default.
   */
  requestTimeoutMs?: number;
}

/** How long an attempt waits for a response by default: far above AWS's usual latency, far below Lambda's limit. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
const MAX_CONNECTION_TIMEOUT_MS = 3_000;

// Names as the SDK reads them: AWS_ENDPOINT_URL_<serviceId upper-cased, spaces to underscores>.
const SERVICE_ENV_SUFFIX = {
  kinesis: 'KINESIS',
  s3: 'S3',
  s3Control: 'S3_CONTROL',
} as const;

/** The request handler's timeouts for `options`; throws InvalidRequestError on a bad timeout. */
export function requestTimeouts(options: ClientFactoryOptions) {
  const requestTimeout = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  if (!Number.isInteger(requestTimeout) || requestTimeout < 1) {
    throw new InvalidRequestError([
      `requestTimeoutMs must be a whole number of milliseconds above 0, got ${requestTimeout}`,
    ]);
  }
  // Without throwOnRequestTimeout the SDK only logs a late answer, so a stalled call would hang the scan.
  return {
    requestTimeout,
    connectionTimeout: Math.min(requestTimeout, MAX_CONNECTION_TIMEOUT_MS),
    throwOnRequestTimeout: true,
  };
}

/** The configuration every client shares: region, retries, timeouts, endpoint and credentials. */
export function baseClientConfig(
  region: string,
  options: ClientFactoryOptions,
  timeouts: ReturnType<typeof requestTimeouts> = requestTimeouts(options),
) {
  return {
    region,
    maxAttempts: options.maxAttempts ?? 5,
    requestHandler: timeouts,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
  };
}

/** What `gateAttempts` needs of a client. */
type GateableClient = { middlewareStack: GateableStack };

/**
 * Creates a client factory; clients are cached per service and region for the factory's life.
 * Each client paces its attempts through the CallGovernor whose `run` sends the call, if any.
 */
export function createClientFactory(options: ClientFactoryOptions = {}): ClientFactory {
  const env = options.env ?? process.env;
  const timeouts = requestTimeouts(options);
  const cache = new Map<string, unknown>();
  const overridden = (suffix: string) =>
    Boolean(options.endpoint || env[`AWS_ENDPOINT_URL_${suffix}`] || env.AWS_ENDPOINT_URL);
  const base = (region: string) => baseClientConfig(region, options, timeouts);
  function cached<T extends GateableClient>(service: string, region: string, build: () => T): T {
    const key = `${service}|${region}`;
    if (!cache.has(key)) {
      const client = build();
      // Every attempt of a governed call (SDK retries included) waits for the governor's token.
      gateAttempts(client.middlewareStack);
      cache.set(key, client);
    }
    return cache.get(key) as T;
  }
  return {
    kinesisAnalytics: (region) => cached('kda', region, () => new KinesisAnalyticsV2Client(base(region))),
    // Kinesis defaults to HTTP/2, which local emulators do not speak: use HTTP/1.1 there.
    kinesis: (region) =>
      cached('kinesis', region, () =>
        overridden(SERVICE_ENV_SUFFIX.kinesis)
          ? new KinesisClient({ ...base(region), requestHandler: new NodeHttpHandler(timeouts) })
          : // The SDK's own Kinesis default: one HTTP/2 session per request (event streams need it).
            new KinesisClient({
              ...base(region),
              requestHandler: { ...timeouts, disableConcurrentStreams: true },
            }),
      ),
    firehose: (region) => cached('firehose', region, () => new FirehoseClient(base(region))),
    // Emulators serve buckets path-style; AWS itself prefers virtual-hosted style.
    s3: (region) =>
      cached(
        's3',
        region,
        () => new S3Client({ ...base(region), forcePathStyle: overridden(SERVICE_ENV_SUFFIX.s3) }),
      ),
    // S3 Control's endpoint rules prefix the host with the account id (123456789012.127.0.0.1),
    // which no loopback endpoint resolves: an overridden endpoint is used exactly as given.
    s3Control: (region) =>
      cached('s3control', region, () => {
        const endpoint =
          options.endpoint ?? env[`AWS_ENDPOINT_URL_${SERVICE_ENV_SUFFIX.s3Control}`] ?? env.AWS_ENDPOINT_URL;
        return new S3ControlClient({
          ...base(region),
          ...(endpoint
            ? { disableHostPrefix: true, endpointProvider: () => ({ url: new URL(endpoint) }) }
            : {}),
        });
      }),
    kms: (region) => cached('kms', region, () => new KMSClient(base(region))),
    cloudTrail: (region) => cached('cloudtrail', region, () => new CloudTrailClient(base(region))),
    logs: (region) => cached('logs', region, () => new CloudWatchLogsClient(base(region))),
    ec2: (region) => cached('ec2', region, () => new EC2Client(base(region))),
    sts: (region) => cached('sts', region, () => new STSClient(base(region))),
    sns: (region) => cached('sns', region, () => new SNSClient(base(region))),
    securityHub: (region) => cached('securityhub', region, () => new SecurityHubClient(base(region))),
    iam: () => cached('iam', 'global', () => new IAMClient(base('us-east-1'))),
  };
}
