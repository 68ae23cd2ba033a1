import { DEFAULT_MEMBER_ROLE_NAME } from '../../shared/aws/member-credentials.js';
import type { RoleDetail } from '../../shared/snapshot/types.js';

/** The member role of member-role.yaml, as deployed in one account. */
export interface MemberRoleOptions {
  partition: string;
  /** The member account the role lives in. */
  accountId: string;
  /** The template's RoleName parameter; `kda-auditor-member` by default. */
  roleName?: string;
  /** The template's AuditorRoleArn parameter: the role the scan function runs as. */
  auditorRoleArn: string;
  /** The template's ExternalId parameter. */
  externalId: string;
  /** The template's OrganizationId parameter (`o-…`). */
  organizationId: string;
  /** The role's RoleId (`AROA…`), unique per account. */
  roleId: string;
  /** When the role was created (ISO 8601). */
  createDate: string;
}

/** The name of the member role's inline read policy in member-role.yaml. */
export const MEMBER_READ_POLICY_NAME = 'kda-auditor-member-read';

const VERSION = '2012-10-17';

/**
 * The member role's read-only permissions, statement for statement as member-role.yaml grants
 * them, with the template's `${AWS::Partition}` and `${AWS::AccountId}` resolved. A test compares
 * the two, so the sandbox's member accounts grant what the StackSet deploys.
 */
export function memberReadPolicy(partition: string, accountId: string): Record<string, unknown> {
  const arn = (service: string, region: string, account: string, resource: string) =>
    `arn:${partition}:${service}:${region}:${account}:${resource}`;
  return {
    Version: VERSION,
    Statement: [
      {
        Sid: 'DiscoverAccount',
        Effect: 'Allow',
        Action: [
          'sts:GetCallerIdentity',
          'ec2:DescribeRegions',
          'kinesisanalytics:ListApplications',
          'iam:GetAccountAuthorizationDetails',
          's3:GetAccountPublicAccessBlock',
          'kms:ListAliases',
          'cloudtrail:DescribeTrails',
          'sts:GetAccessKeyInfo',
        ],
        Resource: '*',
      },
      {
        Sid: 'ReadApplications',
        Effect: 'Allow',
        Action: 'kinesisanalytics:DescribeApplication',
        Resource: arn('kinesisanalytics', '*', accountId, 'application/*'),
      },
      {
        Sid: 'ReadExecutionRoles',
        Effect: 'Allow',
        Action: ['iam:GetRole', 'iam:ListRolePolicies', 'iam:GetRolePolicy', 'iam:ListAttachedRolePolicies'],
        Resource: arn('iam', '', accountId, 'role/*'),
      },
      {
        Sid: 'ReadAccessKeys',
        Effect: 'Allow',
        Action: ['iam:GetAccessKeyLastUsed', 'iam:ListAccessKeys'],
        Resource: arn('iam', '', accountId, 'user/*'),
      },
      {
        Sid: 'ReadManagedPolicies',
        Effect: 'Allow',
        Action: ['iam:GetPolicy', 'iam:GetPolicyVersion'],
        Resource: arn('iam', '', '*', 'policy/*'),
      },
      {
        Sid: 'ReadStreams',
        Effect: 'Allow',
        Action: 'kinesis:DescribeStreamSummary',
        Resource: arn('kinesis', '*', accountId, 'stream/*'),
      },
      {
        Sid: 'ReadDeliveryStreams',
        Effect: 'Allow',
        Action: 'firehose:DescribeDeliveryStream',
        Resource: arn('firehose', '*', accountId, 'deliverystream/*'),
      },
      {
        Sid: 'ReadBuckets',
        Effect: 'Allow',
        Action: [
          's3:GetBucketLocation',
          's3:GetEncryptionConfiguration',
          's3:GetBucketPolicy',
          's3:GetBucketPublicAccessBlock',
          's3:GetBucketVersioning',
        ],
        Resource: `arn:${partition}:s3:::*`,
      },
      {
        Sid: 'ReadKeys',
        Effect: 'Allow',
        Action: ['kms:DescribeKey', 'kms:GetKeyRotationStatus'],
        Resource: arn('kms', '*', accountId, 'key/*'),
      },
      {
        Sid: 'ReadTrails',
        Effect: 'Allow',
        Action: ['cloudtrail:GetTrailStatus', 'cloudtrail:GetEventSelectors'],
        Resource: arn('cloudtrail', '*', '*', 'trail/*'),
      },
      {
        Sid: 'ReadLogGroups',
        Effect: 'Allow',
        Action: 'logs:DescribeLogGroups',
        Resource: arn('logs', '*', accountId, 'log-group:*'),
      },
      {
        Sid: 'ReadCodeArtifacts',
        Effect: 'Allow',
        Action: ['s3:GetObject', 's3:GetObjectVersion'],
        Resource: `arn:${partition}:s3:::*/*`,
        Condition: { StringEquals: { 's3:ResourceAccount': accountId } },
      },
      {
        Sid: 'DecryptCodeArtifacts',
        Effect: 'Allow',
        Action: 'kms:Decrypt',
        Resource: arn('kms', '*', accountId, 'key/*'),
        Condition: { StringLike: { 'kms:ViaService': 's3.*.amazonaws.com' } },
      },
    ],
  };
}

/** The member role's trust policy, as member-role.yaml writes it: the auditor's role, with the ExternalId, from the organisation. */
export function memberTrustPolicy(
  options: Pick<MemberRoleOptions, 'auditorRoleArn' | 'externalId' | 'organizationId'>,
): Record<string, unknown> {
  return {
    Version: VERSION,
    Statement: [
      {
        Sid: 'TrustAuditorOnly',
        Effect: 'Allow',
        Principal: { AWS: options.auditorRoleArn },
        Action: 'sts:AssumeRole',
        Condition: {
          StringEquals: {
            'sts:ExternalId': options.externalId,
            'aws:PrincipalOrgID': options.organizationId,
          },
        },
      },
    ],
  };
}

/** The member role as GetAccountAuthorizationDetails lists it once the StackSet deployed it to the account. */
export function memberRole(options: MemberRoleOptions): RoleDetail {
  const roleName = options.roleName ?? DEFAULT_MEMBER_ROLE_NAME;
  return {
    Path: '/',
    RoleName: roleName,
    RoleId: options.roleId,
    Arn: `arn:${options.partition}:iam::${options.accountId}:role/${roleName}`,
    CreateDate: options.createDate,
    AssumeRolePolicyDocument: memberTrustPolicy(options),
    Description: 'Read-only role kda-auditor assumes to audit Managed Service for Apache Flink applications.',
    MaxSessionDuration: 3600,
    RolePolicyList: [
      {
        PolicyName: MEMBER_READ_POLICY_NAME,
        PolicyDocument: memberReadPolicy(options.partition, options.accountId),
      },
    ],
    AttachedManagedPolicies: [],
    Tags: [],
  };
}
