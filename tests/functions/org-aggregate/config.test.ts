import { describe, expect, it } from 'vitest';
import { readOrgAggregateConfig } from '../../../functions/org-aggregate/config.js';
import { ConfigurationError } from '../../../shared/errors.js';

describe('Function: readOrgAggregateConfig', () => {
  it('returns the defaults when only the region and bucket are set', () => {
    // Act
    const config = readOrgAggregateConfig({ AWS_REGION: 'eu-west-1', REPORT_BUCKET: 'kda-auditor-reports' });

    // Assess
    expect(config).toEqual({
      region: 'eu-west-1',
      reportBucket: 'kda-auditor-reports',
      reportPrefix: 'reports',
      alertThreshold: 'high',
      scoreDrop: 10,
    });
  });

  it('returns every setting given', () => {
    // Act
    const config = readOrgAggregateConfig({
      AWS_REGION: 'eu-west-1',
      REPORT_BUCKET: 'kda-auditor-reports',
      REPORT_PREFIX: 'audits/',
      TOPIC_ARN: 'arn:aws:sns:eu-west-1:111111111111:kda-auditor-alerts',
      ALERT_THRESHOLD: 'critical',
      SCORE_DROP_THRESHOLD: '5',
    });

    // Assess
    expect(config).toEqual({
      region: 'eu-west-1',
      reportBucket: 'kda-auditor-reports',
      reportPrefix: 'audits',
      topicArn: 'arn:aws:sns:eu-west-1:111111111111:kda-auditor-alerts',
      alertThreshold: 'critical',
      scoreDrop: 5,
    });
  });

  it('throws ConfigurationError naming every variable at fault', () => {
    // Act
    const act = () =>
      readOrgAggregateConfig({
        AWS_REGION: 'eu-west-1',
        REPORT_BUCKET: 'Reports_Bucket',
        TOPIC_ARN: 'alerts',
        SCORE_DROP_THRESHOLD: '0',
      });

    // Assess
    expect(act).toThrow(
      new ConfigurationError([
        'REPORT_BUCKET must be an S3 bucket name',
        'TOPIC_ARN must be an SNS topic ARN (arn:aws:sns:<region>:<account>:<name>)',
        'SCORE_DROP_THRESHOLD must be at least 1',
      ]),
    );
  });
});
