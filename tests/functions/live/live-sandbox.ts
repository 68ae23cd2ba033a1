/**
 * The live re-audit scenario of the sandbox test and `npm run bench:live`: the demo account scanned
 * in full (latest.json and the resource index in the sandbox's bucket), then the same account after
 * StopStreamEncryption on orders-in, served by a second sandbox holding the same bucket contents.
 */
import { readFileSync } from 'node:fs';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { CreateTopicCommand } from '@aws-sdk/client-sns';
import { type Sandbox, startSandbox } from '../../../sandbox/server.js';
import { runAudit } from '../../../shared/audit.js';
import { type ClientFactory, createClientFactory } from '../../../shared/aws/clients.js';
import { demoAccount } from '../../../shared/demo/demo-account.js';
import type { CloudTrailChangeEvent } from '../../../shared/live/types.js';
import type { AccountSnapshot } from '../../../shared/snapshot/types.js';

/** Where the scenario's reports and alerts go, inside the sandbox. */
export const LIVE_OUTPUTS = {
  region: 'eu-west-1',
  reportBucket: 'kda-auditor-live-reports',
  reportPrefix: 'reports',
  topicName: 'kda-auditor-live-alerts',
} as const;

/** The stream whose encryption the change stops: orders-in, read by orders-router. */
export const CHANGED_STREAM = 'arn:aws:kinesis:eu-west-1:111122223333:stream/orders-in';

/** The change event, as EventBridge delivers it: the events/live sample. */
export function stopEncryptionEvent(): CloudTrailChangeEvent {
  const url = new URL('../../../events/live/kinesis-StopStreamEncryption.json', import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8'));
}

/** The report bucket's objects after the full scan: what every changed sandbox starts from. */
export type BaselineObjects = ReadonlyMap<string, { body: Buffer; contentType: string }>;

/** Clients of a sandbox, with its dummy credentials and no retries (a failure shows at once). */
export function sandboxClients(sandbox: Sandbox): ClientFactory {
  return createClientFactory({
    endpoint: sandbox.endpoint,
    credentials: { accessKeyId: 'sandbox', secretAccessKey: 'sandbox' },
    maxAttempts: 1,
    env: {},
  });
}

/** Runs the full baseline scan of the demo account in a sandbox and returns the bucket's objects. */
export async function scanBaseline(latencyMs = 0): Promise<BaselineObjects> {
  const sandbox = await startSandbox({ snapshot: demoAccount, latencyMs });
  try {
    const clients = sandboxClients(sandbox);
    const topicArn = await prepareOutputs(clients);
    await runAudit({ regions: 'all' }, { kind: 'live', clients }, { clients, ...bucketOutputs(), topicArn });
    const objects = sandbox.state.bucketObjects(LIVE_OUTPUTS.reportBucket) ?? new Map();
    return new Map(
      [...objects].map(([key, object]) => [key, { body: object.body, contentType: object.contentType }]),
    );
  } finally {
    await sandbox.close();
  }
}

/** A sandbox serving the changed account, its bucket holding the baseline, its topic created. */
export async function startChangedSandbox(
  baseline: BaselineObjects,
  latencyMs = 0,
): Promise<{ sandbox: Sandbox; clients: ClientFactory; topicArn: string }> {
  const sandbox = await startSandbox({ snapshot: withStreamEncryptionStopped(demoAccount), latencyMs });
  const clients = sandboxClients(sandbox);
  const topicArn = await prepareOutputs(clients);
  for (const [key, object] of baseline) {
    sandbox.state.putObject(LIVE_OUTPUTS.reportBucket, key, object.body, object.contentType);
  }
  return { sandbox, clients, topicArn };
}

/** The environment the live function would read in this scenario (readScanConfig). */
export function liveEnvironment(topicArn: string): Record<string, string> {
  return {
    AWS_REGION: LIVE_OUTPUTS.region,
    REPORT_BUCKET: LIVE_OUTPUTS.reportBucket,
    REPORT_PREFIX: LIVE_OUTPUTS.reportPrefix,
    TOPIC_ARN: topicArn,
  };
}

function bucketOutputs() {
  const { region, reportBucket, reportPrefix } = LIVE_OUTPUTS;
  return { region, reportBucket, reportPrefix };
}

async function prepareOutputs(clients: ClientFactory): Promise<string> {
  const { region, reportBucket, topicName } = LIVE_OUTPUTS;
  await clients.s3(region).send(new CreateBucketCommand({ Bucket: reportBucket }));
  const { TopicArn } = await clients.sns(region).send(new CreateTopicCommand({ Name: topicName }));
  if (!TopicArn) throw new Error('the sandbox created no topic');
  return TopicArn;
}

/** The account after StopStreamEncryption on orders-in: the stream is no longer encrypted. */
function withStreamEncryptionStopped(snapshot: AccountSnapshot): AccountSnapshot {
  const changed = structuredClone(snapshot);
  const stream = changed.regions?.['eu-west-1']?.streams?.find((entry) => entry.StreamARN === CHANGED_STREAM);
  if (!stream) throw new Error(`the demo account has no ${CHANGED_STREAM}`);
  stream.EncryptionType = 'NONE';
  delete stream.KeyId;
  return changed;
}
