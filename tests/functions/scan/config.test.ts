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
      codeArtifactBytesInFlight: 128 * 1024 * 1024,
      artifactCachePrefix: 'cache/code-artifact-scans',
      suppressionsKey: 'reports/suppressions.yaml',
      securityHubExport: false,
      scoreDrop: 10,
      trendLength: 30,
      timeLimitMarginSeconds: 30,
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
      CODE_ARTIFACT_BYTES_IN_FLIGHT: '268435456',
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
      codeArtifactBytesInFlight: 268435456,
      artifactCachePrefix: 'scan-cache',
      suppressionsKey: 'audits/flink/suppressions.yaml',
      securityHubExport: false,
      scoreDrop: 10,
      trendLength: 30,
      timeLimitMarginSeconds: 30,
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

  it('returns the organisation settings when ORGANIZATION_MODE is Enabled', () => {
    // Act
    const config = readScanConfig({
      AWS_REGION: 'eu-west-1',
      REPORT_BUCKET: 'kda-auditor-reports',
      ORGANIZATION_MODE: 'Enabled',
      MEMBER_EXTERNAL_ID: 'kda-auditor-0123456789abcdef',
      MEMBER_ROLE_NAME: 'flink-audit-member',
    });

    // Assess
    expect(config.organization).toEqual({
      memberRoleName: 'flink-audit-member',
      memberExternalId: 'kda-auditor-0123456789abcdef',
    });
  });

  it('returns the default member role name, and no organisation settings when the mode is Disabled', () => {
    // Act
    const enabled = readScanConfig({
      AWS_REGION: 'eu-west-1',
      REPORT_BUCKET: 'kda-auditor-reports',
      ORGANIZATION_MODE: 'Enabled',
      MEMBER_EXTERNAL_ID: 'kda-auditor-0123456789abcdef',
    });
    const disabled = readScanConfig({
      AWS_REGION: 'eu-west-1',
      REPORT_BUCKET: 'kda-auditor-reports',
      ORGANIZATION_MODE: 'Disabled',
      MEMBER_EXTERNAL_ID: 'kda-auditor-0123456789abcdef',
    });

    // Assess
    expect({ enabled: enabled.organization, disabled: disabled.organization }).toEqual({
      enabled: { memberRoleName: 'kda-auditor-member', memberExternalId: 'kda-auditor-0123456789abcdef' },
      disabled: undefined,
    });
  });

  it.each([
    {
      name: 'ORGANIZATION_MODE=Enabled without MEMBER_EXTERNAL_ID',
      env: { ORGANIZATION_MODE: 'Enabled', MEMBER_EXTERNAL_ID: '' },
      problems: [
        'MEMBER_EXTERNAL_ID is not set: ORGANIZATION_MODE=Enabled needs the ExternalId member-role.yaml was deployed with',
      ],
    },
    {
      name: 'invalid organisation settings',
      env: { ORGANIZATION_MODE: 'On', MEMBER_ROLE_NAME: 'no spaces allowed', MEMBER_EXTERNAL_ID: 'short' },
      problems: [
        'ORGANIZATION_MODE must be Enabled or Disabled',
        'MEMBER_ROLE_NAME must be an IAM role name (the RoleName member-role.yaml was deployed with)',
        'MEMBER_EXTERNAL_ID must be the ExternalId member-role.yaml was deployed with: 16 to 1224 letters, digits or +=,.@:/-',
      ],
    },
  ])('throws ConfigurationError for $name', ({ env, problems }) => {
    // Act
    const act = () =>
      readScanConfig({ AWS_REGION: 'eu-west-1', REPORT_BUCKET: 'kda-auditor-reports', ...env });

    // Assess
    expect(act).toThrow(new ConfigurationError(problems));
  });
});
