import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { describe, expect, it, vi } from 'vitest';
import { createLiveHandler } from '../../../functions/live/live-handler.js';
import { readScanConfig } from '../../../functions/scan/config.js';
import { runReaudit } from '../../../shared/live/run-reaudit.js';
import {
  CHANGED_STREAM,
  LIVE_OUTPUTS,
  liveEnvironment,
  scanBaseline,
  startChangedSandbox,
  stopEncryptionEvent,
} from './live-sandbox.js';
import { LIVE_CONTEXT, sqsBatch } from './sqs-batch.js';

describe('Sandbox: live function', { timeout: 120_000 }, () => {
  it('publishes an alert about the stream after StopStreamEncryption, and moves latest.json', async () => {
    // Prepare
    const baseline = await scanBaseline();
    const { sandbox, clients, topicArn } = await startChangedSandbox(baseline);
    const metrics = new Metrics({ namespace: 'KdaAuditor', serviceName: 'kda-auditor-live' });
    vi.spyOn(metrics, 'publishStoredMetrics').mockImplementation(() => metrics);
    const handler = createLiveHandler({
      config: readScanConfig(liveEnvironment(topicArn)),
      clients,
      runReaudit,
      loadSuppressions: async () => undefined,
      logger: new Logger({ serviceName: 'kda-auditor-live', logLevel: 'SILENT' }),
      metrics,
    });

    try {
      // Act
      const summary = await handler(sqsBatch(stopEncryptionEvent()), LIVE_CONTEXT);

      // Assess
      const published = sandbox.state.messages.map((message) => ({
        topicArn: message.topicArn,
        eventType: message.messageAttributes.eventType?.StringValue,
        application: message.messageAttributes.application?.StringValue,
      }));
      const streamAlert = sandbox.state.messages.find(
        (message) => message.messageAttributes.application?.StringValue === 'orders-router',
      );
      const latest = sandbox.state
        .bucketObjects(LIVE_OUTPUTS.reportBucket)
        ?.get('reports/111122223333/latest.json');
      expect(summary).toEqual({
        status: 'reaudited',
        delivery: 'sqs',
        received: 1,
        dropped: 0,
        ignored: 0,
        // The shared role of legacy-sql-alerts may read orders-in too: it depends on the stream.
        applications: [
          'arn:aws:kinesisanalytics:eu-west-1:111122223333:application/orders-router',
          'arn:aws:kinesisanalytics:us-east-1:111122223333:application/legacy-sql-alerts',
        ],
        alertsSent: published.length,
        scanId: expect.any(String),
        score: 40,
        grade: 'F',
        reportLocation: expect.objectContaining({ latestKey: 'reports/111122223333/latest.json' }),
        batchItemFailures: [],
      });
      expect(published).toEqual([
        { topicArn, eventType: 'NEW_FINDINGS', application: 'orders-router' },
        { topicArn, eventType: 'NEW_FINDINGS', application: 'legacy-sql-alerts' },
        { topicArn, eventType: 'SCORE_DROP', application: 'orders-router' },
      ]);
      expect(JSON.parse(JSON.parse(streamAlert?.message ?? '{}').lambda).findings).toEqual([
        {
          severity: 'high',
          checkId: 'kinesis-stream-encrypted',
          title: 'Kinesis data streams are encrypted at rest with KMS',
          resourceArn: CHANGED_STREAM,
          detail: 'Kinesis data stream orders-in: server-side encryption is off (EncryptionType NONE).',
          change: 'REGRESSED',
        },
      ]);
      expect(JSON.parse(latest?.body.toString('utf8') ?? '{}').scanId).toBe(summary.scanId);
    } finally {
      await sandbox.close();
    }
  });
});
