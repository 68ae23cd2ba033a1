/** Where a grant must apply to escalate: on every resource, or on any resource at all. */
export type EscalationScope = 'every-resource' | 'any-resource';

/** One way an identity turns a grant into more privileges. */
export interface PrivilegeEscalation {
  /** How findings name it. */
  name: string;
  /** The actions, any of which opens the path. */
  actions: readonly string[];
  scope: EscalationScope;
  /** One sentence on how it escalates. */
  how: string;
}

/**
 * The catalog of privilege escalations: IAM ones escalate on whatever resource they name (the role
 * itself is enough); PassRole and AssumeRole need a wildcard resource to reach a stronger role.
 */
export const PRIVILEGE_ESCALATIONS: readonly PrivilegeEscalation[] = [
  {
    name: 'iam:PassRole on *',
    actions: ['iam:PassRole'],
    scope: 'every-resource',
    how: 'hands any role of the account, however privileged, to a compute service it controls',
  },
  {
    name: 'iam:Put*Policy',
    actions: ['iam:PutUserPolicy', 'iam:PutGroupPolicy', 'iam:PutRolePolicy'],
    scope: 'any-resource',
    how: 'writes an inline policy granting itself (or a user, group or role it uses) any permission',
  },
  {
    name: 'iam:Attach*Policy',
    actions: ['iam:AttachUserPolicy', 'iam:AttachGroupPolicy', 'iam:AttachRolePolicy'],
    scope: 'any-resource',
    how: 'attaches a managed policy such as AdministratorAccess to itself or another identity',
  },
  {
    name: 'iam:CreatePolicyVersion',
    actions: ['iam:CreatePolicyVersion'],
    scope: 'any-resource',
    how: 'rewrites a managed policy (possibly its own) and makes the broader version the default',
  },
  {
    name: 'iam:SetDefaultPolicyVersion',
    actions: ['iam:SetDefaultPolicyVersion'],
    scope: 'any-resource',
    how: 'switches a managed policy back to an older, broader version',
  },
  {
    name: 'iam:UpdateAssumeRolePolicy',
    actions: ['iam:UpdateAssumeRolePolicy'],
    scope: 'any-resource',
    how: 'rewrites the trust policy of a more privileged role so that it (or anyone) can assume it',
  },
  {
    name: 'iam:CreateAccessKey',
    actions: ['iam:CreateAccessKey'],
    scope: 'any-resource',
    how: 'creates long-term access keys for another IAM user and acts as that user',
  },
  {
    name: 'sts:AssumeRole on *',
    actions: ['sts:AssumeRole'],
    scope: 'every-resource',
    how: 'assumes any role whose trust policy trusts this account',
  },
];
