import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { SNSEvent } from 'aws-lambda';
import type { AlertFinding, AlertPayload } from '../../../shared/alert/alert-payload.js';

/** A finding as an alert quotes it; override what the test is about. */
export function alertFinding(overrides: Partial<AlertFinding> = {}): AlertFinding {
  return {
    severity: 'high',
    checkId: 'encryption.kinesis-stream-sse',
    title: 'Kinesis data streams are encrypted at rest with KMS',
    resourceArn: 'arn:aws:kinesis:eu-west-1:111122223333:stream/sessions-in',
    detail: 'Kinesis data stream sessions-in: server-side encryption is off (EncryptionType NONE).',
    ...overrides,
  };
}

/** A NEW_FINDINGS alert about one application, with one finding; override what the test is about. */
export function alertPayload(overrides: Partial<AlertPayload> = {}): AlertPayload {
  return {
    version: 1,
    eventType: 'NEW_FINDINGS',
    accountId: '111122223333',
    severity: 'high',
    region: 'eu-west-1',
    application: 'legacy-sessionizer',
    applicationArn: 'arn:aws:kinesisanalytics:eu-west-1:111122223333:application/legacy-sessionizer',
    scanId: '20261129T020000Z-5f3a9c1e',
    score: 62,
    previousScore: 85,
    grade: 'D',
    summary: 'kda-auditor found 1 new high finding in legacy-sessionizer (eu-west-1).',
    reportLocation: 's3://kda-reports/reports/111122223333/2026/11/29/20261129T020000Z-5f3a9c1e.json',
    findings: [alertFinding({ change: 'NEW' })],
    moreFindings: 0,
    ...overrides,
  };
}

/** An SNS event delivering `message` to the function, as the lambda protocol does. */
export function snsEvent(message: string, subject: string | null = null): SNSEvent {
  return {
    Records: [
      {
        EventSource: 'aws:sns',
        EventVersion: '1.0',
        EventSubscriptionArn:
          'arn:aws:sns:eu-west-1:111122223333:kda-auditor-alerts:2bcfbf39-05c3-41de-beaa-fcfcc21c8f55',
        Sns: {
          Type: 'Notification',
          MessageId: '95df01b4-ee98-5cb9-9903-4c221d41eb5e',
          TopicArn: 'arn:aws:sns:eu-west-1:111122223333:kda-auditor-alerts',
          Subject: subject ?? '',
          Message: message,
          Timestamp: '2026-11-29T02:00:05.000Z',
          SignatureVersion: '1',
          Signature: 'EXAMPLE',
          SigningCertUrl: 'EXAMPLE',
          UnsubscribeUrl: 'EXAMPLE',
          MessageAttributes: {},
        },
      },
    ],
  };
}

/** A sample event from events/notify/, as `sam local invoke -e` would send it. */
export function sampleEvent(name: string): SNSEvent {
  const path = fileURLToPath(new URL(`../../../events/notify/${name}`, import.meta.url));
  return JSON.parse(readFileSync(path, 'utf8')) as SNSEvent;
}
