import { paginate, type StoredObject } from '../state.js';
import {
  addressedBucket,
  byUtf8Bytes,
  canonicalUserId,
  integerParam,
  invalidArgument,
  type S3Operation,
} from './s3-call.js';
import { s3Document, xmlResponse } from './s3-xml.js';

/** The query parameters ListObjectsV2 accepts besides `list-type`. */
export const LIST_OBJECTS_V2_PARAMETERS = [
  'prefix',
  'delimiter',
  'max-keys',
  'continuation-token',
  'start-after',
  'encoding-type',
  'fetch-owner',
] as const;

// S3 returns at most 1,000 keys a page, whatever max-keys asks for.
const MAX_KEYS = 1000;

type Listed = { key: string; object: StoredObject } | { commonPrefix: string };

/**
 * ListObjectsV2 (GET /{bucket}?list-type=2): keys in UTF-8 byte order after start-after, under
 * the prefix, rolled up into CommonPrefixes at the delimiter; a page holds max-keys entries of
 * either kind (the sandbox's page size when smaller), and KeyCount counts both.
 */
export const listObjectsV2: S3Operation = (call) => {
  const { context, bucket, request } = call;
  addressedBucket(call, 's3:ListObjectsV2');
  const { query } = request;
  const listType = query.get('list-type') ?? '';
  if (listType !== '2') throw invalidArgument('Invalid List Type specified', 'list-type', listType);
  const encodingType = query.get('encoding-type');
  if (encodingType !== null && encodingType !== 'url') {
    throw invalidArgument('Invalid Encoding Method specified in Request', 'encoding-type', encodingType);
  }
  const maxKeys = integerParam(call, 'max-keys', { min: 0, max: 2147483647, fallback: MAX_KEYS });
  const prefix = query.get('prefix') ?? '';
  const delimiter = query.get('delimiter') || undefined;
  const startAfter = query.get('start-after') || undefined;
  const token = query.get('continuation-token') ?? undefined;
  const objects = context.state.bucketObjects(bucket) ?? new Map<string, StoredObject>();
  const keys = [...objects.keys()]
    .filter((key) => key.startsWith(prefix) && (!startAfter || byUtf8Bytes(key, startAfter) > 0))
    .sort(byUtf8Bytes);
  const entries = rollUp(keys, objects, prefix, delimiter);
  const page =
    maxKeys === 0
      ? { items: [] as Listed[] }
      : paginate(entries, {
          token,
          limit: Math.min(maxKeys, MAX_KEYS),
          defaultLimit: MAX_KEYS,
          state: context.state,
          invalidTokenCode: 'InvalidArgument',
        });
  const encode = encodingType === 'url' ? urlEncode : (text: string) => text;
  const owner = query.get('fetch-owner') === 'true' ? { ID: canonicalUserId(context.state) } : undefined;
  return xmlResponse(
    s3Document('ListBucketResult', {
      Name: bucket,
      Prefix: encode(prefix),
      ContinuationToken: token,
      StartAfter: startAfter === undefined ? undefined : encode(startAfter),
      KeyCount: page.items.length,
      MaxKeys: maxKeys,
      Delimiter: delimiter === undefined ? undefined : encode(delimiter),
      EncodingType: encodingType ?? undefined,
      IsTruncated: page.nextToken !== undefined,
      NextContinuationToken: page.nextToken,
      Contents: page.items.flatMap((entry) =>
        'key' in entry
          ? [
              {
                Key: encode(entry.key),
                LastModified: entry.object.lastModified,
                ETag: entry.object.etag,
                Size: entry.object.body.length,
                StorageClass: 'STANDARD',
                Owner: owner,
              },
            ]
          : [],
      ),
      CommonPrefixes: page.items.flatMap((entry) =>
        'commonPrefix' in entry ? [{ Prefix: encode(entry.commonPrefix) }] : [],
      ),
    }),
  );
};

// Keys sharing the part up to the first delimiter after the prefix become one common prefix.
function rollUp(
  keys: readonly string[],
  objects: ReadonlyMap<string, StoredObject>,
  prefix: string,
  delimiter: string | undefined,
): Listed[] {
  const entries: Listed[] = [];
  for (const key of keys) {
    const cut = delimiter ? key.indexOf(delimiter, prefix.length) : -1;
    if (cut < 0 || !delimiter) {
      entries.push({ key, object: objects.get(key)! });
      continue;
    }
    const commonPrefix = key.slice(0, cut + delimiter.length);
    const last = entries.at(-1);
    if (!(last && 'commonPrefix' in last && last.commonPrefix === commonPrefix))
      entries.push({ commonPrefix });
  }
  return entries;
}

// encoding-type=url: S3 percent-encodes names so any byte survives XML, and keeps slashes.
function urlEncode(text: string): string {
  return encodeURIComponent(text).replace(/%2F/g, '/');
}
