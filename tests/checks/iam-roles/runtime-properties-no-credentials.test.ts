import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { iamRoleChecks } from '../../../shared/checks/iam-roles/index.js';
import { runtimePropertiesNoCredentials } from '../../../shared/checks/iam-roles/runtime-properties-no-credentials.js';
import { leastPrivilegeChecks } from '../../../shared/checks/least-privilege/index.js';
import { evaluateAccount } from '../../../shared/evaluate/evaluate-account.js';
import { readSnapshot } from '../../../shared/snapshot/read.js';
import { userKey } from '../../support/access-key-fixtures.js';
import {
  applicationArn,
  checkContext,
  collectionError,
  oneApplication,
} from '../../support/snapshot-builder.js';

// The example keys of the AWS documentation.
const ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
const SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
// A key shaped like a real one, assembled so that no key-shaped literal sits in the source.
const REAL_KEY_ID = ['AKIA', 'ZTESTKEYORDERSAB'].join('');
const REAL_SECRET = createHash('sha256').update('orders-enricher test secret').digest('base64').slice(0, 40);
const APPLICATION = applicationArn('orders-enricher');
const FAIL_PREFIX =
  'The runtime properties of orders-enricher hold AWS credentials instead of relying on the execution role:';

function evaluate(properties?: Record<string, Record<string, string>>) {
  const snapshot = oneApplication(properties ? { application: { properties } } : {});
  return runtimePropertiesNoCredentials.evaluate(checkContext(snapshot));
}

