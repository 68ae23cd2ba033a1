import { describe, expect, it } from 'vitest';
import { readNotifyConfig } from '../../../functions/notify/config.js';
import { ConfigurationError } from '../../../shared/errors.js';

const SECRET_ARN = 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:kda-auditor/webhook-AbCdEf';

describe('Function: readNotifyConfig', () => {
  it('returns the defaults for a parameter name', () => {
    // Act
    const config = readNotifyConfig({
      AWS_REGION: 'eu-west-1',
      WEBHOOK_PARAMETER: '/kda-auditor/webhook-url',
    });

    // Assess
    expect(config).toEqual({
      region: 'eu-west-1',
      webhook: { kind: 'parameter', name: '/kda-auditor/webhook-url' },
      format: 'slack',
      maxFindings: 10,
      timeoutMs: 5_000,
      maxAttempts: 4,
      urlCacheMs: 300_000,
    });
  });

  it('returns every setting given for a secret', () => {
    // Act
    const config = readNotifyConfig({
      AWS_REGION: 'us-east-1',
      WEBHOOK_PARAMETER: '',
      WEBHOOK_SECRET_ARN: SECRET_ARN,
      WEBHOOK_FORMAT: 'teams',
      NOTIFY_MAX_FINDINGS: '0',
      WEBHOOK_TIMEOUT_MS: '2500',
      WEBHOOK_MAX_ATTEMPTS: '1',
      WEBHOOK_URL_CACHE_SECONDS: '0',
    });

    // Assess
    expect(config).toEqual({
      region: 'us-east-1',
      webhook: { kind: 'secret', arn: SECRET_ARN },
      format: 'teams',
      maxFindings: 0,
      timeoutMs: 2_500,
      maxAttempts: 1,
      urlCacheMs: 0,
    });
  });

  it.each([
    [
      {},
      [
        '(environment) set exactly one of WEBHOOK_PARAMETER (an SSM SecureString parameter name) and WEBHOOK_SECRET_ARN (a Secrets Manager secret ARN) holding the webhook URL',
      ],
    ],
    [
      { WEBHOOK_PARAMETER: '/a', WEBHOOK_SECRET_ARN: SECRET_ARN },
      [
        '(environment) set exactly one of WEBHOOK_PARAMETER (an SSM SecureString parameter name) and WEBHOOK_SECRET_ARN (a Secrets Manager secret ARN) holding the webhook URL',
      ],
    ],
    [
      { WEBHOOK_PARAMETER: 'https://hooks.slack.com/services/T0/B0/secret' },
      ['WEBHOOK_PARAMETER must be an SSM parameter name such as /kda-auditor/webhook-url'],
    ],
    [
      {
        WEBHOOK_PARAMETER: '/a',
        WEBHOOK_FORMAT: 'discord',
        NOTIFY_MAX_FINDINGS: '41',
        WEBHOOK_MAX_ATTEMPTS: '0',
      },
      [
        'WEBHOOK_FORMAT must be one of slack, teams',
        'NOTIFY_MAX_FINDINGS must be at most 40 (Slack allows 50 blocks)',
        'WEBHOOK_MAX_ATTEMPTS must be at least 1',
      ],
    ],
  ])('throws ConfigurationError for %j', (env, problems) => {
    // Act
    const reading = () => readNotifyConfig({ AWS_REGION: 'eu-west-1', ...env });

    // Assess
    expect(reading).toThrow(new ConfigurationError(problems));
  });
});
