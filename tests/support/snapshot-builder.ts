/**
 * Small builders for account snapshot fixtures: each returns the AWS shape with sensible defaults,
 * so a test states only what its outcome depends on.
 */
import type { CheckContext } from '../../shared/checks/types.js';
import { dependencyGraph } from '../../shared/graph/dependency-graph.js';
import { AccountIndex } from '../../shared/snapshot/account-index.js';
import type {
  AccountSnapshot,
  ApplicationDetail,
  BucketDetail,
  CollectionError,
  ManagedPolicyDetail,
  RawPolicyDocument,
  RegionSnapshot,
  RoleDetail,
} from '../../shared/snapshot/types.js';

/** The account every fixture lives in unless told otherwise. */
export const ACCOUNT_ID = '111122223333';
/** The region every fixture lives in unless told otherwise. */
export const REGION = 'eu-west-1';
/** Another account, for cross-account fixtures. */
export const OTHER_ACCOUNT_ID = '444455556666';

/** The ARN of a role in the fixture account. */
export const roleArn = (name: string, accountId = ACCOUNT_ID): string =>
  `arn:aws:iam::${accountId}:role/${name}`;

/** The ARN of an application in the fixture account and region. */
export const applicationArn = (name: string, region = REGION, accountId = ACCOUNT_ID): string =>
  `arn:aws:kinesisanalytics:${region}:${accountId}:application/${name}`;

/** The ARN of a customer-managed policy in the fixture account. */
export const policyArn = (name: string): string => `arn:aws:iam::${ACCOUNT_ID}:policy/${name}`;

/** A policy statement as written in IAM JSON. */
export type StatementJson = Record<string, unknown>;

/** A policy document holding the given statements. */
export function policyDocument(...statements: StatementJson[]): Record<string, unknown> {
  return { Version: '2012-10-17', Statement: statements };
}

/** An Allow statement; `extra` adds Sid, Condition, NotAction… */
export function allow(
  action: string | string[],
  resource: string | string[] = '*',
  extra: StatementJson = {},
): StatementJson {
  return { Effect: 'Allow', Action: action, Resource: resource, ...extra };
}

/** A Deny statement; `extra` adds Sid, Condition, NotAction… */
export function deny(
  action: string | string[],
  resource: string | string[] = '*',
  extra: StatementJson = {},
): StatementJson {
  return { Effect: 'Deny', Action: action, Resource: resource, ...extra };
}

