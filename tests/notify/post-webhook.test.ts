import { afterEach, describe, expect, it } from 'vitest';
import { WebhookDeliveryError } from '../../shared/errors.js';
import { parseRetryAfter, postWebhook } from '../../shared/notify/post-webhook.js';
import {
  type ScriptedAnswer,
  startWebhookServer,
  WEBHOOK_PATH,
  type WebhookServer,
} from './support/webhook-server.js';

let server: WebhookServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Posts one message to a fresh fake webhook answering `answers`, recording the waits instead of sleeping. */
async function post(answers: ScriptedAnswer[], options: { maxAttempts?: number; timeoutMs?: number } = {}) {
  server = await startWebhookServer(answers);
  const waits: number[] = [];
  const result = await postWebhook(
    server.url,
    { text: 'hello' },
    {
      maxAttempts: 3,
      ...options,
      sleep: async (milliseconds) => {
        waits.push(milliseconds);
      },
      random: () => 0.5,
    },
  ).catch((error: unknown) => error);
  return { result, waits, requests: server.received };
}

const HOST = () => server?.url.host ?? '';

describe('Function: postWebhook', () => {
  it('returns the status after one POST of the JSON message', async () => {
    // Act
    const { result, waits, requests } = await post([{ status: 200, body: 'ok' }]);

    // Assess
    expect({ result, waits, requests }).toEqual({
      result: { status: 200, attempts: 1 },
      waits: [],
      requests: [
        {
          method: 'POST',
          path: WEBHOOK_PATH,
          contentType: 'application/json; charset=utf-8',
          body: { text: 'hello' },
        },
      ],
    });
  });

  it('returns after retrying a 500 and a 503 with jittered, growing backoff', async () => {
    // Act
    const { result, waits, requests } = await post([{ status: 500 }, { status: 503 }, { status: 202 }]);

    // Assess
    expect({ result, waits, requests: requests.length }).toEqual({
      result: { status: 202, attempts: 3 },
      waits: [250, 500],
      requests: 3,
    });
  });

  it('waits out the Retry-After of a 429, plus jitter, before retrying', async () => {
    // Act
    const { result, waits } = await post([
      { status: 429, headers: { 'retry-after': '2' }, body: 'rate_limited' },
    ]);

    // Assess
    expect({ result, waits }).toEqual({ result: { status: 200, attempts: 2 }, waits: [2_250] });
  });

  it('throws WebhookDeliveryError with the last status after the last attempt, naming the host only', async () => {
    // Act
    const { result, waits, requests } = await post([
      { status: 500 },
      { status: 502 },
      { status: 500, body: 'internal_error' },
    ]);

    // Assess
    expect({ result, waits, requests: requests.length }).toEqual({
      result: new WebhookDeliveryError(
        `The chat webhook at ${HOST()} answered HTTP 500 (internal_error), after 3 attempts: the invocation fails so that Lambda retries it, then sends the alert to the dead-letter queue.`,
        { status: 500 },
      ),
      waits: [250, 500],
      requests: 3,
    });
    expect(String(result).includes(WEBHOOK_PATH)).toBe(false);
  });

  it('throws at once when Retry-After asks for longer than it may wait', async () => {
    // Act
    const { result, requests } = await post([{ status: 429, headers: { 'retry-after': '120' } }]);

    // Assess
    expect({ result, requests: requests.length }).toEqual({
      result: new WebhookDeliveryError(
        `The chat webhook at ${HOST()} answered HTTP 429 and asked to wait 120 s: the invocation fails so that Lambda retries it later.`,
        { status: 429 },
      ),
      requests: 1,
    });
  });

  it('throws without retrying when the webhook refuses the message', async () => {
    // Act
    const { result, requests } = await post([{ status: 404, body: 'no_service' }]);

    // Assess
    expect({ result, requests: requests.length }).toEqual({
      result: new WebhookDeliveryError(
        `The chat webhook at ${HOST()} answered HTTP 404 (no_service): check the webhook URL stored for the notify function and WEBHOOK_FORMAT.`,
        { status: 404 },
      ),
      requests: 1,
    });
  });

  it('retries an attempt that times out', async () => {
    // Act
    const { result, waits } = await post([{ status: 200, delayMs: 500 }, { status: 200 }], {
      timeoutMs: 100,
    });

    // Assess
    expect({ result, waits }).toEqual({ result: { status: 200, attempts: 2 }, waits: [250] });
  });

  it('throws after the last attempt when the webhook cannot be reached', async () => {
    // Prepare
    const closed = await startWebhookServer();
    const url = closed.url;
    await closed.close();

    // Act
    const result = await postWebhook(url, { text: 'hello' }, { maxAttempts: 2, sleep: async () => {} }).catch(
      (error: unknown) => error,
    );

    // Assess
    expect(result).toEqual(
      new WebhookDeliveryError(
        `The chat webhook at ${url.host} could not be reached, after 2 attempts: the invocation fails so that Lambda retries it, then sends the alert to the dead-letter queue.`,
      ),
    );
  });
});

describe('Function: parseRetryAfter', () => {
  it.each([
    [null, undefined],
    ['', undefined],
    ['3', 3_000],
    ['Sun, 29 Nov 2026 14:00:10 GMT', 10_000],
    ['Sun, 29 Nov 2026 13:59:00 GMT', 0],
    ['soon', undefined],
  ])('returns %j as %j milliseconds', (header, milliseconds) => {
    // Act
    const wait = parseRetryAfter(header, Date.parse('2026-11-29T14:00:00Z'));

    // Assess
    expect(wait).toBe(milliseconds);
  });
});
