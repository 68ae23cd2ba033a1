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
      return {
        name,
        source: 'managed',
        arn: entry.PolicyArn,
        problem: `the document of managed policy ${entry.PolicyArn} is not in the snapshot`,
      };
    }
    return { name, source: 'managed', arn: entry.PolicyArn, ...tryParse(document) };
  });
  return [...inline, ...attached];
}

function tryParse(raw: Parameters<typeof parsePolicyDocument>[0]): Pick<RolePolicy, 'document' | 'problem'> {
  try {
    return { document: parsePolicyDocument(raw) };
  } catch (error) {
    if (error instanceof PolicyDocumentError) return { problem: error.message };
    throw error;
  }
}
