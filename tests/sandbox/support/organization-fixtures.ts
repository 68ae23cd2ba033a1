import { AssumeRoleCommand, type AssumeRoleCommandInput } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import {
  type GeneratedOrganization,
  generateOrganization,
} from '../../../sandbox/generator/generate-organization.js';
import type { Sandbox } from '../../../sandbox/server.js';
import { createClientFactory } from '../../../shared/aws/clients.js';
import { createOrganizationsClient } from '../../../shared/aws/organizations-client.js';
import type { AccountSnapshot, RoleDetail } from '../../../shared/snapshot/types.js';
import { credentials, REGION } from './json-wire.js';

/** The ExternalId every organisation fixture's member roles are deployed with. */
export const EXTERNAL_ID = 'sandbox-external-id-0001';
/** The organisation of a caller outside the generated one. */
export const OUTSIDER_ORGANIZATION_ID = 'o-outsider000';
export const OUTSIDER_ACCOUNT = '600000000000';
export const PARTNER_ACCOUNT = '500000000099';

/**
 * An organisation of three members (the last without the member role), plus a partner account of
 * the organisation whose `shared-reader` role trusts any principal of the organisation, and an
 * outsider account of another organisation whose `outsider-scan` role trusts the auditor account.
 */
export function organizationFixture(): GeneratedOrganization & {
  partner: AccountSnapshot;
  outsider: AccountSnapshot;
} {
  const organization = generateOrganization({
    seed: 7,
    accounts: 3,
    memberRoleMissing: 1,
    externalId: EXTERNAL_ID,
  });
  const partner = accountWithRole(
    PARTNER_ACCOUNT,
    trustedRole(PARTNER_ACCOUNT, 'shared-reader', {
      Effect: 'Allow',
      Principal: { AWS: '*' },
      Action: 'sts:AssumeRole',
      Condition: { StringEquals: { 'aws:PrincipalOrgID': organization.organizationId } },
    }),
  );
  const outsider = {
    ...accountWithRole(
      OUTSIDER_ACCOUNT,
      trustedRole(OUTSIDER_ACCOUNT, 'outsider-scan', {
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${organization.auditor.accountId}:root` },
        Action: 'sts:AssumeRole',
      }),
    ),
    organization: { Id: OUTSIDER_ORGANIZATION_ID, MasterAccountId: OUTSIDER_ACCOUNT },
  };
  return {
    ...organization,
    // The partner belongs to the organisation: the auditor lists it.
    auditor: {
      ...organization.auditor,
      organizationAccounts: [
        ...(Array.isArray(organization.auditor.organizationAccounts)
          ? organization.auditor.organizationAccounts
          : []),
        { Id: PARTNER_ACCOUNT, Name: 'partner', Status: 'ACTIVE', State: 'ACTIVE' },
      ],
    },
    partner,
    outsider,
  };
}

function accountWithRole(accountId: string, role: RoleDetail): AccountSnapshot {
  return { snapshotVersion: 1, accountId, iam: { roles: [role] } };
}

function trustedRole(accountId: string, name: string, statement: Record<string, unknown>): RoleDetail {
  return {
    RoleName: name,
    RoleId: `AROA${name.toUpperCase().replace(/[^A-Z]/g, '')}`,
    Arn: `arn:aws:iam::${accountId}:role/${name}`,
    Path: '/',
    AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [statement] },
  };
}

/** The sandbox's own static credentials: the auditor account's `sandbox` user. */
export const staticCredentials: AwsCredentialIdentity = credentials;

/** Client factory for the sandbox signed with these credentials, no retries. */
export function clientsAs(sandbox: Sandbox, identity: AwsCredentialIdentity | AwsCredentialIdentityProvider) {
  return createClientFactory({ endpoint: sandbox.endpoint, credentials: identity, maxAttempts: 1, env: {} });
}

/** An Organizations client on the sandbox, signing with the given identity; one attempt per call. */
export function organizationsAs(
  sandbox: Sandbox,
  identity: AwsCredentialIdentity | AwsCredentialIdentityProvider,
  region: string,
) {
  return createOrganizationsClient(region, {
    endpoint: sandbox.endpoint,
    credentials: identity,
    maxAttempts: 1,
    env: {},
  });
}

/** Assumes a role with the given credentials and returns the session's credentials. */
export async function assumeRole(
  sandbox: Sandbox,
  identity: AwsCredentialIdentity,
  input: Omit<AssumeRoleCommandInput, 'RoleSessionName'> & { RoleSessionName?: string },
): Promise<AwsCredentialIdentity> {
  const { Credentials } = await clientsAs(sandbox, identity)
    .sts(REGION)
    .send(new AssumeRoleCommand({ RoleSessionName: 'nightly', ...input }));
  return {
    accessKeyId: Credentials?.AccessKeyId ?? '',
    secretAccessKey: Credentials?.SecretAccessKey ?? '',
    sessionToken: Credentials?.SessionToken ?? '',
  };
}

/** The member role's ARN in an account. */
export function memberRoleArn(accountId: string): string {
  return `arn:aws:iam::${accountId}:role/kda-auditor-member`;
}
