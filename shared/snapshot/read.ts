import * as z from 'zod';
import { REGION_PATTERN as REGION_NAME } from '../arn.js';
import { SnapshotFormatError } from '../errors.js';
import type { ArtifactCredentialScan } from './artifact-scan.js';
import type { AccountSnapshot } from './types.js';

// Only what identifies each entry is required; everything else keeps AWS's shape and is read
// defensively by the checks, so a hand-assembled snapshot with extra or missing fields still works.
const policy = z.union([z.string(), z.record(z.string(), z.unknown())]);
const ACCOUNT_ID = /^\d{12}$/;
const ORGANIZATION_ID = /^o-[a-z0-9]{10,32}$/;
const named = <T extends z.ZodRawShape>(shape: T) => z.looseObject(shape);

// A code artifact: its content to scan, or the scan the collector made of it.
const credentialScan = named({
  ScannerVersion: z.number(),
  Entries: z.number(),
  TextsRead: z.number(),
  ClassesRead: z.number(),
  NestedArchives: z.number(),
  Findings: z.array(
    named({
      Origin: z.string(),
      Line: z.number().optional(),
      Kind: z.string(),
      MaskedValue: z.string(),
      Example: z.boolean(),
      AccessKeyId: z.string().optional(),
    }),
  ),
  Incomplete: z.string().optional(),
});
const bucketObject = named({
  Key: z.string(),
  VersionId: z.string().nullable().optional(),
  ContentBase64: z.base64('ContentBase64 must be base64').optional(),
  CredentialScan: credentialScan.optional(),
});

const snapshotSchema = z.looseObject({
  snapshotVersion: z.literal(1, { error: 'snapshotVersion must be 1 (the only version this tool reads)' }),
  accountId: z.string().regex(ACCOUNT_ID, 'accountId must be a 12-digit AWS account id'),
  partition: z.string().optional(),
  collectedAt: z.string().optional(),
  iam: z
    .looseObject({
      roles: z
        .array(
          named({
            RoleName: z.string(),
            Arn: z.string(),
            AssumeRolePolicyDocument: policy.optional(),
            RolePolicyList: z.array(named({ PolicyName: z.string(), PolicyDocument: policy })).optional(),
            AttachedManagedPolicies: z.array(named({ PolicyArn: z.string() })).optional(),
          }),
        )
        .optional(),
      policies: z
        .array(
          named({
            Arn: z.string(),
            PolicyVersionList: z.array(named({ Document: policy.optional() })).optional(),
          }),
        )
        .optional(),
      accessKeys: z
        .array(
          named({
            AccessKeyId: z.string(),
            Account: z.string().regex(ACCOUNT_ID, 'Account must be a 12-digit AWS account id').optional(),
            UserName: z.string().optional(),
            Status: z.string().optional(),
            CreateDate: z.string().optional(),
            AccessKeyLastUsed: named({
              LastUsedDate: z.string().optional(),
              ServiceName: z.string().optional(),
              Region: z.string().optional(),
            }).optional(),
          }),
        )
        .optional(),
    })
    .optional(),
  s3: z
    .looseObject({
      accountPublicAccessBlock: z.record(z.string(), z.unknown()).nullable().optional(),
      buckets: z
        .array(
          named({
            Name: z.string(),
            Policy: policy.nullable().optional(),
            Objects: z.array(bucketObject).optional(),
          }),
        )
        .optional(),
    })
    .optional(),
  regions: z
    .record(
      z.string(),
      z.looseObject({
        // RuntimeEnvironment too: the report prints it as it is.
        applications: z
          .array(
            named({
              ApplicationARN: z.string(),
              ApplicationName: z.string(),
              RuntimeEnvironment: z.string().optional(),
            }),
          )
          .optional(),
        streams: z.array(named({ StreamName: z.string(), StreamARN: z.string() })).optional(),
        deliveryStreams: z
          .array(named({ DeliveryStreamName: z.string(), DeliveryStreamARN: z.string() }))
          .optional(),
        trails: z.array(named({ Name: z.string(), TrailARN: z.string(), HomeRegion: z.string() })).optional(),
        // Aliases too: the account index keys every alias, before any check runs.
        keys: z
          .array(
            named({
              KeyMetadata: named({ KeyId: z.string(), Arn: z.string() }),
              Aliases: z.array(z.string()).optional(),
            }),
          )
          .optional(),
        logGroups: z.array(named({ logGroupName: z.string() })).optional(),
      }),
    )
    .superRefine((regions, context) => {
      for (const name of Object.keys(regions)) {
        if (!REGION_NAME.test(name)) {
          context.addIssue({ code: 'custom', path: [name], message: 'region names look like eu-west-1' });
        }
      }
    })
    .optional(),
  // Optional (docs/snapshot-format.md): DescribeOrganization.Organization and ListAccounts.Accounts.
  organization: named({
    Id: z.string().regex(ORGANIZATION_ID, 'Id must be an organisation id such as o-a1b2c3d4e5'),
    MasterAccountId: z
      .string()
      .regex(ACCOUNT_ID, 'MasterAccountId must be a 12-digit AWS account id')
      .optional(),
  }).optional(),
  organizationAccounts: z
    .array(named({ Id: z.string().regex(ACCOUNT_ID, 'Id must be a 12-digit AWS account id') }))
    .optional(),
  collectionErrors: z
    .array(
      named({
        operation: z.string(),
        resource: z.string().optional(),
        region: z.string().optional(),
        code: z.string(),
        message: z.string(),
      }),
    )
    .optional(),
});

/**
 * A code artifact's scan result read from outside (a cache entry), checked like a snapshot's
 * `CredentialScan`; undefined when it is not one.
 */
export function readCredentialScan(value: unknown): ArtifactCredentialScan | undefined {
  const result = credentialScan.safeParse(value);
  // Safe: the schema checked every field the checks read; the rest keeps the collector's shape.
  return result.success ? (result.data as ArtifactCredentialScan) : undefined;
}

/**
 * Validates parsed JSON as an account snapshot. Throws SnapshotFormatError listing every
 * problem with its JSON path, so a hand-written snapshot can be fixed in one pass.
 */
export function readSnapshot(json: unknown): AccountSnapshot {
  const result = snapshotSchema.safeParse(json);
  if (!result.success) {
    const problems = result.error.issues.slice(0, 20).map((issue) => {
      const path = issue.path.length ? issue.path.map(shownKey).join('.') : '(top level)';
      return `${path}: ${issue.message}`;
    });
    throw new SnapshotFormatError(
      `Not a valid account snapshot (format version 1):\n  ${problems.join('\n  ')}`,
    );
  }
  return result.data as AccountSnapshot;
}

// Keys come from the file: control characters escaped (no terminal escapes or broken lines in the
// message) and long ones cut, so each problem stays one readable line.
function shownKey(key: PropertyKey): string {
  const text = JSON.stringify(String(key)).slice(1, -1);
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}

/** Parses snapshot text (a file's contents); wraps JSON syntax errors in SnapshotFormatError. */
export function parseSnapshotText(text: string, source = 'snapshot'): AccountSnapshot {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new SnapshotFormatError(
      `${source} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
      {
        cause: error,
      },
    );
  }
  return readSnapshot(json);
}
