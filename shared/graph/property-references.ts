import { parseArn } from '../arn.js';

/** A resource named by an application's runtime properties. */
export interface PropertyReference {
  kind: 'kinesis-stream' | 'firehose-delivery-stream' | 's3-bucket';
  /** A full ARN, or a bare name to be resolved in `region`. */
  value: string;
  region?: string;
  propertyGroupId: string;
  propertyKey: string;
}

// Flink connectors and applications name their streams in properties such as
// `input.stream.name`, `stream.arn`, `delivery.stream.name` or `firehose.delivery-stream`.
const FIREHOSE_KEY = /(delivery[._-]?stream|firehose)/i;
const STREAM_KEY = /stream/i;
const NAME_LIKE_KEY = /(name|arn|stream)s?$/i;
const REGION_KEYS = ['aws.region', 'aws_region', 'region'];
const S3_URI = /^s3a?:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(\/|$)/;
const RESOURCE_NAME = /^[A-Za-z0-9_.-]{1,128}$/;

/**
 * Finds the Kinesis streams, Firehose delivery streams and S3 buckets that property groups name,
 * by ARN, by `s3://` URI, or by name under a stream-like property key.
 */
export function propertyReferences(
  groups: readonly { PropertyGroupId: string; PropertyMap?: Record<string, string> }[],
): PropertyReference[] {
  const references: PropertyReference[] = [];
  for (const group of groups) {
    const map = group.PropertyMap ?? {};
    const regionKey = Object.keys(map).find((key) => REGION_KEYS.includes(key.toLowerCase()));
    const region = regionKey ? map[regionKey] : undefined;
    for (const [key, rawValue] of Object.entries(map)) {
      for (const value of String(rawValue)
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean)) {
        const reference = classify(key, value);
        if (reference) {
          references.push({ ...reference, region, propertyGroupId: group.PropertyGroupId, propertyKey: key });
        }
      }
    }
  }
  return references;
}

function classify(key: string, value: string): Pick<PropertyReference, 'kind' | 'value'> | undefined {
  const arn = parseArn(value);
  if (arn) {
    if (arn.service === 'kinesis' && arn.resource.startsWith('stream/')) {
      // A consumer ARN (stream/NAME/consumer/...) still depends on its stream.
      return { kind: 'kinesis-stream', value: value.split('/').slice(0, 2).join('/') };
    }
    if (arn.service === 'firehose' && arn.resource.startsWith('deliverystream/')) {
      return { kind: 'firehose-delivery-stream', value };
    }
    if (arn.service === 's3') return { kind: 's3-bucket', value };
    return undefined;
  }
  const uri = S3_URI.exec(value);
  if (uri) return { kind: 's3-bucket', value: uri[1]! };
  // Credentials and secrets are never resource names, whatever their key says.
  if (/(secret|password|key|token|credential)/i.test(key)) return undefined;
  if (!NAME_LIKE_KEY.test(key) || !RESOURCE_NAME.test(value)) return undefined;
  if (FIREHOSE_KEY.test(key)) return { kind: 'firehose-delivery-stream', value };
  if (STREAM_KEY.test(key)) return { kind: 'kinesis-stream', value };
  return undefined;
}
