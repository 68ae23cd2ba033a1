import type { ManagedPolicyDetail, RoleDetail } from '../../shared/snapshot/types.js';
import type { AccountArns } from './account-arns.js';
import { beforeGeneratedAt, momentBefore } from './generated-time.js';
import type { SeededRandom } from './random.js';

type Statement = Record<string, unknown>;

/** What one application's role must let it reach, as ARNs. */
export interface ApplicationAccess {
  applicationArn: string;
  region: string;
  /** The code objects, e.g. `arn:aws:s3:::bucket/app/*`. */
  codeObjects: string;
  reads: string[];
  writes: string[];
  deliveries: string[];
  /** Customer managed keys of the streams it reads and writes. */
  keys: string[];
}

/** How much an execution role allows: scoped to its applications, or one of the planted excesses. */
export type RoleGrant = 'scoped' | 'admin' | 'wildcard' | 'escalation';

const FLINK_SERVICE = 'kinesisanalytics.amazonaws.com';
const VERSION = '2012-10-17';
const ADMINISTRATOR_ACCESS = 'AdministratorAccess';

/**
 * The execution role of one or more applications. `guarded` trust names this account and every
 * sharer's ARN (confused-deputy protection); the access policy lists exactly the sharers' resources.
 */
export function executionRole(
  arns: AccountArns,
  random: SeededRandom,
  options: {
    name: string;
    team: string;
    accesses: readonly ApplicationAccess[];
    grant: RoleGrant;
    guarded: boolean;
  },
): RoleDetail {
  const { accesses, grant } = options;
  const sourceArns = accesses.map((access) => access.applicationArn);
  const trust: Statement = {
    Effect: 'Allow',
    Principal: { Service: FLINK_SERVICE },
    Action: 'sts:AssumeRole',
    ...(options.guarded
      ? {
          Condition: {
            StringEquals: { 'aws:SourceAccount': arns.accountId },
            ArnEquals: { 'aws:SourceArn': sourceArns.length === 1 ? sourceArns[0] : sourceArns },
          },
        }
      : {}),
  };
  const statements = grant === 'admin' ? [] : scopedStatements(accesses);
  if (grant === 'wildcard') {
    statements.push({ Sid: 'ManageStreams', Effect: 'Allow', Action: 'kinesis:*', Resource: '*' });
  } else if (grant === 'escalation') {
    statements.push({ Sid: 'LaunchJobs', Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' });
  }
  const attached =
    grant === 'admin'
      ? [{ PolicyName: ADMINISTRATOR_ACCESS, PolicyArn: arns.awsPolicy(ADMINISTRATOR_ACCESS) }]
      : [
          {
            PolicyName: loggingPolicyName(options.team),
            PolicyArn: arns.policy(loggingPolicyName(options.team)),
          },
        ];
  return role(arns, random, options.name, options.team, accesses[0]?.region, {
    trust,
    inline: statements,
    attached,
  });
}

/** Read code, read sources, write sinks, use keys: each statement naming every sharer's resources. */
function scopedStatements(accesses: readonly ApplicationAccess[]): Statement[] {
  const all = (pick: (access: ApplicationAccess) => string | string[]) => [
    ...new Set(accesses.flatMap(pick)),
  ];
  const statements: Statement[] = [
    {
      Sid: 'ReadCode',
      Effect: 'Allow',
      Action: ['s3:GetObject', 's3:GetObjectVersion'],
      Resource: all((access) => access.codeObjects),
    },
    {
      Sid: 'ReadSource',
      Effect: 'Allow',
      Action: [
        'kinesis:DescribeStream',
        'kinesis:GetShardIterator',
        'kinesis:GetRecords',
        'kinesis:ListShards',
      ],
      Resource: all((access) => access.reads),
    },
  ];
  const writes = all((access) => access.writes);
  if (writes.length > 0) {
    statements.push({
      Sid: 'WriteSink',
      Effect: 'Allow',
      Action: ['kinesis:DescribeStream', 'kinesis:PutRecord', 'kinesis:PutRecords'],
      Resource: writes,
    });
  }
  const deliveries = all((access) => access.deliveries);
  if (deliveries.length > 0) {
    statements.push({
      Sid: 'WriteDeliveryStream',
      Effect: 'Allow',
      Action: ['firehose:PutRecord', 'firehose:PutRecordBatch'],
      Resource: deliveries,
    });
  }
  const keys = all((access) => access.keys);
  if (keys.length > 0) {
    statements.push({
      Sid: 'UseStreamKeys',
      Effect: 'Allow',
      Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
      Resource: keys,
    });
  }
  return statements;
}

/** The role Firehose assumes to write a team's delivery streams into its lake buckets. */
export function deliveryRole(
  arns: AccountArns,
  random: SeededRandom,
  options: { team: string; buckets: readonly string[]; keys: readonly string[]; region: string },
): RoleDetail {
  return role(arns, random, `${options.team}-firehose-delivery-role`, options.team, options.region, {
    trust: {
      Effect: 'Allow',
      Principal: { Service: 'firehose.amazonaws.com' },
      Action: 'sts:AssumeRole',
      Condition: { StringEquals: { 'sts:ExternalId': arns.accountId } },
    },
    inline: [
      {
        Sid: 'WriteLake',
        Effect: 'Allow',
        Action: ['s3:AbortMultipartUpload', 's3:GetBucketLocation', 's3:ListBucket', 's3:PutObject'],
        Resource: options.buckets.flatMap((name) => [arns.bucket(name), `${arns.bucket(name)}/*`]),
      },
      {
        Sid: 'EncryptObjects',
        Effect: 'Allow',
        Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
        Resource: [...options.keys],
      },
    ],
    attached: [],
  });
}

function role(
  arns: AccountArns,
  random: SeededRandom,
  name: string,
  team: string,
  lastUsedRegion: string | undefined,
  policies: { trust: Statement; inline: Statement[]; attached: { PolicyName: string; PolicyArn: string }[] },
): RoleDetail {
  return {
    Path: '/',
    RoleName: name,
    RoleId: `AROA${random.characters(ROLE_ID_ALPHABET, 17)}`,
    Arn: arns.role(name),
    CreateDate: momentBefore(random, 60, 1400),
    AssumeRolePolicyDocument: { Version: VERSION, Statement: [policies.trust] },
    InstanceProfileList: [],
    RolePolicyList:
      policies.inline.length > 0
        ? [{ PolicyName: `${name}-access`, PolicyDocument: { Version: VERSION, Statement: policies.inline } }]
        : [],
    AttachedManagedPolicies: policies.attached,
    RoleLastUsed: lastUsedRegion
      ? { LastUsedDate: beforeGeneratedAt(0, random.between(1, 240)), Region: lastUsedRegion }
      : {},
    Tags: [{ Key: 'team', Value: team }],
  };
}

const ROLE_ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function loggingPolicyName(team: string): string {
  return `${team}-flink-logging`;
}

/** A team's customer managed policy letting its applications write their own log groups. */
export function teamLoggingPolicy(
  arns: AccountArns,
  random: SeededRandom,
  team: string,
): ManagedPolicyDetail {
  const name = loggingPolicyName(team);
  return managedPolicy(arns.policy(name), name, `ANPA${random.characters(ROLE_ID_ALPHABET, 17)}`, {
    Version: VERSION,
    Statement: [
      {
        Sid: 'WriteApplicationLogs',
        Effect: 'Allow',
        Action: ['logs:DescribeLogGroups', 'logs:DescribeLogStreams', 'logs:PutLogEvents'],
        Resource: `arn:${arns.partition}:logs:*:${arns.accountId}:log-group:/aws/kinesis-analytics/${team}-*`,
      },
    ],
  });
}

/** The AWS managed AdministratorAccess policy, as GetAccountAuthorizationDetails lists it. */
export function administratorAccessPolicy(arns: AccountArns): ManagedPolicyDetail {
  return managedPolicy(arns.awsPolicy(ADMINISTRATOR_ACCESS), ADMINISTRATOR_ACCESS, 'ANPAIWMBCKSKIEE64ZLYK', {
    Version: VERSION,
    Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
  });
}

function managedPolicy(
  arn: string,
  name: string,
  id: string,
  document: Record<string, unknown>,
): ManagedPolicyDetail {
  return {
    PolicyName: name,
    PolicyId: id,
    Arn: arn,
    Path: '/',
    DefaultVersionId: 'v1',
    IsAttachable: true,
    PolicyVersionList: [{ VersionId: 'v1', IsDefaultVersion: true, Document: document }],
  };
}
