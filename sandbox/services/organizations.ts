import { listedAccounts, mayListAccounts, organizationOf } from '../organization-membership.js';
import { paginate } from '../state.js';
import { AwsServiceError, type JsonService, type OperationContext } from '../types.js';
import { guard } from './lookups.js';

// ListAccounts' MaxResults maximum, and its page size when none is asked for.
const MAX_ACCOUNTS = 20;

/**
 * AWS Organizations, answered in the caller's account. An account belongs to an organisation when
 * its snapshot has an `organization` key (DescribeOrganization.Organization), or when the auditor's
 * has one and lists it (organization-membership.ts). ListAccounts answers the management account
 * and a delegated administrator (an account whose snapshot holds `organizationAccounts`) only.
 */
export const organizationsService: JsonService = {
  signingName: 'organizations',
  targetPrefixes: ['AWSOrganizationsV20161128'],
  operations: {
    DescribeOrganization(_input, context) {
      guard(context, 'organizations:DescribeOrganization', undefined);
      return { Organization: requiredOrganization(context) };
    },
    ListAccounts(input, context) {
      guard(context, 'organizations:ListAccounts', undefined);
      const organization = requiredOrganization(context);
      if (!mayListAccounts(context.state, organization)) {
        // AWS's words, for a member account that is no delegated administrator.
        throw new AwsServiceError(
          'AccessDeniedException',
          "You don't have permissions to access this resource.",
          403,
        );
      }
      const page = paginate(listedAccounts(context.state, organization), {
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

function requiredOrganization(context: OperationContext): Record<string, unknown> {
  const organization = organizationOf(context.state);
  if (!organization) {
    throw new AwsServiceError(
      'AWSOrganizationsNotInUseException',
      'Your account is not a member of an organization.',
    );
  }
  return organization;
}
