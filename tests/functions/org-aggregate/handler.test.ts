import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigurationError } from '../../../shared/errors.js';

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

// Loading the handler loads the AWS SDK clients it bundles: slow the first time.
describe('Module: functions/org-aggregate/handler', { timeout: 60_000 }, () => {
  it('exports a Lambda handler built from a valid environment', async () => {
    // Prepare
    vi.stubEnv('AWS_REGION', 'eu-west-1');
    vi.stubEnv('REPORT_BUCKET', 'kda-auditor-reports');

    // Act
    const module = await import('../../../functions/org-aggregate/handler.js');

    // Assess
    expect(typeof module.handler).toBe('function');
  });

  it('fails at cold start when the environment is invalid', async () => {
    // Prepare
    vi.stubEnv('AWS_REGION', 'eu-west-1');
    vi.stubEnv('REPORT_BUCKET', 'kda-auditor-reports');
    vi.stubEnv('ALERT_THRESHOLD', 'severe');

    // Act
    const loading = import('../../../functions/org-aggregate/handler.js');

    // Assess
    await expect(loading).rejects.toThrow(
      new ConfigurationError(['ALERT_THRESHOLD must be one of critical, high, medium, low, info']),
    );
  });
});
