import { scanCodeArtifact } from '../../shared/code-artifact/scan-code-artifact.js';
import type { AccountSnapshot, BucketObject } from '../../shared/snapshot/types.js';

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/;
const POLICY_FIELDS = new Set(['AssumeRolePolicyDocument', 'PolicyDocument', 'Document', 'Policy']);

/**
 * A snapshot in a canonical form, so two snapshots that say the same thing compare equal: policy
 * documents as objects (whether given as objects, JSON or URL-encoded JSON), timestamps in one ISO
 * form, resource lists sorted, empty regions and bookkeeping (collectedAt) dropped, and code objects
 * as what scanning them finds (served as content, collected as a scan result).
 */
export function canonicalSnapshot(snapshot: AccountSnapshot): unknown {
  const { collectedAt: _collectedAt, ...rest } = snapshot;
  const regions = Object.fromEntries(
    Object.entries(rest.regions ?? {})
      .map(([name, region]) => [
        name,
        Object.fromEntries(Object.entries(region).filter(([, list]) => list.length > 0)),
      ])
      .filter(([, region]) => Object.keys(region as object).length > 0),
  );
  const buckets = (rest.s3?.buckets ?? []).map(({ Objects: objects, ...bucket }) =>
    objects && objects.length > 0 ? { ...bucket, Objects: objects.map(scannedObject) } : bucket,
  );
  return canonical({ ...rest, regions, s3: { ...rest.s3, buckets } }, '');
}

function scannedObject(object: BucketObject): unknown {
  const scan =
    object.ContentBase64 !== undefined
      ? scanCodeArtifact(Buffer.from(object.ContentBase64, 'base64'))
      : object.CredentialScan;
  return { Key: object.Key, VersionId: object.VersionId ?? null, CredentialScan: scan };
}

function canonical(value: unknown, key: string): unknown {
  if (typeof value === 'string') {
    if (POLICY_FIELDS.has(key)) return canonical(policyObject(value), '');
    if (ISO_TIMESTAMP.test(value)) return new Date(value).toISOString();
    return value;
  }
  if (Array.isArray(value)) {
    const items = value.map((item) => canonical(item, ''));
    return items.every((item) => typeof item === 'object' && item !== null)
      ? items.sort((a, b) => identity(a).localeCompare(identity(b)))
      : items;
  }
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, inner]) => inner !== undefined)
        .map(([name, inner]) => [name, canonical(inner, name)])
        .sort(([a], [b]) => String(a).localeCompare(String(b))),
    );
  }
  return value;
}

function policyObject(text: string): unknown {
  const trimmed = text.trim();
  return JSON.parse(trimmed.startsWith('{') ? trimmed : decodeURIComponent(trimmed));
}

function identity(item: unknown): string {
  const record = item as Record<string, unknown>;
  const keyMetadata = record.KeyMetadata as Record<string, unknown> | undefined;
  const id =
    record.Arn ??
    record.ApplicationARN ??
    record.StreamARN ??
    record.DeliveryStreamARN ??
    record.TrailARN ??
    keyMetadata?.Arn ??
    record.Name ??
    record.logGroupName ??
    record.PolicyName ??
    record.AccessKeyId ??
    record.Key ??
    record.VersionId;
  return typeof id === 'string' ? id : JSON.stringify(item);
}

/**
 * The part of `served` that `collected` holds: IAM entries, buckets and regional resources whose
 * identity (ARN or name) appears in `collected`. A scan reads what applications lead to, not the
 * whole account, so this is what it must give back exactly.
 */
export function restrictedTo(served: AccountSnapshot, collected: AccountSnapshot): AccountSnapshot {
  const seen = new Set<string>();
  const remember = (items: readonly unknown[] | undefined) => {
    for (const item of items ?? []) seen.add(identity(item));
  };
  remember(collected.iam?.roles);
  remember(collected.iam?.policies);
  remember(collected.s3?.buckets);
  for (const region of Object.values(collected.regions ?? {})) {
    for (const list of Object.values(region)) remember(list);
  }
  const keep = <T>(items: readonly T[] | undefined): T[] =>
    (items ?? []).filter((item) => seen.has(identity(item)));
  return {
    ...served,
    iam: {
      roles: keep(served.iam?.roles),
      policies: keep(served.iam?.policies),
      ...(collected.iam?.accessKeys ? { accessKeys: served.iam?.accessKeys ?? [] } : {}),
    },
    s3: { ...served.s3, buckets: keep(served.s3?.buckets) },
    regions: Object.fromEntries(
      Object.entries(served.regions ?? {}).map(([name, region]) => [
        name,
        Object.fromEntries(Object.entries(region).map(([section, list]) => [section, keep(list)])),
      ]),
    ),
  };
}
