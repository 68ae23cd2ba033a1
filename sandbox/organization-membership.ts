import { isJsonObject } from './services/json-input.js';
import type { SandboxState } from './state.js';

/**
 * The organisation an account belongs to, as DescribeOrganization answers it there: the account's
 * own snapshot `organization` when it has one, else the auditor's organisation for the auditor,
 * and for every other account served unless the auditor's `organizationAccounts` leaves it out.
 */
export function organizationOf(state: SandboxState): Record<string, unknown> | undefined {
  const own = state.snapshot.organization;
  if (isJsonObject(own)) return own;
  const { auditor } = state;
  const shared = auditor.snapshot.organization;
  if (state === auditor || !isJsonObject(shared)) return undefined;
  const listed = auditor.snapshot.organizationAccounts;
  if (!Array.isArray(listed)) return shared;
  return listed.some((account) => isJsonObject(account) && account.Id === state.accountId)
    ? shared
    : undefined;
}

/** The organisation id (`o-…`) of an account the sandbox serves: `aws:PrincipalOrgID` of its principals. */
export function organizationIdOf(state: SandboxState): string | undefined {
  const id = organizationOf(state)?.Id;
  return typeof id === 'string' ? id : undefined;
}

/**
 * Whether ListAccounts answers this account, as AWS allows it: the organisation's management
 * account, or an account whose snapshot holds `organizationAccounts` (it listed them, so it is a
 * delegated administrator). Members get AccessDeniedException.
 */
export function mayListAccounts(state: SandboxState, organization: Record<string, unknown>): boolean {
  return (
    organization.MasterAccountId === state.accountId || Array.isArray(state.snapshot.organizationAccounts)
  );
}

/** The accounts ListAccounts lists: the snapshot's `organizationAccounts`, else its own account alone. */
export function listedAccounts(state: SandboxState, organization: Record<string, unknown>): unknown[] {
  const listed = state.snapshot.organizationAccounts;
  return Array.isArray(listed) ? listed : [ownAccount(state, organization)];
}

/** The account as ListAccounts shows a member, when the snapshot lists none. */
function ownAccount(state: SandboxState, organization: Record<string, unknown>): Record<string, unknown> {
  const { partition, accountId } = state;
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
