import { describe, expect, it } from 'vitest';
import { type TrustedCaller, trustAllows } from '../../sandbox/services/sts-trust.js';

const AUDITOR_ROLE = 'arn:aws:iam::500000000000:role/kda-auditor-scan';
const EXTERNAL_ID = 'sandbox-external-id-0001';
const ORGANIZATION_ID = 'o-abcdefghij';

const auditorSession: TrustedCaller = {
  arns: [AUDITOR_ROLE, 'arn:aws:sts::500000000000:assumed-role/kda-auditor-scan/nightly'],
  accountId: '500000000000',
  partition: 'aws',
  organizationId: ORGANIZATION_ID,
};

function trust(statement: Record<string, unknown>, ...more: Record<string, unknown>[]) {
  return { Version: '2012-10-17', Statement: [statement, ...more] };
}

function memberTrust(extra: Record<string, unknown> = {}) {
  return trust({
    Effect: 'Allow',
    Principal: { AWS: AUDITOR_ROLE },
    Action: 'sts:AssumeRole',
    Condition: { StringEquals: { 'sts:ExternalId': EXTERNAL_ID, 'aws:PrincipalOrgID': ORGANIZATION_ID } },
    ...extra,
  });
}

describe('Function: trustAllows', () => {
  it.each([
    ['the caller’s role ARN', AUDITOR_ROLE],
    ['the caller’s account root', 'arn:aws:iam::500000000000:root'],
    ['the caller’s account id', '500000000000'],
    ['anyone', '*'],
  ])('returns true when the trust policy names %s', (_case, principal) => {
    // Act
    const allowed = trustAllows(
      trust({ Effect: 'Allow', Principal: { AWS: principal }, Action: 'sts:AssumeRole' }),
      auditorSession,
      {},
    );

    // Assess
    expect(allowed).toBe(true);
  });

  it('returns true when the ExternalId and organisation conditions hold', () => {
    // Act
    const allowed = trustAllows(memberTrust(), auditorSession, { externalId: EXTERNAL_ID });

    // Assess
    expect(allowed).toBe(true);
  });

  it.each([
    ['a wrong ExternalId', auditorSession, { externalId: 'another-external-id-01' }],
    ['no ExternalId', auditorSession, {}],
    [
      'a caller of another organisation',
      { ...auditorSession, organizationId: 'o-zzzzzzzzzz' },
      { externalId: EXTERNAL_ID },
    ],
    [
      'a caller of no organisation',
      { ...auditorSession, organizationId: undefined },
      { externalId: EXTERNAL_ID },
    ],
    [
      'a caller the policy does not name',
      { ...auditorSession, arns: ['arn:aws:iam::500000000000:user/sandbox'] },
      { externalId: EXTERNAL_ID },
    ],
  ])('returns false for %s', (_case, caller, request) => {
    // Act
    const allowed = trustAllows(memberTrust(), caller, request);

    // Assess
    expect(allowed).toBe(false);
  });

  it.each([
    [
      'a service principal only',
      trust({ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }),
    ],
    ['another action', trust({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:TagSession' })],
    [
      'a condition it does not understand',
      memberTrust({ Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }),
    ],
    [
      'a condition key it does not understand',
      memberTrust({ Condition: { StringEquals: { 'aws:SourceIp': '10.0.0.1' } } }),
    ],
    [
      'NotPrincipal',
      trust({ Effect: 'Allow', NotPrincipal: { AWS: '111122223333' }, Action: 'sts:AssumeRole' }),
    ],
    [
      'a matching Deny',
      trust(
        { Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:*' },
        { Effect: 'Deny', Principal: { AWS: AUDITOR_ROLE }, Action: 'sts:AssumeRole' },
      ),
    ],
    [
      'a Deny it cannot judge',
      trust(
        { Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:*' },
        {
          Effect: 'Deny',
          Principal: { AWS: '*' },
          Action: 'sts:AssumeRole',
          Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
        },
      ),
    ],
    ['an unreadable document', 'not a policy'],
    ['no document', undefined],
  ])('returns false for a trust policy with %s', (_case, document) => {
    // Act
    const allowed = trustAllows(document, auditorSession, { externalId: EXTERNAL_ID });

    // Assess
    expect(allowed).toBe(false);
  });

  it('returns true when a Deny names someone else', () => {
    // Prepare
    const document = trust(
      { Effect: 'Allow', Principal: { AWS: AUDITOR_ROLE }, Action: 'sts:AssumeRole' },
      { Effect: 'Deny', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'sts:AssumeRole' },
    );

    // Act
    const allowed = trustAllows(document, auditorSession, {});

    // Assess
    expect(allowed).toBe(true);
  });
});