describe('Check: runtime-properties-no-credentials', () => {
  it('returns PASS when the properties hold no credentials', () => {
    // Act
    const outcomes = evaluate({
      FlinkApplicationProperties: { 'input.stream.name': 'orders', 'aws.region': 'eu-west-1' },
      ConsumerConfigProperties: { 'aws.credentials.provider': 'AUTO' },
    });

    // Assess
    expect(outcomes).toEqual([
      {
        status: 'PASS',
        resourceArn: APPLICATION,
        detail: 'None of the 2 runtime property group(s) of orders-enricher holds AWS credentials.',
      },
    ]);
  });

  it('returns PASS when the application has no runtime properties at all', () => {
    // Act
    const outcomes = evaluate();

    // Assess
    expect(outcomes).toEqual([
      { status: 'PASS', resourceArn: APPLICATION, detail: 'orders-enricher has no runtime properties.' },
    ]);
  });

  it('returns FAIL for the BASIC provider with example keys, naming them as examples, masked', () => {
    // Act
    const outcomes = evaluate({
      ConsumerConfigProperties: {
        'aws.credentials.provider': 'BASIC',
        'aws.credentials.provider.basic.accesskeyid': ACCESS_KEY_ID,
        'aws.credentials.provider.basic.secretkey': SECRET_ACCESS_KEY,
      },
    });

    // Assess
    expect(outcomes).toEqual([
      {
        status: 'FAIL',
        resourceArn: APPLICATION,
        detail:
          `${FAIL_PREFIX} ConsumerConfigProperties / aws.credentials.provider makes the AWS connector use stored ` +
          'keys instead of the role (BASIC); ConsumerConfigProperties / aws.credentials.provider.basic.accesskeyid ' +
          'holds an access key id (AKIA************MPLE; an example key from the AWS documentation); ' +
          'ConsumerConfigProperties / aws.credentials.provider.basic.secretkey holds what looks like a secret ' +
          'access key (wJal************************************; an example key from the AWS documentation).',
      },
    ]);
    expect(JSON.stringify(outcomes)).not.toContain(ACCESS_KEY_ID);
    expect(JSON.stringify(outcomes)).not.toContain(SECRET_ACCESS_KEY);
  });

  it('returns FAIL of low severity when the only values found are example keys', () => {
    // Act
    const outcomes = evaluate({ Sink: { 'sink.endpoint.user': ACCESS_KEY_ID } });

    // Assess
    expect(outcomes).toEqual([
      {
        status: 'FAIL',
        resourceArn: APPLICATION,
        detail: `${FAIL_PREFIX} Sink / sink.endpoint.user holds an access key id (AKIA************MPLE; an example key from the AWS documentation).`,
        severity: 'low',
      },
    ]);
  });

  it('returns FAIL of critical severity when a key is active in this account, saying whose and when used', () => {
    // Prepare
    const snapshot = oneApplication({ application: { properties: { Sink: { 'sink.user': REAL_KEY_ID } } } });
    snapshot.iam = { ...snapshot.iam, accessKeys: [userKey(REAL_KEY_ID)] };

    // Act
    const outcomes = runtimePropertiesNoCredentials.evaluate(checkContext(snapshot));

    // Assess
    expect(outcomes).toEqual([
      {
        status: 'FAIL',
        resourceArn: APPLICATION,
        detail:
          `${FAIL_PREFIX} Sink / sink.user holds an access key id (AKIA************RSAB; an active key of IAM ` +
          'user ci-deployer in this account, last used 2026-11-27 by s3 in eu-west-1).',
        severity: 'critical',
      },
    ]);
  });

  it('keeps the default severity when the key is inactive in this account', () => {
    // Prepare
    const snapshot = oneApplication({ application: { properties: { Sink: { 'sink.user': REAL_KEY_ID } } } });
    snapshot.iam = { ...snapshot.iam, accessKeys: [userKey(REAL_KEY_ID, { status: 'Inactive' })] };

    // Act
    const outcomes = runtimePropertiesNoCredentials.evaluate(checkContext(snapshot));

    // Assess
    expect(outcomes).toEqual([
      {
        status: 'FAIL',
        resourceArn: APPLICATION,
        detail:
          `${FAIL_PREFIX} Sink / sink.user holds an access key id (AKIA************RSAB; an inactive key of IAM ` +
          'user ci-deployer in this account, last used 2026-11-27 by s3 in eu-west-1).',
      },
    ]);
  });

  it('returns FAIL for a long-term provider alone', () => {
    // Act
    const outcomes = evaluate({ Sink: { AWS_CREDENTIALS_PROVIDER: 'PROFILE' } });

    // Assess
    expect(outcomes).toEqual([
      {
        status: 'FAIL',
        resourceArn: APPLICATION,
        detail: `${FAIL_PREFIX} Sink / AWS_CREDENTIALS_PROVIDER makes the AWS connector use stored keys instead of the role (PROFILE).`,
      },
    ]);
  });

  it('returns FAIL for a credential-named property whatever its value looks like, masked', () => {
    // Prepare
    const secret = 'my-very-private-password';

    // Act
    const outcomes = evaluate({ Sink: { aws_secret_access_key: secret } });

    // Assess
    expect(outcomes).toEqual([
      {
        status: 'FAIL',
        resourceArn: APPLICATION,
        detail: `${FAIL_PREFIX} Sink / aws_secret_access_key holds a credential (my-v********************).`,
      },
    ]);
    expect(JSON.stringify(outcomes)).not.toContain(secret);
  });

  it('returns FAIL for key-shaped values under innocent keys, saying when a key was not looked up', () => {
    // Act
    const outcomes = evaluate({
      Sink: { 'sink.endpoint.user': REAL_KEY_ID, 'sink.endpoint.token': REAL_SECRET },
    });

    // Assess
    expect(outcomes).toEqual([
      {
        status: 'FAIL',
        resourceArn: APPLICATION,
        detail:
          `${FAIL_PREFIX} Sink / sink.endpoint.user holds an access key id (AKIA************RSAB; not looked up: ` +
          'the snapshot holds no lookup of it); Sink / sink.endpoint.token holds what looks like a secret access ' +
          `key (${REAL_SECRET.slice(0, 4)}************************************).`,
      },
    ]);
    expect(JSON.stringify(outcomes)).not.toContain(REAL_KEY_ID);
    expect(JSON.stringify(outcomes)).not.toContain(REAL_SECRET);
  });

  it('returns ERROR when the application configuration could not be read', () => {
    // Prepare
    const snapshot = oneApplication({
      collectionErrors: [collectionError('kinesisanalytics:DescribeApplication', APPLICATION)],
    });

    // Act
    const [app] = evaluateAccount(snapshot, {}, [runtimePropertiesNoCredentials]).applications;

    // Assess
    expect(app?.findings.map(({ status, resourceArn }) => ({ status, resourceArn }))).toEqual([
      { status: 'ERROR', resourceArn: APPLICATION },
    ]);
  });
});

describe('Check: runtime-properties-no-credentials on the example account', () => {
  it('returns findings that never contain the raw keys of the legacy application', () => {
    // Prepare
    const snapshot = readSnapshot(
      JSON.parse(readFileSync(new URL('../../fixtures/example-account.json', import.meta.url), 'utf8')),
    );

    // Act
    const evaluation = evaluateAccount(snapshot, { applications: ['legacy-sessionizer'] }, [
      ...iamRoleChecks,
      ...leastPrivilegeChecks,
    ]);

    // Assess
    const findings = evaluation.applications.flatMap((application) => application.findings);
    const credentials = findings.find((finding) => finding.checkId === 'runtime-properties-no-credentials');
    expect(credentials?.status).toBe('FAIL');
    expect(JSON.stringify(evaluation)).not.toContain(ACCESS_KEY_ID);
    expect(JSON.stringify(evaluation)).not.toContain(SECRET_ACCESS_KEY);
  });
});
