import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { GetParameterCommand, ParameterNotFound, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { WebhookUrlError } from '../../shared/errors.js';
import {
  createWebhookUrlSource,
  parseWebhookUrl,
  type WebhookUrlLocation,
} from '../../shared/notify/webhook-url.js';

const SLACK_URL = 'https://hooks.slack.com/services/T00000000/B00000000/XXXXsecretXXXXtokenXXXX';
const PARAMETER: WebhookUrlLocation = { kind: 'parameter', name: '/kda-auditor/webhook-url' };
const SECRET_ARN = 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:kda-auditor/webhook-AbCdEf';
const SECRET: WebhookUrlLocation = { kind: 'secret', arn: SECRET_ARN };

/** A source over mocked clients, with a clock the test moves. */
function harness(location: WebhookUrlLocation) {
  const ssm = new SSMClient({ region: 'eu-west-1' });
  const secretsManager = new SecretsManagerClient({ region: 'eu-west-1' });
  const ssmMock = mockClient(ssm);
  const secretsMock = mockClient(secretsManager);
  const clock = { now: 1_000_000 };
  const source = createWebhookUrlSource({
    location,
    ssm: () => ssm,
    secretsManager: () => secretsManager,
    ttlMs: 60_000,
    now: () => clock.now,
  });
  return { source, ssmMock, secretsMock, clock };
}

describe('Function: createWebhookUrlSource', () => {
  it('returns the URL of an SSM SecureString parameter, read with decryption', async () => {
    // Prepare
    const { source, ssmMock } = harness(PARAMETER);
    ssmMock.on(GetParameterCommand).resolves({ Parameter: { Value: `${SLACK_URL}\n` } });

    // Act
    const url = await source.url();

    // Assess
    expect(url.href).toBe(SLACK_URL);
    expect(ssmMock).toReceiveCommandWith(GetParameterCommand, {
      Name: '/kda-auditor/webhook-url',
      WithDecryption: true,
    });
  });

  it.each([
    ['the URL alone', SLACK_URL],
    ['JSON with a url key', JSON.stringify({ url: SLACK_URL })],
  ])('returns the URL of a secret holding %s', async (_shape, secretString) => {
    // Prepare
    const { source, secretsMock } = harness(SECRET);
    secretsMock.on(GetSecretValueCommand).resolves({ SecretString: secretString });

    // Act
    const url = await source.url();

    // Assess
    expect(url.href).toBe(SLACK_URL);
    expect(secretsMock).toReceiveCommandWith(GetSecretValueCommand, { SecretId: SECRET_ARN });
  });

  it('returns the cached URL within the cache time, and reads it again after', async () => {
    // Prepare
    const { source, ssmMock, clock } = harness(PARAMETER);
    ssmMock.on(GetParameterCommand).resolves({ Parameter: { Value: SLACK_URL } });

    // Act
    await Promise.all([source.url(), source.url()]);
    clock.now += 59_999;
    await source.url();
    const readsWithinTtl = ssmMock.commandCalls(GetParameterCommand).length;
    clock.now += 1;
    await source.url();

    // Assess
    expect({ readsWithinTtl, readsAfter: ssmMock.commandCalls(GetParameterCommand).length }).toEqual({
      readsWithinTtl: 1,
      readsAfter: 2,
    });
  });

  it('reads the URL again after forget', async () => {
    // Prepare
    const { source, ssmMock } = harness(PARAMETER);
    ssmMock.on(GetParameterCommand).resolves({ Parameter: { Value: SLACK_URL } });
    await source.url();

    // Act
    source.forget();
    await source.url();

    // Assess
    expect(ssmMock.commandCalls(GetParameterCommand).length).toBe(2);
  });

  it('throws WebhookUrlError naming the parameter when it cannot be read, and does not cache the failure', async () => {
    // Prepare
    const { source, ssmMock } = harness(PARAMETER);
    const missing = new ParameterNotFound({ message: 'not found', $metadata: {} });
    ssmMock
      .on(GetParameterCommand)
      .rejectsOnce(missing)
      .resolves({ Parameter: { Value: SLACK_URL } });

    // Act
    const failure = await source.url().catch((error: unknown) => error);
    const retried = await source.url();

    // Assess
    expect(failure).toEqual(
      new WebhookUrlError(
        "Could not read the webhook URL from SSM parameter /kda-auditor/webhook-url (ParameterNotFound): check that it exists in this region and that the notify function's role may read and decrypt it.",
      ),
    );
    expect([failure instanceof WebhookUrlError && failure.cause, retried.href]).toEqual([missing, SLACK_URL]);
  });

  it.each([
    [
      'an empty parameter',
      { Parameter: { Value: '  ' } },
      'SSM parameter /kda-auditor/webhook-url is empty: store the chat webhook URL in it.',
    ],
    [
      'a parameter without a value',
      {},
      'SSM parameter /kda-auditor/webhook-url is empty: store the chat webhook URL in it.',
    ],
  ])('throws WebhookUrlError for %s', async (_case, output, message) => {
    // Prepare
    const { source, ssmMock } = harness(PARAMETER);
    ssmMock.on(GetParameterCommand).resolves(output);

    // Act
    const reading = source.url();

    // Assess
    await expect(reading).rejects.toEqual(new WebhookUrlError(message));
  });

  it('throws WebhookUrlError for a secret holding JSON without a url, without quoting the secret', async () => {
    // Prepare
    const { source, secretsMock } = harness(SECRET);
    secretsMock.on(GetSecretValueCommand).resolves({ SecretString: JSON.stringify({ webhook: SLACK_URL }) });

    // Act
    const reading = source.url();

    // Assess
    await expect(reading).rejects.toEqual(
      new WebhookUrlError(
        `Secrets Manager secret ${SECRET_ARN} holds JSON without a "url" string: store the URL alone, or as {"url": "https://…"}.`,
      ),
    );
  });
});

describe('Function: parseWebhookUrl', () => {
  it.each([
    [SLACK_URL],
    ['http://127.0.0.1:8080/hook'],
    ['http://localhost/hook'],
    ['http://[::1]:9000/hook'],
  ])('returns %s', (value) => {
    // Act
    const url = parseWebhookUrl(value);

    // Assess
    expect(url.href).toBe(new URL(value).href);
  });

  it.each([
    [
      'http://hooks.slack.com/services/T0/B0/secret',
      'The stored webhook URL uses http: (host hooks.slack.com): store an https:// address.',
    ],
    [
      'ftp://example.com/hook',
      'The stored webhook URL uses ftp: (host example.com): store an https:// address.',
    ],
    [
      'hooks.slack.com/services/T0/B0/secret',
      'The stored webhook URL is not a URL: store the full https://… address.',
    ],
  ])('throws WebhookUrlError for %s, without quoting its path', (value, message) => {
    // Act
    const parsing = () => parseWebhookUrl(value);

    // Assess
    expect(parsing).toThrow(new WebhookUrlError(message));
  });

  it('keeps the rejected value out of the error cause', () => {
    // Act
    const error = (() => {
      try {
        parseWebhookUrl('not a url with secret-token');
      } catch (caught) {
        return caught;
      }
    })();

    // Assess
    expect(JSON.stringify(error, Object.getOwnPropertyNames(error)).includes('secret-token')).toBe(false);
    expect(error instanceof WebhookUrlError && String(error.cause)).toBe('Error: TypeError');
  });
});
