import { PolicyDocumentError } from '../errors.js';
import type { AccountIndex } from '../snapshot/account-index.js';
import type { ManagedPolicyDetail, RoleDetail } from '../snapshot/types.js';
import { type PolicyDocument, parsePolicyDocument } from './document.js';

/** One identity policy in force on a role, or the reason it could not be read. */
export interface RolePolicy {
  name: string;
  source: 'inline' | 'managed';
  /** The managed policy's ARN; absent for inline policies. */
  arn?: string;
  document?: PolicyDocument;
  /** Why the document is unknown (not collected, not parseable); the policy then decides nothing. */
  problem?: string;
}

/** The default version's document of a managed policy, if the snapshot holds it. */
export function defaultPolicyVersion(policy: ManagedPolicyDetail) {
  const versions = policy.PolicyVersionList ?? [];
  return (
    versions.find((version) => version.IsDefaultVersion === true) ??
    versions.find(
      (version) => version.VersionId !== undefined && version.VersionId === policy.DefaultVersionId,
    )
  );
}

/**
 * Role reads (recorded against the role) whose failure leaves its list of policies incomplete: a
 * role read call by call keeps only what answered, so the rest must count as unread, not absent.
 */
const POLICY_LIST_READS = {
  inline: ['iam:ListRolePolicies', 'iam:GetRolePolicy'],
  managed: ['iam:ListAttachedRolePolicies'],
} as const;

/** Every identity policy of a role: its inline policies and the default version of each attached one. */
export function rolePolicies(index: AccountIndex, role: RoleDetail): RolePolicy[] {
  const inline = (role.RolePolicyList ?? []).map((entry): RolePolicy => {
    const parsed = tryParse(entry.PolicyDocument);
    return { name: entry.PolicyName, source: 'inline', ...parsed };
  });
  const attached = (role.AttachedManagedPolicies ?? []).map((entry): RolePolicy => {
    const name = entry.PolicyName ?? entry.PolicyArn.split('/').pop() ?? entry.PolicyArn;
    const policy = index.managedPolicy(entry.PolicyArn);
    const document = policy ? defaultPolicyVersion(policy)?.Document : undefined;
    if (document === undefined) {
      const failed = index.unreadable(entry.PolicyArn, ['iam:GetPolicy', 'iam:GetPolicyVersion'])[0];
      return {
        name,
        source: 'managed',
        arn: entry.PolicyArn,
        problem: failed
          ? `${failed.operation} failed with ${failed.code} on ${entry.PolicyArn}`
          : `the document of managed policy ${entry.PolicyArn} is not in the snapshot`,
      };
    }
    return { name, source: 'managed', arn: entry.PolicyArn, ...tryParse(document) };
  });
  return [...inline, ...unreadPolicyLists(index, role), ...attached];
}

// One placeholder per failed read: it has no document, so it grants nothing and makes every
// least-privilege verdict that found nothing in the readable policies an ERROR, never a PASS.
function unreadPolicyLists(index: AccountIndex, role: RoleDetail): RolePolicy[] {
  return (['inline', 'managed'] as const).flatMap((source) =>
    index.unreadable(role.Arn, POLICY_LIST_READS[source]).map(
      (error): RolePolicy => ({
        name: '*',
        source,
        problem: `${error.operation} failed with ${error.code} on ${role.Arn}`,
      }),
    ),
  );
}

function tryParse(raw: Parameters<typeof parsePolicyDocument>[0]): Pick<RolePolicy, 'document' | 'problem'> {
  try {
    return { document: parsePolicyDocument(raw) };
  } catch (error) {
    if (error instanceof PolicyDocumentError) return { problem: error.message };
    throw error;
  }
}
