import { describe, expect, it } from 'vitest';
import { readOrgTargetsConfig } from '../../../functions/org-targets/config.js';
import { ConfigurationError } from '../../../shared/errors.js';

describe('Function: readOrgTargetsConfig', () => {
  it('returns the defaults when only the region and bucket are set', () => {
    // Act
    const config = readOrgTargetsConfig({ AWS_REGION: 'eu-west-1', REPORT_BUCKET: 'kda-auditor-reports' });

    // Assess
    expect(config).toEqual({
      region: 'eu-west-1',
      reportBucket: 'kda-auditor-reports',
      reportPrefix: 'reports',
      scanRegions: 'all',
      includeAccounts: [],
      excludeAccounts: [],
      maxConcurrency: 20,
      toleratedFailurePercentage: 10,
    });
  });

  it('returns every setting given, with the account lists split and trimmed', () => {
    // Act
    const config = readOrgTargetsConfig({
      AWS_REGION: 'eu-west-1',
      REPORT_BUCKET: 'kda-auditor-reports',
      REPORT_PREFIX: '/audits/',
      SCAN_REGIONS: 'eu-west-1,us-east-1',
      INCLUDE_ACCOUNTS: ' 222222222222 , 333333333333',
      EXCLUDE_ACCOUNTS: '444444444444,',
      MAP_MAX_CONCURRENCY: '50',
      TOLERATED_FAILURE_PERCENTAGE: '2.5',
    });

    // Assess
    expect(config).toEqual({
      region: 'eu-west-1',
      reportBucket: 'kda-auditor-reports',
      reportPrefix: 'audits',
      scanRegions: ['eu-west-1', 'us-east-1'],
      includeAccounts: ['222222222222', '333333333333'],
      excludeAccounts: ['444444444444'],
      maxConcurrency: 50,
      toleratedFailurePercentage: 2.5,
    });
  });

  it('throws ConfigurationError naming every variable at fault', () => {
    // Act
    const act = () =>
      readOrgTargetsConfig({
        AWS_REGION: 'eu-west-1',
        REPORT_BUCKET: 'kda-auditor-reports',
        INCLUDE_ACCOUNTS: '2222,prod',
        MAP_MAX_CONCURRENCY: '0',
        TOLERATED_FAILURE_PERCENTAGE: '101',
      });

    // Assess
    expect(act).toThrow(
      new ConfigurationError([
        'INCLUDE_ACCOUNTS "2222" is not a 12-digit account id (expected comma-separated ids such as 111122223333,444455556666)',
        'INCLUDE_ACCOUNTS "prod" is not a 12-digit account id (expected comma-separated ids such as 111122223333,444455556666)',
        'MAP_MAX_CONCURRENCY must be at least 1',
        'TOLERATED_FAILURE_PERCENTAGE must be at most 100',
      ]),
    );
  });
});
