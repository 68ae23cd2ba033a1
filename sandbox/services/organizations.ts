import { paginate } from '../state.js';
import { AwsServiceError, type JsonService, type OperationContext } from '../types.js';
import { isJsonObject } from './json-input.js';
import { guard } from './lookups.js';

// ListAccounts' MaxResults maximum, and its page size when none is asked for.
const MAX_ACCOUNTS = 20;

/**
 * AWS Organizations. The account belongs to an organization only when the snapshot has an
 * `organization` key (DescribeOrganization.Organization); its members are the snapshot's
 * `organizationAccounts` (ListAccounts.Accounts entries), else the account alone.
 */
export const organizationsService: JsonService = {
  signingName: 'organizations',
  targetPrefixes: ['AWSOrganizationsV20161128'],
  operations: {
    DescribeOrganization(_input, context) {
      guard(context, 'organizations:DescribeOrganization', undefined);
      return { Organization: organizationOf(context) };
    },
    ListAccounts(input, context) {
      guard(context, 'organizations:ListAccounts', undefined);
      const organization = organizationOf(context);
      const listed = context.state.snapshot.organizationAccounts;
      const accounts = Array.isArray(listed) ? listed : [ownAccount(context, organization)];
      const page = paginate(accounts, {
        token: input.NextToken,
        limit: input.MaxResults,
        defaultLimit: MAX_ACCOUNTS,
        state: context.state,
        invalidTokenCode: 'InvalidInputException',
      });
      return { Accounts: page.items, ...(page.nextToken ? { NextToken: page.nextToken } : {}) };
    },
  },
};

function organizationOf(context: OperationContext): Record<string, unknown> {
  const organization = context.state.snapshot.organization;
  if (!isJsonObject(organization)) {
    throw new AwsServiceError(
      'AWSOrganizationsNotInUseException',
      'Your account is not a member of an organization.',
    );
  }
  return organization;
}

/** The snapshot's account as ListAccounts shows a member, when the snapshot lists none. */
function ownAccount(
  context: OperationContext,
  organization: Record<string, unknown>,
): Record<string, unknown> {
  const { partition, accountId } = context.state;
  const management =
    typeof organization.MasterAccountId === 'string' ? organization.MasterAccountId : accountId;
  const id = typeof organization.Id === 'string' ? organization.Id : undefined;
  return {
    Id: accountId,
    ...(id ? { Arn: `arn:${partition}:organizations::${management}:account/${id}/${accountId}` } : {}),
    Status: 'ACTIVE',
    State: 'ACTIVE',
    JoinedMethod: management === accountId ? 'CREATED' : 'INVITED',
  };
}
