import type { AccountSnapshot, RoleDetail } from '../../shared/snapshot/types.js';
import { beforeGeneratedAt, GENERATED_AT } from './generated-time.js';

/** The role the scan function runs as in the auditor's account. */
export const AUDITOR_ROLE_NAME = 'kda-auditor-scan';

/** The organisation a generated auditor account manages, and where its reports go. */
export interface AuditorAccountPlan {
  partition: string;
  accountId: string;
  organizationId: string;
  /** Every member account id, in order. */
  memberAccountIds: readonly string[];
  /** The member role the auditor's role may assume in each member account. */
  memberRoleName: string;
  /** Where the report bucket and the alert topic live. */
  region: string;
}

/** What the generated auditor account holds, with the names a test or the org flow needs. */
export interface GeneratedAuditor {
  snapshot: AccountSnapshot;
  auditorRoleArn: string;
  reportBucket: string;
  topicArn: string;
}

/**
 * The auditor's (management) account: the organisation and its account list, the scan role
 * (`kda-auditor-scan`, trusted by Lambda and by the account itself, so the sandbox's own user can
 * act as the scan function), a report bucket and an alert topic. It holds no application.
 */
export function auditorAccount(plan: AuditorAccountPlan): GeneratedAuditor {
  const { partition, accountId, organizationId, region } = plan;
  const organizationArn = (resource: string) => `arn:${partition}:organizations::${accountId}:${resource}`;
  const auditorRoleArn = `arn:${partition}:iam::${accountId}:role/${AUDITOR_ROLE_NAME}`;
  const reportBucket = `kda-auditor-reports-${accountId}`;
  const topicArn = `arn:${partition}:sns:${region}:${accountId}:kda-auditor-alerts`;
  const listed = (id: string, index: number) => ({
    Id: id,
    Arn: organizationArn(`account/${organizationId}/${id}`),
    Email: index === 0 ? 'aws-management@example.com' : `aws-member-${index}@example.com`,
    Name: index === 0 ? 'management' : `member-${String(index).padStart(2, '0')}`,
    Status: 'ACTIVE',
    State: 'ACTIVE',
    JoinedMethod: index === 0 ? 'CREATED' : 'INVITED',
    JoinedTimestamp: beforeGeneratedAt(900 - index),
  });
  const snapshot: AccountSnapshot = {
    snapshotVersion: 1,
    accountId,
    partition,
    collectedAt: GENERATED_AT,
    organization: {
      Id: organizationId,
      Arn: organizationArn(`organization/${organizationId}`),
      FeatureSet: 'ALL',
      MasterAccountArn: organizationArn(`account/${organizationId}/${accountId}`),
      MasterAccountId: accountId,
      MasterAccountEmail: 'aws-management@example.com',
    },
    organizationAccounts: [accountId, ...plan.memberAccountIds].map(listed),
    iam: { roles: [scanRole(plan, auditorRoleArn, reportBucket, topicArn)] },
    s3: {
      buckets: [
        {
          Name: reportBucket,
          Region: region,
          CreationDate: beforeGeneratedAt(400),
          ServerSideEncryptionConfiguration: {
            Rules: [
              { ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' }, BucketKeyEnabled: false },
            ],
          },
          PublicAccessBlockConfiguration: {
            BlockPublicAcls: true,
            IgnorePublicAcls: true,
            BlockPublicPolicy: true,
            RestrictPublicBuckets: true,
          },
          Objects: [],
        },
      ],
    },
    sns: { topics: [{ TopicArn: topicArn, Attributes: { DisplayName: 'kda-auditor' } }] },
    regions: {},
  };
  return { snapshot, auditorRoleArn, reportBucket, topicArn };
}

function scanRole(plan: AuditorAccountPlan, arn: string, reportBucket: string, topicArn: string): RoleDetail {
  const { partition, accountId } = plan;
  return {
    Path: '/',
    RoleName: AUDITOR_ROLE_NAME,
    RoleId: 'AROAKDAAUDITORSCAN01',
    Arn: arn,
    CreateDate: beforeGeneratedAt(400),
    MaxSessionDuration: 3600,
    AssumeRolePolicyDocument: {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'ScanFunction',
          Effect: 'Allow',
          Principal: { Service: 'lambda.amazonaws.com' },
          Action: 'sts:AssumeRole',
        },
        // The sandbox's own user stands for the scan function in tests and demos.
        {
          Sid: 'AccountOperators',
          Effect: 'Allow',
          Principal: { AWS: `arn:${partition}:iam::${accountId}:root` },
          Action: 'sts:AssumeRole',
        },
      ],
    },
    RolePolicyList: [
      {
        PolicyName: 'kda-auditor-scan-organization',
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'AssumeMemberRoles',
              Effect: 'Allow',
              Action: 'sts:AssumeRole',
              Resource: `arn:${partition}:iam::*:role/${plan.memberRoleName}`,
            },
            {
              Sid: 'ListAccounts',
              Effect: 'Allow',
              Action: ['organizations:ListAccounts', 'organizations:DescribeOrganization'],
              Resource: '*',
            },
            {
              Sid: 'WriteReports',
              Effect: 'Allow',
              Action: ['s3:GetObject', 's3:PutObject'],
              Resource: `arn:${partition}:s3:::${reportBucket}/*`,
            },
            { Sid: 'Alert', Effect: 'Allow', Action: 'sns:Publish', Resource: topicArn },
          ],
        },
      },
    ],
    AttachedManagedPolicies: [],
    Tags: [],
  };
}
