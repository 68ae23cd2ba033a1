import type { ManagedPolicyDetail, RoleDetail } from '../snapshot/types.js';

/** The demo account's id: AWS's documentation account, so nobody mistakes it for a real one. */
export const DEMO_ACCOUNT_ID = '111122223333';

const EU = 'eu-west-1';
const US = 'us-east-1';

/** A Kinesis Data Analytics v2 application ARN in the demo account. */
export function demoApplicationArn(region: string, name: string): string {
  return `arn:aws:kinesisanalytics:${region}:${DEMO_ACCOUNT_ID}:application/${name}`;
}

/** A KMS key ARN in the demo account. */
export function demoKeyArn(region: string, keyId: string): string {
  return `arn:aws:kms:${region}:${DEMO_ACCOUNT_ID}:key/${keyId}`;
}

/** Demo KMS key ids, named by what they show. */
export const DEMO_KEYS = {
  streams: '5e6f7a8b-1111-4222-8333-944455556666',
  pendingDeletion: '9a8b7c6d-2222-4333-8444-a55566667777',
  unreadable: '0badc0de-3333-4444-8555-b66677778888',
  awsKinesisEu: '7c1d2e3f-4444-4555-8666-c77788889999',
  awsKinesisUs: '8d2e3f40-5555-4666-8777-d8889999aaaa',
} as const;

type Statement = Record<string, unknown>;

// Confused-deputy protection as the Managed Service for Apache Flink guide recommends.
function trustedBy(applicationArn: string | undefined): Record<string, unknown> {
  const statement: Statement = {
    Effect: 'Allow',
    Principal: { Service: 'kinesisanalytics.amazonaws.com' },
    Action: 'sts:AssumeRole',
  };
  if (applicationArn) {
    statement.Condition = {
      StringEquals: { 'aws:SourceAccount': DEMO_ACCOUNT_ID },
      ArnEquals: { 'aws:SourceArn': applicationArn },
    };
  }
  return { Version: '2012-10-17', Statement: [statement] };
}

function streamArns(region: string, names: readonly string[]): string[] {
  return names.map((name) => `arn:aws:kinesis:${region}:${DEMO_ACCOUNT_ID}:stream/${name}`);
}

/** The statements a well-scoped Flink application role needs: its code, streams, key and logs. */
function scopedAccess(options: {
  region: string;
  application: string;
  codeObject: string;
  reads: readonly string[];
  writes?: readonly string[];
  keyIds?: readonly string[];
}): Statement[] {
  const { region, application } = options;
  const logGroup = `arn:aws:logs:${region}:${DEMO_ACCOUNT_ID}:log-group:/aws/kinesis-analytics/${application}`;
  const statements: Statement[] = [
    {
      Sid: 'ReadCode',
      Effect: 'Allow',
      Action: ['s3:GetObject', 's3:GetObjectVersion'],
      Resource: `arn:aws:s3:::${options.codeObject}`,
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
      Resource: streamArns(region, options.reads),
    },
  ];
  if (options.writes?.length) {
    statements.push({
      Sid: 'WriteSink',
      Effect: 'Allow',
      Action: ['kinesis:DescribeStream', 'kinesis:PutRecord', 'kinesis:PutRecords'],
      Resource: streamArns(region, options.writes),
    });
  }
  if (options.keyIds?.length) {
    statements.push({
      Sid: 'UseStreamKey',
      Effect: 'Allow',
      Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
      Resource: options.keyIds.map((id) => demoKeyArn(region, id)),
    });
  }
  // As AWS's own example policy for Managed Service for Apache Flink: list every stream of the
  // group, write only to the application's own.
  statements.push(
    {
      Sid: 'ListLogStreams',
      Effect: 'Allow',
      Action: 'logs:DescribeLogStreams',
      Resource: `${logGroup}:log-stream:*`,
    },
    {
      Sid: 'WriteLogs',
      Effect: 'Allow',
      Action: 'logs:PutLogEvents',
      Resource: `${logGroup}:log-stream:kinesis-analytics-log-stream`,
    },
  );
  return statements;
}

function role(
  name: string,
  roleId: string,
  trustPolicy: Record<string, unknown>,
  access: { inline?: Statement[]; managed?: { PolicyName: string; PolicyArn: string }[] },
): RoleDetail {
  return {
    Path: '/',
    RoleName: name,
    RoleId: roleId,
    Arn: `arn:aws:iam::${DEMO_ACCOUNT_ID}:role/${name}`,
    CreateDate: '2025-02-10T09:00:00Z',
    AssumeRolePolicyDocument: trustPolicy,
    RolePolicyList: access.inline
      ? [
          {
            PolicyName: `${name}-access`,
            PolicyDocument: { Version: '2012-10-17', Statement: access.inline },
          },
        ]
      : [],
    AttachedManagedPolicies: access.managed ?? [],
    RoleLastUsed: { LastUsedDate: '2026-11-28T23:58:00Z', Region: EU },
    Tags: [{ Key: 'team', Value: 'streaming' }],
  };
}

