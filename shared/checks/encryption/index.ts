import type { Check } from '../types.js';
import { dependencyExists } from './dependency-exists.js';
import { firehoseEncrypted } from './firehose-encrypted.js';
import { kinesisStreamEncrypted } from './kinesis-stream-encrypted.js';
import { kmsKeyEnabled } from './kms-key-enabled.js';
import { kmsKeyRotation } from './kms-key-rotation.js';
import { s3BucketDefaultEncryption } from './s3-bucket-default-encryption.js';
import { s3BucketSseKms } from './s3-bucket-sse-kms.js';
import { s3BucketTlsOnly } from './s3-bucket-tls-only.js';

/** The encryption checks, in report order. */
export const encryptionChecks: readonly Check[] = [
  dependencyExists,
  kinesisStreamEncrypted,
  firehoseEncrypted,
  s3BucketDefaultEncryption,
  s3BucketSseKms,
  s3BucketTlsOnly,
  kmsKeyEnabled,
  kmsKeyRotation,
];
