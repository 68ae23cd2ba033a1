import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { CreateTopicCommand } from '@aws-sdk/client-sns';
import { type Sandbox, startSandbox } from '../../sandbox/server.js';
import { runAudit } from '../../shared/audit.js';
import { type ClientFactory, createClientFactory } from '../../shared/aws/clients.js';
import { demoAccount } from '../../shared/demo/demo-account.js';
import type { AccountSnapshot } from '../../shared/snapshot/types.js';

/** Where the live tests' reports and alerts go. */
export const LIVE_REGION = 'eu-west-1';
export const LIVE_BUCKET = 'kda-auditor-reports';
export const LIVE_PREFIX = 'reports';

/** A sandbox serving an account, with the report bucket and the alert topic made. */
export interface LiveSandbox {
  sandbox: Sandbox;
  clients: ClientFactory;
  topicArn: string;
  /** Where a re-audit writes: the report bucket and prefix, in LIVE_REGION, through `clients`. */
  outputs: { clients: ClientFactory; region: string; reportBucket: string; reportPrefix: string };
}

/**
 * Starts a sandbox serving the account as it is `now`. With `baseline` (the default), the nightly
 * scan of the demo account as it was (latest.json and the resource index) is written first, as
 * the scan function would have at 02:00. The caller closes the sandbox.
 */
export async function startLiveSandbox(
  now: AccountSnapshot,
  options: { baseline?: boolean; maxAttempts?: number } = {},
): Promise<LiveSandbox> {
  const sandbox = await startSandbox({ snapshot: now });
  const clients = createClientFactory({
    endpoint: sandbox.endpoint,
    credentials: { accessKeyId: 'sandbox', secretAccessKey: 'sandbox' },
    maxAttempts: options.maxAttempts ?? 1,
    env: {},
  });
  await clients.s3(LIVE_REGION).send(new CreateBucketCommand({ Bucket: LIVE_BUCKET }));
  const { TopicArn: topicArn = '' } = await clients
    .sns(LIVE_REGION)
    .send(new CreateTopicCommand({ Name: 'kda-auditor-alerts' }));
  const outputs = { clients, region: LIVE_REGION, reportBucket: LIVE_BUCKET, reportPrefix: LIVE_PREFIX };
  if (options.baseline ?? true) {
    await runAudit({}, { kind: 'snapshot', snapshot: demoAccount }, outputs, {
      clock: () => new Date('2026-11-29T02:00:00Z'),
      newScanId: () => '20261129T020000Z-00000000',
    });
  }
  return { sandbox, clients, topicArn, outputs };
}