/** A trust statement letting a principal assume the role; `extra` adds Condition, Sid… */
export function trust(principal: StatementJson | '*', extra: StatementJson = {}): StatementJson {
  return { Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole', ...extra };
}

/**
 * The trust policy AWS recommends for an application's role: the Managed Service for Apache Flink
 * principal, limited to this account and application.
 */
export function serviceTrustPolicy(applicationName = 'orders-enricher'): Record<string, unknown> {
  return policyDocument(
    trust(
      { Service: 'kinesisanalytics.amazonaws.com' },
      {
        Condition: {
          StringEquals: { 'aws:SourceAccount': ACCOUNT_ID },
          ArnEquals: { 'aws:SourceArn': applicationArn(applicationName) },
        },
      },
    ),
  );
}

/** What a role fixture may set; everything else gets a default. */
export interface RoleOptions {
  name?: string;
  arn?: string;
  trustPolicy?: RawPolicyDocument;
  /** Inline policies by name. */
  inline?: Record<string, RawPolicyDocument>;
  /** ARNs of attached managed policies. */
  attached?: string[];
  /** ARN of the permissions boundary. */
  boundary?: string;
  extra?: Partial<RoleDetail>;
}

/** A GetAccountAuthorizationDetails RoleDetailList entry. */
export function role(options: RoleOptions = {}): RoleDetail {
  const name = options.name ?? 'orders-enricher-role';
  return {
    RoleName: name,
    RoleId: `AROA${name
      .toUpperCase()
      .replace(/[^A-Z0-9]/g, '')
      .slice(0, 17)}`,
    Arn: options.arn ?? roleArn(name),
    Path: '/',
    AssumeRolePolicyDocument: options.trustPolicy ?? serviceTrustPolicy(),
    RolePolicyList: Object.entries(options.inline ?? {}).map(([PolicyName, PolicyDocument]) => ({
      PolicyName,
      PolicyDocument,
    })),
    AttachedManagedPolicies: (options.attached ?? []).map((arn) => ({
      PolicyName: arn.split('/').pop() ?? arn,
      PolicyArn: arn,
    })),
    ...(options.boundary
      ? {
          PermissionsBoundary: {
            PermissionsBoundaryType: 'Policy',
            PermissionsBoundaryArn: options.boundary,
          },
        }
      : {}),
    Tags: [],
    ...options.extra,
  };
}

/** A GetAccountAuthorizationDetails Policies entry whose default version holds `document`. */
export function managedPolicy(arn: string, document: RawPolicyDocument): ManagedPolicyDetail {
  return {
    PolicyName: arn.split('/').pop() ?? arn,
    Arn: arn,
    DefaultVersionId: 'v1',
    PolicyVersionList: [{ VersionId: 'v1', IsDefaultVersion: true, Document: document }],
  };
}

/** What an application fixture may set; everything else gets a default. */
export interface ApplicationOptions {
  name?: string;
  region?: string;
  /** The execution role ARN; `null` leaves ServiceExecutionRole unset. */
  role?: string | null;
  /** Runtime property groups by group id. */
  properties?: Record<string, Record<string, string>>;
  extra?: Partial<ApplicationDetail>;
}

/** A DescribeApplication ApplicationDetail of a running Flink application. */
export function application(options: ApplicationOptions = {}): ApplicationDetail {
  const name = options.name ?? 'orders-enricher';
  const region = options.region ?? REGION;
  const executionRole = options.role === undefined ? roleArn(`${name}-role`) : options.role;
  const groups = Object.entries(options.properties ?? {}).map(([PropertyGroupId, PropertyMap]) => ({
    PropertyGroupId,
    PropertyMap,
  }));
  return {
    ApplicationARN: applicationArn(name, region),
    ApplicationName: name,
    RuntimeEnvironment: 'FLINK-1_20',
    ApplicationMode: 'STREAMING',
    ...(executionRole === null ? {} : { ServiceExecutionRole: executionRole }),
    ApplicationStatus: 'RUNNING',
    ApplicationVersionId: 1,
    ApplicationConfigurationDescription: {
      ...(groups.length > 0
        ? { EnvironmentPropertyDescriptions: { PropertyGroupDescriptions: groups } }
        : {}),
    },
    ...options.extra,
  };
}

/** What an account snapshot fixture may hold. */
export interface AccountSnapshotOptions {
  accountId?: string;
  partition?: string;
  roles?: RoleDetail[];
  policies?: ManagedPolicyDetail[];
  buckets?: BucketDetail[];
  /** Applications of the default region. */
  applications?: ApplicationDetail[];
  /** Further region content, merged over the default region's applications. */
  regions?: Record<string, RegionSnapshot>;
  collectionErrors?: CollectionError[];
}

/** An account snapshot (format version 1). */
export function accountSnapshot(options: AccountSnapshotOptions = {}): AccountSnapshot {
  const regions: Record<string, RegionSnapshot> = {
    [REGION]: { applications: options.applications ?? [] },
  };
  for (const [name, content] of Object.entries(options.regions ?? {})) {
    regions[name] = { ...regions[name], ...content };
  }
  return {
    snapshotVersion: 1,
    accountId: options.accountId ?? ACCOUNT_ID,
    ...(options.partition ? { partition: options.partition } : {}),
    iam: { roles: options.roles ?? [], policies: options.policies ?? [] },
    s3: { buckets: options.buckets ?? [] },
    regions,
    ...(options.collectionErrors ? { collectionErrors: options.collectionErrors } : {}),
  };
}

/**
 * The context a check sees for one application of a snapshot (the first one unless named),
 * built the way evaluateAccount builds it.
 */
export function checkContext(snapshot: AccountSnapshot, applicationName?: string): CheckContext {
  const index = new AccountIndex(snapshot);
  const found = index
    .applications()
    .find(
      ({ application }) => applicationName === undefined || application.ApplicationName === applicationName,
    );
  if (!found) throw new Error(`The fixture holds no application ${applicationName ?? ''}`.trim());
  const { region, application: detail } = found;
  return { index, region, application: detail, graph: dependencyGraph(index, region, detail) };
}

/** A snapshot with one application running as one role, plus whatever else is given. */
export function oneApplication(
  options: {
    role?: RoleDetail | null;
    policies?: ManagedPolicyDetail[];
    application?: ApplicationOptions;
    collectionErrors?: CollectionError[];
  } = {},
): AccountSnapshot {
  const executionRole = options.role === undefined ? role() : options.role;
  return accountSnapshot({
    roles: executionRole ? [executionRole] : [],
    policies: options.policies ?? [],
    applications: [
      application({ role: executionRole?.Arn ?? roleArn('orders-enricher-role'), ...options.application }),
    ],
    ...(options.collectionErrors ? { collectionErrors: options.collectionErrors } : {}),
  });
}

/** A collection error: `operation` failed, for `resource` when given, else service-wide. */
export function collectionError(
  operation: string,
  resource?: string,
  code = 'AccessDenied',
): CollectionError {
  return {
    operation,
    ...(resource ? { resource } : {}),
    code,
    message: `User is not authorized to perform: ${operation}`,
  };
}
