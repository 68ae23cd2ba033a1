import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { leastPrivilegeChecks } from '../../../shared/checks/least-privilege/index.js';
import { evaluateAccount } from '../../../shared/evaluate/evaluate-account.js';
import { managedPolicy, oneApplication, role } from '../../support/snapshot-builder.js';

// Real AWS-managed policy documents (tests/fixtures/managed-policies/README.md says which version)
// attached to an execution role: every least-privilege verdict is pinned, so a change of the engine
// or the catalog that moves one shows here by name.
const CHECK_IDS = leastPrivilegeChecks.map((check) => check.metadata.id);

type Status = 'PASS' | 'FAIL' | 'NOT_APPLICABLE';
// role-shared-by-applications and role-permissions-boundary read no policy: with one application and
// no boundary they always PASS and FAIL here.
const expected: Record<string, Record<string, Status>> = {
  AdministratorAccess: {
    'role-admin-access': 'FAIL',
    'role-privilege-escalation': 'FAIL',
    'role-service-wide-wildcard': 'NOT_APPLICABLE',
    'role-data-actions-on-all-resources': 'FAIL',
    'role-write-actions-on-all-resources': 'NOT_APPLICABLE',
    'role-shared-by-applications': 'PASS',
    'role-permissions-boundary': 'FAIL',
    'role-excess-grants': 'FAIL',
  },
  // Statement #1 (NotAction) is administrator access; the write check reports statement #2's
  // iam:CreateServiceLinkedRole and iam:DeleteServiceLinkedRole (Write) on "*".
  PowerUserAccess: {
    'role-admin-access': 'FAIL',
    'role-privilege-escalation': 'FAIL',
    'role-service-wide-wildcard': 'NOT_APPLICABLE',
    'role-data-actions-on-all-resources': 'FAIL',
    'role-write-actions-on-all-resources': 'FAIL',
    'role-shared-by-applications': 'PASS',
    'role-permissions-boundary': 'FAIL',
    'role-excess-grants': 'FAIL',
  },
  // kinesis:Get* and s3:Get* reach GetRecords and GetObject; glue:Get* reaches actions the Service
  // Authorization Reference classes as Write (glue:GetDataPreviewStatement, glue:GetEnvironment, ...).
  ReadOnlyAccess: {
    'role-admin-access': 'PASS',
    'role-privilege-escalation': 'PASS',
    'role-service-wide-wildcard': 'PASS',
    'role-data-actions-on-all-resources': 'FAIL',
    'role-write-actions-on-all-resources': 'FAIL',
    'role-shared-by-applications': 'PASS',
    'role-permissions-boundary': 'FAIL',
    'role-excess-grants': 'FAIL',
  },
  // kinesisanalytics:* with iam:PassRole on role/service-role/kinesis-analytics* (roles other than the
  // execution role): creates, starts or updates applications under another role, and rewrites other
  // applications' code.
  AmazonKinesisAnalyticsFullAccess: {
    'role-admin-access': 'PASS',
    'role-privilege-escalation': 'FAIL',
    'role-service-wide-wildcard': 'PASS',
    'role-data-actions-on-all-resources': 'FAIL',
    'role-write-actions-on-all-resources': 'FAIL',
    'role-shared-by-applications': 'PASS',
    'role-permissions-boundary': 'FAIL',
    'role-excess-grants': 'FAIL',
  },
  AmazonKinesisAnalyticsReadOnly: {
    'role-admin-access': 'PASS',
    'role-privilege-escalation': 'PASS',
    'role-service-wide-wildcard': 'PASS',
    'role-data-actions-on-all-resources': 'PASS',
    'role-write-actions-on-all-resources': 'PASS',
    'role-shared-by-applications': 'PASS',
    'role-permissions-boundary': 'FAIL',
    'role-excess-grants': 'FAIL',
  },
  AmazonKinesisFullAccess: {
    'role-admin-access': 'PASS',
    'role-privilege-escalation': 'PASS',
    'role-service-wide-wildcard': 'FAIL',
    'role-data-actions-on-all-resources': 'FAIL',
    'role-write-actions-on-all-resources': 'FAIL',
    'role-shared-by-applications': 'PASS',
    'role-permissions-boundary': 'FAIL',
    'role-excess-grants': 'FAIL',
  },
  AmazonKinesisReadOnlyAccess: {
    'role-admin-access': 'PASS',
    'role-privilege-escalation': 'PASS',
    'role-service-wide-wildcard': 'PASS',
    'role-data-actions-on-all-resources': 'FAIL',
    'role-write-actions-on-all-resources': 'PASS',
    'role-shared-by-applications': 'PASS',
    'role-permissions-boundary': 'FAIL',
    'role-excess-grants': 'FAIL',
  },
};

function verdictsWith(policyName: string): Record<string, string> {
  const arn = `arn:aws:iam::aws:policy/${policyName}`;
  const document = readFileSync(
    new URL(`../../fixtures/managed-policies/${policyName}.json`, import.meta.url),
    'utf8',
  );
  const snapshot = oneApplication({
    role: role({ attached: [arn] }),
    policies: [managedPolicy(arn, document)],
  });
  const [application] = evaluateAccount(snapshot, {}, leastPrivilegeChecks).applications;
  return Object.fromEntries(
    (application?.findings ?? []).map((finding) => [finding.checkId, finding.status]),
  );
}

describe('Checks: least privilege over AWS-managed policies', () => {
  it('pins a verdict of every least-privilege check for each policy', () => {
    // Assess
    for (const verdicts of Object.values(expected)) expect(Object.keys(verdicts)).toEqual(CHECK_IDS);
  });

  it.each(Object.entries(expected))('returns the expected verdicts for %s', (policyName, verdicts) => {
    // Act
    const actual = verdictsWith(policyName);

    // Assess
    expect(actual).toEqual(verdicts);
  });
});
