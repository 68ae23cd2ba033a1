import { Logger } from '@aws-lambda-powertools/logger';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import type { Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { NotifyConfig } from '../../../functions/notify/config.js';
import { createHandler } from '../../../functions/notify/notify-handler.js';
import { InvalidRequestError, WebhookDeliveryError } from '../../../shared/errors.js';
import { readAlertNotice } from '../../../shared/notify/alert-notice.js';
import { buildSlackMessage } from '../../../shared/notify/slack-message.js';
import { buildTeamsMessage } from '../../../shared/notify/teams-message.js';
import { createWebhookUrlSource } from '../../../shared/notify/webhook-url.js';
import { sampleEvent, snsEvent } from '../../notify/support/alert-builders.js';
import {
  type ScriptedAnswer,
  startWebhookServer,
  WEBHOOK_PATH,
  type WebhookServer,
} from '../../notify/support/webhook-server.js';

const SECRET_ARN = 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:kda-auditor/webhook-AbCdEf';

const CONFIG: NotifyConfig = {
  region: 'eu-west-1',
  webhook: { kind: 'parameter', name: '/kda-auditor/webhook-url' },
  format: 'slack',
  maxFindings: 10,
  timeoutMs: 2_000,
  maxAttempts: 3,
  urlCacheMs: 300_000,
};

const CONTEXT: Context = {
  callbackWaitsForEmptyEventLoop: true,
  functionName: 'kda-auditor-notify',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:eu-west-1:111122223333:function:kda-auditor-notify',
  memoryLimitInMB: '256',
  awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e812345678',
  logGroupName: '/aws/lambda/kda-auditor-notify',
  logStreamName: '2026/11/29/[$LATEST]0123456789abcdef',
  getRemainingTimeInMillis: () => 120_000,
  done: () => {},
  fail: () => {},
  succeed: () => {},
};

let server: WebhookServer | undefined;

afterEach(async () => {
  vi.restoreAllMocks();
  await server?.close();
  server = undefined;
});

/** A handler posting to a real loopback webhook whose URL is in a mocked SSM parameter or secret; logs captured. */
async function harness(answers: ScriptedAnswer[] = [], config: NotifyConfig = CONFIG) {
  server = await startWebhookServer(answers);
  const ssm = new SSMClient({ region: 'eu-west-1' });
  const secretsManager = new SecretsManagerClient({ region: 'eu-west-1' });
  const ssmMock = mockClient(ssm);
  const secretsMock = mockClient(secretsManager);
  ssmMock.on(GetParameterCommand).resolves({ Parameter: { Value: server.url.href } });
  secretsMock.on(GetSecretValueCommand).resolves({ SecretString: JSON.stringify({ url: server.url.href }) });
  const logged: string[] = [];
  const capture = (chunk: unknown) => {
    logged.push(String(chunk));
    return true;
  };
  vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  vi.spyOn(process.stderr, 'write').mockImplementation(capture);
  const logger = new Logger({ serviceName: 'kda-auditor-notify', logLevel: 'DEBUG' });
  const waits: number[] = [];
  const handler = createHandler({
    config,
    logger,
    webhookUrl: createWebhookUrlSource({
      location: config.webhook,
      ssm: () => ssm,
      secretsManager: () => secretsManager,
    }),
    delivery: {
      sleep: async (milliseconds) => {
        waits.push(milliseconds);
      },
      random: () => 0,
    },
  });
  return { handler, received: server.received, ssmMock, secretsMock, logged, waits };
}

describe('Function: createHandler (notify)', () => {
  it('posts the Slack message of an alert to the webhook whose URL is in Parameter Store', async () => {
    // Prepare
    const { handler, received, ssmMock } = await harness();
    const event = sampleEvent('new-findings.json');
    const message = event.Records[0]?.Sns.Message ?? '';

    // Act
    const summary = await handler(event, CONTEXT);

    // Assess
    expect({ summary, received }).toEqual({
      summary: {
        forwarded: [
          {
            messageId: '95df01b4-ee98-5cb9-9903-4c221d41eb51',
            eventType: 'NEW_FINDINGS',
            status: 200,
            attempts: 1,
          },
        ],
      },
      received: [
        {
          method: 'POST',
          path: WEBHOOK_PATH,
          contentType: 'application/json; charset=utf-8',
          body: buildSlackMessage(readAlertNotice(message), { maxFindings: 10, reportRegion: 'eu-west-1' }),
        },
      ],
    });
    expect(ssmMock).toReceiveCommandWith(GetParameterCommand, {
      Name: '/kda-auditor/webhook-url',
      WithDecryption: true,
    });
  });

  it('posts the Teams card of an alert to the webhook whose URL is in Secrets Manager', async () => {
    // Prepare
    const { handler, received, secretsMock } = await harness([], {
      ...CONFIG,
      format: 'teams',
      webhook: { kind: 'secret', arn: SECRET_ARN },
    });
    const event = sampleEvent('score-drop.json');

    // Act
    await handler(event, CONTEXT);

    // Assess
    expect(received.map((request) => request.body)).toEqual([
      buildTeamsMessage(readAlertNotice(event.Records[0]?.Sns.Message ?? ''), {
        maxFindings: 10,
        reportRegion: 'eu-west-1',
      }),
    ]);
    expect(secretsMock).toReceiveCommandWith(GetSecretValueCommand, { SecretId: SECRET_ARN });
  });

  it('forwards the scan failure alarm as text, never dropping it', async () => {
    // Prepare
    const { handler, received } = await harness();
    const event = sampleEvent('scan-failure-alarm.json');

    // Act
    const summary = await handler(event, CONTEXT);

    // Assess
    expect({ summary, bodies: received.map((request) => request.body) }).toEqual({
      summary: {
        forwarded: [
          { messageId: '95df01b4-ee98-5cb9-9903-4c221d41eb60', eventType: 'TEXT', status: 200, attempts: 1 },
        ],
      },
      bodies: [
        buildSlackMessage({
          kind: 'text',
          subject: 'ALARM: "kda-auditor-scan-errors" in EU (Ireland)',
          text: event.Records[0]?.Sns.Message ?? '',
        }),
      ],
    });
  });

  it('retries a 500 and returns once the webhook accepts the message', async () => {
    // Prepare
    const { handler, received, waits } = await harness([{ status: 500 }, { status: 200 }]);

    // Act
    const summary = await handler(sampleEvent('resolved.json'), CONTEXT);

    // Assess
    expect({ summary, posts: received.length, waits }).toEqual({
      summary: {
        forwarded: [
          {
            messageId: '95df01b4-ee98-5cb9-9903-4c221d41eb54',
            eventType: 'RESOLVED',
            status: 200,
            attempts: 2,
          },
        ],
      },
      posts: 2,
      waits: [0],
    });
  });

  it('waits out the Retry-After of a 429 before posting again', async () => {
    // Prepare
    const { handler, received, waits } = await harness([{ status: 429, headers: { 'retry-after': '3' } }]);

    // Act
    await handler(sampleEvent('scan-failed.json'), CONTEXT);

    // Assess
    expect({ posts: received.length, waits }).toEqual({ posts: 2, waits: [3_000] });
  });

  it('fails the invocation after the last retry, and reads the URL again on the next one', async () => {
    // Prepare
    const { handler, received, ssmMock } = await harness([{ status: 500 }, { status: 500 }, { status: 503 }]);
    const event = sampleEvent('scan-incomplete.json');

    // Act
    const failure = await handler(event, CONTEXT).catch((error: unknown) => error);
    await handler(event, CONTEXT);

    // Assess
    expect({
      failure,
      posts: received.length,
      urlReads: ssmMock.commandCalls(GetParameterCommand).length,
    }).toEqual({
      failure: new WebhookDeliveryError(
        `The chat webhook at ${server?.url.host} answered HTTP 503, after 3 attempts: the invocation fails so that Lambda retries it, then sends the alert to the dead-letter queue.`,
        { status: 503 },
      ),
      posts: 4,
      urlReads: 2,
    });
  });

  it('never logs the webhook URL, whether the message is delivered or not', async () => {
    // Prepare
    const { handler, logged } = await harness([{ status: 200 }, { status: 400, body: 'invalid_payload' }]);

    // Act
    await handler(sampleEvent('new-findings.json'), CONTEXT);
    await handler(sampleEvent('new-findings.json'), CONTEXT).catch(() => undefined);

    // Assess
    const output = logged.join('');
    expect(output).toContain('"message":"Alert forwarded"');
    expect(output).toContain('"message":"Notify failed"');
    expect(output.includes(WEBHOOK_PATH) || output.includes('XXXXsecretXXXXtokenXXXX')).toBe(false);
  });

  it.each([
    ['an empty object', {}],
    ['a scheduled event', { source: 'aws.scheduler' }],
    ['an SQS event', { Records: [{ eventSource: 'aws:sqs', body: '{}' }] }],
    ['an SNS event without records', { Records: [] }],
  ])('throws InvalidRequestError for %s', async (_kind, event) => {
    // Prepare
    const { handler, received } = await harness();

    // Act
    const invocation = handler(event, CONTEXT);

    // Assess
    await expect(invocation).rejects.toThrow(
      new InvalidRequestError([
        'the notify function takes SNS events only (Records[].EventSource "aws:sns" with Sns.MessageId and Sns.Message): subscribe it to the alert topic',
      ]),
    );
    expect(received).toEqual([]);
  });

  it('forwards a plain text message published by a person', async () => {
    // Prepare
    const { handler, received } = await harness();

    // Act
    await handler(snsEvent('Maintenance tonight: scans paused.', 'Heads up'), CONTEXT);

    // Assess
    expect(received.map((request) => request.body)).toEqual([
      buildSlackMessage({ kind: 'text', subject: 'Heads up', text: 'Maintenance tonight: scans paused.' }),
    ]);
  });

  it('forwards an alert once when its repeat carries the same idempotency key, and another key again', async () => {
    // Prepare
    const { handler, received } = await harness();
    const keyed = (key: string, messageId: string) => {
      const event = sampleEvent('new-findings.json');
      for (const record of event.Records) {
        record.Sns.MessageId = messageId;
        record.Sns.MessageAttributes = { idempotencyKey: { Type: 'String', Value: key } };
      }
      return event;
    };

    // Act
    const summaries = [
      await handler(keyed('a'.repeat(64), 'message-1'), CONTEXT),
      await handler(keyed('a'.repeat(64), 'message-2'), CONTEXT),
      await handler(keyed('b'.repeat(64), 'message-3'), CONTEXT),
    ];

    // Assess
    expect(
      summaries.map((summary) => [summary.forwarded.map((message) => message.messageId), summary.repeats]),
    ).toEqual([
      [['message-1'], undefined],
      [[], [{ messageId: 'message-2', idempotencyKey: 'a'.repeat(64) }]],
      [['message-3'], undefined],
    ]);
    expect(received.length).toEqual(2);
  });
});
