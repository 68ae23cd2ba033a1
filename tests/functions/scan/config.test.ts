import { describe, expect, it } from 'vitest';
import { readScanConfig } from '../../../functions/scan/config.js';
import { ConfigurationError } from '../../../shared/errors.js';

describe('Function: readScanConfig', () => {
  it('returns the defaults when only the region and bucket are set', () => {
    // Act
    const config = readScanConfig({ AWS_REGION: 'eu-west-1', REPORT_BUCKET: 'kda-auditor-reports' });

    // Assess
    expect(config).toEqual({
      region: 'eu-west-1',
      reportBucket: 'kda-auditor-reports',
      reportPrefix: 'reports',
      alertThreshold: 'high',
      scanRegions: 'all',
      codeArtifactMaxBytes: 64 * 1024 * 1024,
      artifactCachePrefix: 'cache/code-artifact-scans',
      suppressionsKey: 'reports/suppressions.yaml',
      securityHubExport: false,
      scoreDrop: 10,
      trendLength: 30,
    });
  });

  it('returns every setting given, with the prefix trimmed of slashes and the regions split', () => {
    // Act
    const config = readScanConfig({
      AWS_REGION: 'eu-west-1',
      REPORT_BUCKET: 'kda-auditor-reports',
      REPORT_PREFIX: '/audits/flink/',
      TOPIC_ARN: 'arn:aws:sns:eu-west-1:111122223333:kda-auditor-alerts',
      ALERT_THRESHOLD: 'critical',
      SCAN_REGIONS: 'eu-west-1, us-east-1',
      CODE_ARTIFACT_MAX_BYTES: '134217728',
      ARTIFACT_CACHE_PREFIX: '/scan-cache/',
    });

    // Assess
    expect(config).toEqual({
      region: 'eu-west-1',
      reportBucket: 'kda-auditor-reports',
      reportPrefix: 'audits/flink',
      topicArn: 'arn:aws:sns:eu-west-1:111122223333:kda-auditor-alerts',
      alertThreshold: 'critical',
      scanRegions: ['eu-west-1', 'us-east-1'],
      codeArtifactMaxBytes: 134217728,
      artifactCachePrefix: 'scan-cache',
      suppressionsKey: 'audits/flink/suppressions.yaml',
      securityHubExport: false,
      scoreDrop: 10,
      trendLength: 30,
    });
  });

  it('treats an empty TOPIC_ARN as no topic', () => {
    // Act
    const config = readScanConfig({
      AWS_REGION: 'eu-west-1',
      REPORT_BUCKET: 'kda-auditor-reports',
      TOPIC_ARN: '',
    });

    // Assess
    expect(config.topicArn).toBeUndefined();
  });

  it('throws ConfigurationError naming every variable at fault', () => {
    // Act
    const act = () =>
      readScanConfig({
        REPORT_BUCKET: 'Reports_Bucket',
        TOPIC_ARN: 'kda-auditor-alerts',
        ALERT_THRESHOLD: 'severe',
        SCAN_REGIONS: 'eu-west-1,europe',
        CODE_ARTIFACT_MAX_BYTES: '64MB',
      });

    // Assess
    expect(act).toThrow(
      new ConfigurationError([
        'AWS_REGION is not set (the Lambda runtime sets it; set it when running elsewhere)',
        'REPORT_BUCKET must be an S3 bucket name',
        'TOPIC_ARN must be an SNS topic ARN (arn:aws:sns:<region>:<account>:<name>)',
        'ALERT_THRESHOLD must be one of critical, high, medium, low, info',
        'SCAN_REGIONS must be "all" or comma-separated region names such as eu-west-1,us-east-1',
        'CODE_ARTIFACT_MAX_BYTES must be a number of bytes',
      ]),
    );
  });
});