/** The demo account's IAM roles: one per application, except two applications sharing one. */
export const demoRoles: RoleDetail[] = [
  role(
    'demo-payments-aggregator-role',
    'AROADEMOPAYMENTSAGG01',
    trustedBy(demoApplicationArn(EU, 'payments-aggregator')),
    {
      inline: scopedAccess({
        region: EU,
        application: 'payments-aggregator',
        codeObject: 'acme-demo-artifacts/payments-aggregator/payments-aggregator-2.3.1.jar',
        reads: ['payments-raw'],
        writes: ['payments-totals'],
        keyIds: [DEMO_KEYS.streams],
      }),
    },
  ),
  role('demo-fraud-scorer-role', 'AROADEMOFRAUDSCORER01', trustedBy(demoApplicationArn(EU, 'fraud-scorer')), {
    managed: [
      { PolicyName: 'AdministratorAccess', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' },
    ],
  }),
  role(
    'demo-clickstream-sessionizer-role',
    'AROADEMOCLICKSESSION1',
    trustedBy(demoApplicationArn(EU, 'clickstream-sessionizer')),
    {
      inline: [
        ...scopedAccess({
          region: EU,
          application: 'clickstream-sessionizer',
          codeObject: 'acme-demo-artifacts/clickstream-sessionizer/*',
          reads: ['clickstream-raw'],
        }),
        {
          Sid: 'WriteLake',
          Effect: 'Allow',
          Action: ['firehose:PutRecord', 'firehose:PutRecordBatch'],
          Resource: `arn:aws:firehose:${EU}:${DEMO_ACCOUNT_ID}:deliverystream/clicks-to-lake`,
        },
      ],
    },
  ),
  role(
    'demo-inventory-snapshots-role',
    'AROADEMOINVENTORYSN01',
    trustedBy(demoApplicationArn(EU, 'inventory-snapshots')),
    {
      inline: scopedAccess({
        region: EU,
        application: 'inventory-snapshots',
        codeObject: 'acme-demo-inventory-code/inventory-snapshots/*',
        reads: ['inventory-changes'],
        keyIds: [DEMO_KEYS.pendingDeletion],
      }),
    },
  ),
  // Shared by orders-router (eu-west-1) and legacy-sql-alerts (us-east-1); trusts the service
  // without aws:SourceAccount / aws:SourceArn, so any application could be given it.
  role('demo-orders-shared-role', 'AROADEMOORDERSSHARED1', trustedBy(undefined), {
    inline: [
      ...scopedAccess({
        region: EU,
        application: 'orders-router',
        codeObject: 'acme-demo-artifacts/orders-router/*',
        reads: ['orders-in'],
        writes: ['orders-routed'],
      }),
      {
        Sid: 'LegacyAlertsStreams',
        Effect: 'Allow',
        Action: [
          'kinesis:DescribeStream',
          'kinesis:GetShardIterator',
          'kinesis:GetRecords',
          'kinesis:PutRecords',
        ],
        Resource: streamArns(US, ['alerts-in', 'alerts-out']),
      },
    ],
  }),
  role(
    'demo-partner-feed-loader-role',
    'AROADEMOPARTNERFEED01',
    trustedBy(demoApplicationArn(EU, 'partner-feed-loader')),
    {
      inline: scopedAccess({
        region: EU,
        application: 'partner-feed-loader',
        codeObject: 'acme-demo-artifacts/partner-feed-loader/*',
        reads: ['partner-feed'],
        keyIds: [DEMO_KEYS.unreadable],
      }),
    },
  ),
];

/** The managed policies the demo roles attach, with their default version document. */
export const demoPolicies: ManagedPolicyDetail[] = [
  {
    PolicyName: 'AdministratorAccess',
    PolicyId: 'ANPAIWMBCKSKIEE64ZLYK',
    Arn: 'arn:aws:iam::aws:policy/AdministratorAccess',
    Path: '/',
    DefaultVersionId: 'v1',
    AttachmentCount: 1,
    IsAttachable: true,
    PolicyVersionList: [
      {
        VersionId: 'v1',
        IsDefaultVersion: true,
        Document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
      },
    ],
  },
];
