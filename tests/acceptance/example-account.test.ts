import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluateAccount } from '../../shared/evaluate/evaluate-account.js';
import { readSnapshot } from '../../shared/snapshot/read.js';

// The example account of the snapshot format: one clean application and one with several
// problems. Every verdict is pinned, so a change in any check's logic shows up here by name.
const snapshot = readSnapshot(
  JSON.parse(readFileSync(new URL('../fixtures/example-account.json', import.meta.url), 'utf8')),
);

type Verdict = [checkId: string, status: string, severity: string, resource: string];

const expected: Record<string, Verdict[]> = {
  'clickstream-enricher': [
    ['role-admin-access', 'PASS', 'critical', 'iam::111122223333:role/clickstream-enricher-role'],
    ['role-privilege-escalation', 'PASS', 'high', 'iam::111122223333:role/clickstream-enricher-role'],
    ['role-service-wide-wildcard', 'PASS', 'high', 'iam::111122223333:role/clickstream-enricher-role'],
    [
      'role-data-actions-on-all-resources',
      'PASS',
      'medium',
      'iam::111122223333:role/clickstream-enricher-role',
    ],
    [
      'role-write-actions-on-all-resources',
      'PASS',
      'medium',
      'iam::111122223333:role/clickstream-enricher-role',
    ],
    ['role-shared-by-applications', 'PASS', 'low', 'iam::111122223333:role/clickstream-enricher-role'],
    ['role-permissions-boundary', 'FAIL', 'info', 'iam::111122223333:role/clickstream-enricher-role'],
    ['role-excess-grants', 'FAIL', 'medium', 'iam::111122223333:role/clickstream-enricher-role'],
    ['role-exists', 'PASS', 'critical', 'iam::111122223333:role/clickstream-enricher-role'],
    [
      'runtime-properties-no-credentials',
      'PASS',
      'high',
      'kinesisanalytics:eu-west-1:111122223333:application/clickstream-enricher',
    ],
    // The example holds no code objects: unknown, so ERROR (a live scan reads and scans them),
    // critical since the unread code may hold a live key.
    [
      'code-artifact-no-credentials',
      'ERROR',
      'critical',
      's3:::acme-flink-artifacts/clickstream-enricher/app-1.4.2.jar',
    ],
    ['role-trust-service-only', 'PASS', 'high', 'iam::111122223333:role/clickstream-enricher-role'],
    ['role-trust-confused-deputy', 'PASS', 'medium', 'iam::111122223333:role/clickstream-enricher-role'],
    ['dependency-exists', 'PASS', 'high', 's3:::acme-flink-artifacts'],
    ['dependency-exists', 'PASS', 'high', 'kinesis:eu-west-1:111122223333:stream/clickstream-raw'],
    ['dependency-exists', 'PASS', 'high', 'kinesis:eu-west-1:111122223333:stream/clickstream-enriched'],
    [
      'dependency-exists',
      'PASS',
      'high',
      'kms:eu-west-1:111122223333:key/1b2c3d4e-1111-2222-3333-444455556666',
    ],
    [
      'dependency-exists',
      'PASS',
      'high',
      'kms:eu-west-1:111122223333:key/0f0e0d0c-aaaa-bbbb-cccc-ddddeeeeffff',
    ],
    ['kinesis-stream-encrypted', 'PASS', 'high', 'kinesis:eu-west-1:111122223333:stream/clickstream-raw'],
    [
      'kinesis-stream-encrypted',
      'PASS',
      'high',
      'kinesis:eu-west-1:111122223333:stream/clickstream-enriched',
    ],
    [
      'firehose-encrypted',
      'NOT_APPLICABLE',
      'high',
      'kinesisanalytics:eu-west-1:111122223333:application/clickstream-enricher',
    ],
    ['s3-bucket-default-encryption', 'PASS', 'high', 's3:::acme-flink-artifacts'],
    ['s3-bucket-sse-kms', 'PASS', 'low', 's3:::acme-flink-artifacts'],
    ['s3-bucket-tls-only', 'PASS', 'medium', 's3:::acme-flink-artifacts'],
    [
      'kms-key-enabled',
      'PASS',
      'high',
      'kms:eu-west-1:111122223333:key/1b2c3d4e-1111-2222-3333-444455556666',
    ],
    [
      'kms-key-enabled',
      'PASS',
      'high',
      'kms:eu-west-1:111122223333:key/0f0e0d0c-aaaa-bbbb-cccc-ddddeeeeffff',
    ],
    [
      'kms-key-rotation',
      'PASS',
      'medium',
      'kms:eu-west-1:111122223333:key/1b2c3d4e-1111-2222-3333-444455556666',
    ],
    [
      'kms-key-rotation',
      'PASS',
      'medium',
      'kms:eu-west-1:111122223333:key/0f0e0d0c-aaaa-bbbb-cccc-ddddeeeeffff',
    ],
    ['cloudtrail-region-logging', 'PASS', 'high', 'cloudtrail:us-east-1:111122223333:trail/org-audit'],
    ['cloudtrail-log-file-validation', 'PASS', 'medium', 'cloudtrail:us-east-1:111122223333:trail/org-audit'],
    ['cloudtrail-kms-encryption', 'PASS', 'medium', 'cloudtrail:us-east-1:111122223333:trail/org-audit'],
    ['cloudtrail-delivery-healthy', 'PASS', 'medium', 'cloudtrail:us-east-1:111122223333:trail/org-audit'],
    [
      'runtime-supported',
      'PASS',
      'high',
      'kinesisanalytics:eu-west-1:111122223333:application/clickstream-enricher',
    ],
    [
      'application-logging-enabled',
      'PASS',
      'medium',
      'kinesisanalytics:eu-west-1:111122223333:application/clickstream-enricher',
    ],
  ],
  'legacy-sessionizer': [
    [
      'role-admin-access',
      'PASS',
      'critical',
      'iam::111122223333:role/service-role/kinesis-analytics-legacy-sessionizer-eu-west-1',
    ],
    [
      'role-privilege-escalation',
      'PASS',
      'high',
      'iam::111122223333:role/service-role/kinesis-analytics-legacy-sessionizer-eu-west-1',
    ],
    [
      'role-service-wide-wildcard',
      'FAIL',
      'high',
      'iam::111122223333:role/service-role/kinesis-analytics-legacy-sessionizer-eu-west-1',
    ],
    [
      'role-data-actions-on-all-resources',
      'FAIL',
      'medium',
      'iam::111122223333:role/service-role/kinesis-analytics-legacy-sessionizer-eu-west-1',
    ],
    [
      'role-write-actions-on-all-resources',
      'FAIL',
      'medium',
      'iam::111122223333:role/service-role/kinesis-analytics-legacy-sessionizer-eu-west-1',
    ],
    [
      'role-shared-by-applications',
      'PASS',
      'low',
      'iam::111122223333:role/service-role/kinesis-analytics-legacy-sessionizer-eu-west-1',
    ],
    [
      'role-permissions-boundary',
      'FAIL',
      'info',
      'iam::111122223333:role/service-role/kinesis-analytics-legacy-sessionizer-eu-west-1',
    ],
    [
      'role-excess-grants',
      'FAIL',
      'medium',
      'iam::111122223333:role/service-role/kinesis-analytics-legacy-sessionizer-eu-west-1',
    ],
    [
      'role-exists',
      'PASS',
      'critical',
      'iam::111122223333:role/service-role/kinesis-analytics-legacy-sessionizer-eu-west-1',
    ],
    [
      'runtime-properties-no-credentials',
      'FAIL',
      'high',
      'kinesisanalytics:eu-west-1:111122223333:application/legacy-sessionizer',
    ],
    // The example holds no code objects: unknown, so ERROR (a live scan reads and scans them),
    // critical since the unread code may hold a live key.
    [
      'code-artifact-no-credentials',
      'ERROR',
      'critical',
      's3:::acme-legacy-jobs/sessionizer/sessionizer-0.9.jar',
    ],
    [
      'role-trust-service-only',
      'PASS',
      'high',
      'iam::111122223333:role/service-role/kinesis-analytics-legacy-sessionizer-eu-west-1',
    ],
    [
      'role-trust-confused-deputy',
      'FAIL',
      'medium',
      'iam::111122223333:role/service-role/kinesis-analytics-legacy-sessionizer-eu-west-1',
    ],
    ['dependency-exists', 'PASS', 'high', 's3:::acme-legacy-jobs'],
    ['dependency-exists', 'PASS', 'high', 'kinesis:eu-west-1:111122223333:stream/sessions-in'],
    ['dependency-exists', 'PASS', 'high', 'firehose:eu-west-1:111122223333:deliverystream/sessions-to-lake'],
    ['kinesis-stream-encrypted', 'FAIL', 'high', 'kinesis:eu-west-1:111122223333:stream/sessions-in'],
    ['firehose-encrypted', 'FAIL', 'high', 'firehose:eu-west-1:111122223333:deliverystream/sessions-to-lake'],
    ['s3-bucket-default-encryption', 'PASS', 'high', 's3:::acme-legacy-jobs'],
    ['s3-bucket-sse-kms', 'FAIL', 'low', 's3:::acme-legacy-jobs'],
    ['s3-bucket-tls-only', 'FAIL', 'medium', 's3:::acme-legacy-jobs'],
    [
      'kms-key-enabled',
      'NOT_APPLICABLE',
      'high',
      'kinesisanalytics:eu-west-1:111122223333:application/legacy-sessionizer',
    ],
    [
      'kms-key-rotation',
      'NOT_APPLICABLE',
      'medium',
      'kinesisanalytics:eu-west-1:111122223333:application/legacy-sessionizer',
    ],
    ['cloudtrail-region-logging', 'PASS', 'high', 'cloudtrail:us-east-1:111122223333:trail/org-audit'],
    ['cloudtrail-log-file-validation', 'PASS', 'medium', 'cloudtrail:us-east-1:111122223333:trail/org-audit'],
    ['cloudtrail-kms-encryption', 'PASS', 'medium', 'cloudtrail:us-east-1:111122223333:trail/org-audit'],
    ['cloudtrail-delivery-healthy', 'PASS', 'medium', 'cloudtrail:us-east-1:111122223333:trail/org-audit'],
    [
      'runtime-supported',
      'FAIL',
      'high',
      'kinesisanalytics:eu-west-1:111122223333:application/legacy-sessionizer',
    ],
    [
      'application-logging-enabled',
      'FAIL',
      'medium',
      'kinesisanalytics:eu-west-1:111122223333:application/legacy-sessionizer',
    ],
  ],
};

describe('Acceptance: the example account', () => {
  const evaluation = evaluateAccount(snapshot);

  it.each(Object.entries(expected))('gives %s exactly the expected verdicts', (name, verdicts) => {
    // Act
    const app = evaluation.applications.find((candidate) => candidate.applicationName === name);

    // Assess
    const actual = app?.findings.map((f) => [
      f.checkId,
      f.status,
      f.severity,
      f.resourceArn.replace('arn:aws:', ''),
    ]);
    expect(actual).toEqual(verdicts);
  });

  it('judges the two applications and nothing else', () => {
    // Assess
    expect(evaluation.applications.map((app) => app.applicationName)).toEqual(Object.keys(expected));
  });

  it('never shows the stored secret values, only masked ones', () => {
    // Act
    const text = JSON.stringify(evaluation);

    // Assess
    expect(text).not.toContain('AKIAIOSFODNN7EXAMPLE');
    expect(text).not.toContain('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY');
    expect(text).toContain('AKIA************MPLE');
  });
});
