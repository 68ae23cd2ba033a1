import { PolicyDocumentError } from '../errors.js';
import type { ResourceLookup } from '../snapshot/resource-lookup.js';
import type { CollectionError, ManagedPolicyDetail, RoleDetail } from '../snapshot/types.js';
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
  /** The failed read behind `problem`; absent when the document was read but not parsed, or never read. */
  error?: CollectionError;
  /** The document was read but is not a policy IAM's grammar parses: fixing it, not a read, helps. */
  unparseable?: true;
}

/** One version of a managed policy, as GetAccountAuthorizationDetails lists it. */
export type PolicyVersion = NonNullable<ManagedPolicyDetail['PolicyVersionList']>[number];

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

/** Policy reads (recorded against the managed policy) whose failure leaves its document unknown. */
const MANAGED_POLICY_READS = ['iam:GetPolicy', 'iam:GetPolicyVersion'];

/**
 * Every identity policy of a role: its inline policies and the default version of each attached one.
 * Read once per role from a finished snapshot (see ResourceLookup.derive); the list is shared: do
 * not change it.
 */
export function rolePolicies(index: ResourceLookup, role: RoleDetail): readonly RolePolicy[] {
  return index.derive(readRolePolicies, role);
}

/**
 * The parsed document of a managed policy version, or why it cannot be parsed. Parsed once per
 * finished snapshot: a managed policy is attached to many roles.
 */
export function parsedPolicyVersion(
  index: ResourceLookup,
  version: PolicyVersion,
): Pick<RolePolicy, 'document' | 'problem' | 'unparseable'> {
  return index.derive(parseVersion, version);
}

function parseVersion(
  _index: ResourceLookup,
  version: PolicyVersion,
): Pick<RolePolicy, 'document' | 'problem' | 'unparseable'> {
  return version.Document === undefined ? {} : tryParse(version.Document);
}

function readRolePolicies(index: ResourceLookup, role: RoleDetail): RolePolicy[] {
  const inline = (role.RolePolicyList ?? []).map((entry): RolePolicy => {
    const parsed = tryParse(entry.PolicyDocument);
    return { name: entry.PolicyName, source: 'inline', ...parsed };
  });
  const attached = (role.AttachedManagedPolicies ?? []).map((entry): RolePolicy => {
    const name = entry.PolicyName ?? entry.PolicyArn.split('/').pop() ?? entry.PolicyArn;
    const policy = index.managedPolicy(entry.PolicyArn);
    const version = policy ? defaultPolicyVersion(policy) : undefined;
    if (version?.Document === undefined) {
      const failed = index.unreadable(entry.PolicyArn, MANAGED_POLICY_READS)[0];
      return {
        name,
        source: 'managed',
        arn: entry.PolicyArn,
        ...(failed
          ? { problem: `${failed.operation} failed with ${failed.code} on ${entry.PolicyArn}`, error: failed }
          : { problem: `the document of managed policy ${entry.PolicyArn} is not in the snapshot` }),
      };
    }
    return { name, source: 'managed', arn: entry.PolicyArn, ...parsedPolicyVersion(index, version) };
  });
  return [...inline, ...unreadPolicyLists(index, role), ...attached];
}

// One placeholder per failed read: it has no document, so it grants nothing and makes every
// least-privilege verdict that found nothing in the readable policies an ERROR, never a PASS.
function unreadPolicyLists(index: ResourceLookup, role: RoleDetail): RolePolicy[] {
  return (['inline', 'managed'] as const).flatMap((source) =>
    index.unreadable(role.Arn, POLICY_LIST_READS[source]).map(
      (error): RolePolicy => ({
        name: '*',
        source,
        problem: `${error.operation} failed with ${error.code} on ${role.Arn}`,
        error,
      }),
    ),
  );
}

function tryParse(
  raw: Parameters<typeof parsePolicyDocument>[0],
): Pick<RolePolicy, 'document' | 'problem' | 'unparseable'> {
  try {
    return { document: parsePolicyDocument(raw) };
  } catch (error) {
    if (error instanceof PolicyDocumentError) return { problem: error.message, unparseable: true };
    throw error;
  }
}
