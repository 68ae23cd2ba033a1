import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigurationError } from '../../../shared/errors.js';

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

// Loading the handler loads the AWS SDK clients it bundles: slow the first time.
describe('Module: functions/org-targets/handler', { timeout: 60_000 }, () => {
  it('exports a Lambda handler built from a valid environment', async () => {
    // Prepare
    vi.stubEnv('AWS_REGION', 'eu-west-1');
    vi.stubEnv('REPORT_BUCKET', 'kda-auditor-reports');

    // Act
    const module = await import('../../../functions/org-targets/handler.js');

    // Assess
    expect(typeof module.handler).toBe('function');
  });

  it('fails at cold start when the environment is invalid', async () => {
    // Prepare
    vi.stubEnv('AWS_REGION', 'eu-west-1');
    vi.stubEnv('REPORT_BUCKET', 'kda-auditor-reports');
    vi.stubEnv('MAP_MAX_CONCURRENCY', 'many');

    // Act
    const loading = import('../../../functions/org-targets/handler.js');

    // Assess
    await expect(loading).rejects.toThrow(
      new ConfigurationError(['MAP_MAX_CONCURRENCY must be a number of child executions']),
    );
  });
});
