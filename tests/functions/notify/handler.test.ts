import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigurationError } from '../../../shared/errors.js';

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

// Loading the handler loads the SSM and Secrets Manager clients: slow the first time.
describe('Module: functions/notify/handler', { timeout: 60_000 }, () => {
  it('exports a Lambda handler built from a valid environment, without reading the URL', async () => {
    // Prepare
    vi.stubEnv('AWS_REGION', 'eu-west-1');
    vi.stubEnv('WEBHOOK_PARAMETER', '/kda-auditor/webhook-url');
    vi.stubEnv('WEBHOOK_SECRET_ARN', '');

    // Act
    const module = await import('../../../functions/notify/handler.js');

    // Assess
    expect(typeof module.handler).toBe('function');
  });

  it('fails at cold start when no webhook location is set', async () => {
    // Prepare
    vi.stubEnv('AWS_REGION', 'eu-west-1');
    vi.stubEnv('WEBHOOK_PARAMETER', '');
    vi.stubEnv('WEBHOOK_SECRET_ARN', '');

    // Act
    const loading = import('../../../functions/notify/handler.js');

    // Assess
    await expect(loading).rejects.toThrow(
      new ConfigurationError([
        '(environment) set exactly one of WEBHOOK_PARAMETER (an SSM SecureString parameter name) and WEBHOOK_SECRET_ARN (a Secrets Manager secret ARN) holding the webhook URL',
      ]),
    );
  });
});
