import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../sandbox/server.js';
import { runAudit } from '../../shared/audit.js';
import { type ClientFactory, createClientFactory } from '../../shared/aws/clients.js';
import { demoAccount } from '../../shared/demo/demo-account.js';
import { PART_SIZE } from '../../shared/publish/upload-object.js';
import { updateLatestReport, writeReport } from '../../shared/publish/write-report.js';
import { renderHtml } from '../../shared/report/html/render-html.js';
import { renderMarkdown } from '../../shared/report/markdown.js';
import type { AuditReport } from '../../shared/report/types.js';
import { accountSnapshot } from '../support/snapshot-builder.js';

const REGION = 'eu-west-1';
const BUCKET = 'audit-reports';

/** The demo report with its applications repeated under new names until it is `applications` long. */
async function largeReport(applications: number): Promise<AuditReport> {
  const { report } = await runAudit({}, { kind: 'snapshot', snapshot: demoAccount });
  return {
    ...report,
    applications: Array.from({ length: applications }, (_, index) => {
      const application = report.applications[index % report.applications.length]!;
      return {
        ...application,
        applicationName: `${application.applicationName}-${index}`,
        applicationArn: `${application.applicationArn}-${index}`,
      };
    }),
  };
}

describe('Function: writeReport, with real SDK clients against the sandbox', { timeout: 60_000 }, () => {
  let sandbox: Sandbox;
  let clients: ClientFactory;

  beforeAll(async () => {
    sandbox = await startSandbox({ snapshot: accountSnapshot({}) });
    clients = createClientFactory({
      endpoint: sandbox.endpoint,
      credentials: { accessKeyId: 'sandbox', secretAccessKey: 'sandbox' },
      env: {},
    });
    await clients.s3(REGION).send(new CreateBucketCommand({ Bucket: BUCKET }));
  });

  afterAll(async () => {
    await sandbox.close();
  });

  it('writes a report of several parts byte for byte, and copies it to latest.json', async () => {
    // Prepare
    const report = await largeReport(700);
    const s3 = clients.s3(REGION);
    const stored = (key: string) => sandbox.state.bucketObjects(BUCKET)?.get(key);

    // Act
    const location = await writeReport(s3, { bucket: BUCKET, prefix: 'kda' }, report);
    await updateLatestReport(s3, location);

    // Assess
    const json = Buffer.from(JSON.stringify(report, null, 2));
    expect(json.length).toBeGreaterThan(PART_SIZE);
    const parts = Math.ceil(json.length / PART_SIZE);
    expect([
      stored(location.key)?.body.equals(json),
      stored(location.markdownKey)?.body.equals(Buffer.from(renderMarkdown(report))),
      stored(location.htmlKey)?.body.equals(Buffer.from(renderHtml(report))),
      stored(location.latestKey)?.body.equals(json),
    ]).toEqual([true, true, true, true]);
    // Written in parts (a multipart ETag), and latest.json a copy of it (the copy's ETag is its MD5).
    expect(stored(location.key)?.etag).toMatch(new RegExp(`^"[0-9a-f]{32}-${parts}"$`));
    expect(stored(location.latestKey)?.etag).toMatch(/^"[0-9a-f]{32}"$/);
    expect([stored(location.key)?.contentType, stored(location.latestKey)?.contentType]).toEqual([
      'application/json',
      'application/json',
    ]);
  });
});
