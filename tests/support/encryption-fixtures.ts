/**
 * Builders for the encryption, cloudtrail and operations check tests: the resources an application
 * depends on, in their AWS shapes, and the findings a check is expected to give.
 */
import type { Check, CheckOutcome, Finding } from '../../shared/checks/types.js';
import { evaluateAccount } from '../../shared/evaluate/evaluate-account.js';
import type {
  AccountSnapshot,
  BucketDetail,
  CollectionError,
  DeliveryStreamDescription,
  KeyDetail,
  RoleDetail,
  StreamDescriptionSummary,
} from '../../shared/snapshot/types.js';
import { ACCOUNT_ID, accountSnapshot, application, REGION } from './snapshot-builder.js';

/** The ARN of a Kinesis data stream. */
export const streamArn = (name: string, accountId = ACCOUNT_ID): string =>
  `arn:aws:kinesis:${REGION}:${accountId}:stream/${name}`;

/** The ARN of a Firehose delivery stream. */
export const deliveryStreamArn = (name: string): string =>
  `arn:aws:firehose:${REGION}:${ACCOUNT_ID}:deliverystream/${name}`;

/** The ARN of an S3 bucket. */
export const bucketArn = (name: string): string => `arn:aws:s3:::${name}`;

/** The ARN of a KMS key. */
export const keyArn = (id: string, accountId = ACCOUNT_ID): string =>
  `arn:aws:kms:${REGION}:${accountId}:key/${id}`;

/** An ACTIVE Kinesis data stream, unencrypted unless `extra` says otherwise. */
export function kinesisStream(
  name: string,
  extra: Partial<StreamDescriptionSummary> = {},
): StreamDescriptionSummary {
  return {
    StreamName: name,
    StreamARN: streamArn(name),
    StreamStatus: 'ACTIVE',
    EncryptionType: 'NONE',
    ...extra,
  };
}

/** An ACTIVE DirectPut delivery stream with SSE disabled unless `extra` says otherwise. */
export function deliveryStream(
  name: string,
  extra: Partial<DeliveryStreamDescription> = {},
): DeliveryStreamDescription {
  return {
    DeliveryStreamName: name,
    DeliveryStreamARN: deliveryStreamArn(name),
    DeliveryStreamStatus: 'ACTIVE',
    DeliveryStreamType: 'DirectPut',
    DeliveryStreamEncryptionConfiguration: { Status: 'DISABLED' },
    ...extra,
  };
}

/** A bucket with SSE-S3 default encryption and no bucket policy unless `extra` says otherwise. */
export function bucket(name: string, extra: Partial<BucketDetail> = {}): BucketDetail {
  return {
    Name: name,
    Region: REGION,
    ServerSideEncryptionConfiguration: {
      Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' }, BucketKeyEnabled: false }],
    },
    Policy: null,
    PublicAccessBlockConfiguration: null,
    ...extra,
  };
}

/** An enabled, customer managed, symmetric key with rotation on unless told otherwise. */
export function kmsKey(
  id: string,
  metadata: Partial<KeyDetail['KeyMetadata']> = {},
  detail: Partial<Omit<KeyDetail, 'KeyMetadata'>> = {},
): KeyDetail {
  return {
    KeyMetadata: {
      AWSAccountId: ACCOUNT_ID,
      KeyId: id,
      Arn: keyArn(id),
      Enabled: true,
      KeyState: 'Enabled',
      KeyManager: 'CUSTOMER',
      Origin: 'AWS_KMS',
      KeySpec: 'SYMMETRIC_DEFAULT',
      KeyUsage: 'ENCRYPT_DECRYPT',
      ...metadata,
    },
    KeyRotationEnabled: true,
    Aliases: [],
    ...detail,
  };
}

/** A read that collection could not make. */
export function collectionError(
  operation: string,
  resource?: string,
  code = 'AccessDeniedException',
): CollectionError {
  return {
    operation,
    ...(resource ? { resource } : {}),
    code,
    message: `User is not authorized to perform: ${operation}`,
  };
}

/** What the application names (by ARN, in its runtime properties) and what the account holds. */
export interface EncryptionScenario {
  /** ARNs of streams, delivery streams and buckets the application's properties name. */
  uses?: string[];
  /** ARN of the customer managed key encrypting the application itself. */
  applicationKey?: string;
  streams?: StreamDescriptionSummary[];
  deliveryStreams?: DeliveryStreamDescription[];
  buckets?: BucketDetail[];
  keys?: KeyDetail[];
  /** IAM roles; the application runs as orders-enricher-role. */
  roles?: RoleDetail[];
  collectionErrors?: CollectionError[];
}

/** A snapshot with one application (orders-enricher, eu-west-1) using the scenario's resources. */
export function encryptionSnapshot(scenario: EncryptionScenario = {}): AccountSnapshot {
  const properties = Object.fromEntries((scenario.uses ?? []).map((arn, i) => [`resource.${i}.arn`, arn]));
  const app = application({
    extra: {
      ApplicationConfigurationDescription: {
        EnvironmentPropertyDescriptions: {
          PropertyGroupDescriptions: [
            { PropertyGroupId: 'FlinkApplicationProperties', PropertyMap: properties },
          ],
        },
        ...(scenario.applicationKey
          ? {
              ApplicationEncryptionConfigurationDescription: {
                KeyType: 'CUSTOMER_MANAGED_KEY',
                KeyId: scenario.applicationKey,
              },
            }
          : {}),
      },
    },
  });
  return accountSnapshot({
    applications: [app],
    roles: scenario.roles ?? [],
    buckets: scenario.buckets ?? [],
    regions: {
      [REGION]: {
        applications: [app],
        streams: scenario.streams ?? [],
        deliveryStreams: scenario.deliveryStreams ?? [],
        keys: scenario.keys ?? [],
      },
    },
    ...(scenario.collectionErrors ? { collectionErrors: scenario.collectionErrors } : {}),
  });
}

/** The findings one check gives on the snapshot's first application, as evaluateAccount runs it. */
export function findingsOf(check: Check, snapshot: AccountSnapshot): Finding[] {
  const evaluation = evaluateAccount(snapshot, {}, [check]).applications[0];
  if (!evaluation) throw new Error('The snapshot holds no application to evaluate.');
  return evaluation.findings;
}

/** The finding a check reports for an outcome: its metadata attached, the severity resolved. */
export function expectedFinding(check: Check, outcome: CheckOutcome): Finding {
  const { metadata } = check;
  return {
    checkId: metadata.id,
    bestPractice: metadata.bestPractice,
    severity: outcome.severity ?? metadata.severity,
    status: outcome.status,
    resourceArn: outcome.resourceArn,
    title: metadata.title,
    detail: outcome.detail,
    remediation: metadata.remediation,
  };
}
