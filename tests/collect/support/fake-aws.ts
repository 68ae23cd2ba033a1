/**
 * A fake AWS account for collection tests: aws-sdk-client-mock stubs on every client class that
 * answer from an account snapshot the way the real APIs do (pagination, "not found" errors,
 * Dates, URL-encoded IAM documents, the region each call is sent to). Tests override single
 * commands on the returned stubs to inject failures.
 */
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
import { STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { type ClientFactory, createClientFactory } from '../../../shared/aws/clients.js';
import type { AccountSnapshot } from '../../../shared/snapshot/types.js';
import { fakeIdentityAndApplications } from './fake-applications.js';
import { fakeIam } from './fake-iam.js';
import { fakeCloudTrail, fakeKms, fakeLogs, fakeStreams } from './fake-resources.js';
import { fakeS3 } from './fake-storage.js';
import { type Answer, type FakeAccount, regionOf, reviveDates } from './fake-wire.js';

/** How many items each paginated fake API returns per page. */
export interface PageSizes {
  applications?: number;
  authorizationDetails?: number;
  aliases?: number;
  destinations?: number;
  logGroups?: number;
}

/** The stubs of every client class, to override commands and assert what was sent. */
export type FakeAws = ReturnType<typeof installStubs>;

let installed: FakeAws | undefined;

function installStubs() {
  return {
    sts: mockClient(STSClient),
    ec2: mockClient(EC2Client),
    kinesisAnalytics: mockClient(KinesisAnalyticsV2Client),
    iam: mockClient(IAMClient),
    kinesis: mockClient(KinesisClient),
    firehose: mockClient(FirehoseClient),
    s3: mockClient(S3Client),
    s3Control: mockClient(S3ControlClient),
    kms: mockClient(KMSClient),
    cloudTrail: mockClient(CloudTrailClient),
    logs: mockClient(CloudWatchLogsClient),
  };
}

/** Serves `snapshot` as a live account; replaces the stubs of any earlier fake. */
export function fakeAws(snapshot: AccountSnapshot, pageSizes: PageSizes = {}): FakeAws {
  restoreAws();
  const stubs = installStubs();
  installed = stubs;
  const account: FakeAccount = { snapshot, partition: snapshot.partition ?? 'aws' };
  const answer: Answer = (stub, command, reply) => {
    // Safe: every stub accepts its own commands; the generic constraint cannot say which.
    (stub as unknown as { on: (c: unknown) => { callsFake: (f: unknown) => void } })
      .on(command)
      .callsFake(async (input: never, getClient: () => { config: { region: () => Promise<string> } }) =>
        reviveDates(await reply(input, await regionOf(getClient))),
      );
  };
  fakeIdentityAndApplications(stubs, account, answer, pageSizes.applications ?? 50);
  fakeIam(stubs.iam, account, answer, pageSizes.authorizationDetails ?? 100);
  fakeStreams(stubs, account, answer, pageSizes.destinations ?? 100);
  fakeS3(stubs, account, answer);
  fakeKms(stubs.kms, account, answer, pageSizes.aliases ?? 50);
  fakeLogs(stubs.logs, account, answer, pageSizes.logGroups ?? 50);
  fakeCloudTrail(stubs.cloudTrail, account, answer);
  return stubs;
}

/** Removes the stubs, so the next test starts clean. */
export function restoreAws(): void {
  if (!installed) return;
  for (const stub of Object.values(installed)) stub.restore();
  installed = undefined;
}

/** A client factory whose clients the fake answers (static credentials: nothing is resolved). */
export function fakeClients(): ClientFactory {
  return createClientFactory({ credentials: { accessKeyId: 'AKIAFAKE', secretAccessKey: 'fake' }, env: {} });
}
