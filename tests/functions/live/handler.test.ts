import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigurationError } from '../../../shared/errors.js';

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

// Loading the handler loads every AWS SDK client it bundles: slow the first time.
describe('Module: functions/live/handler', { timeout: 60_000 }, () => {
  it('exports a Lambda handler built from the scan function environment', async () => {
    // Prepare
    vi.stubEnv('AWS_REGION', 'eu-west-1');
    vi.stubEnv('REPORT_BUCKET', 'kda-auditor-reports');

    // Act
    const module = await import('../../../functions/live/handler.js');

    // Assess
    expect(typeof module.handler).toBe('function');
  });

  it('fails at cold start when the environment is invalid', async () => {
    // Prepare
    vi.stubEnv('AWS_REGION', 'eu-west-1');
    vi.stubEnv('REPORT_BUCKET', '');

    // Act
    const loading = import('../../../functions/live/handler.js');

    // Assess
    await expect(loading).rejects.toThrow(
      new ConfigurationError(['REPORT_BUCKET must be an S3 bucket name']),
    );
  });
});
