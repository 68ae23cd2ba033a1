import type { ScanConfig } from '../../functions/scan/config.js';

/** A scan function's settings as a test deployment has them; override what the test is about. */
export function scanConfig(overrides: Partial<ScanConfig> = {}): ScanConfig {
  return {
    region: 'eu-west-1',
    reportBucket: 'kda-auditor-reports',
    reportPrefix: 'reports',
    topicArn: 'arn:aws:sns:eu-west-1:111122223333:kda-auditor-alerts',
    alertThreshold: 'high',
    scanRegions: ['eu-west-1'],
    codeArtifactMaxBytes: 64 * 1024 * 1024,
    codeArtifactBytesInFlight: 128 * 1024 * 1024,
    artifactCachePrefix: 'cache/code-artifact-scans',
    suppressionsKey: 'reports/suppressions.yaml',
    securityHubExport: false,
    scoreDrop: 10,
    trendLength: 30,
    timeLimitMarginSeconds: 30,
    ...overrides,
  };
}
