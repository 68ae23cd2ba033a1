import type { StreamDescriptionSummary } from '../../snapshot/types.js';

/** How a Kinesis data stream encrypts records at rest, in words a report can quote. */
export interface StreamEncryption {
  encrypted: boolean;
  /** "the AWS managed key alias/aws/kinesis", "KMS key arn:…", or why it is not encrypted. */
  description: string;
}

const AWS_MANAGED_KINESIS_KEY = 'alias/aws/kinesis';

/** Whether a stream's server-side encryption is on (EncryptionType KMS) and with which key. */
export function streamEncryption(stream: StreamDescriptionSummary): StreamEncryption {
  if (stream.EncryptionType !== 'KMS') {
    const type = stream.EncryptionType ?? 'not set';
    return { encrypted: false, description: `server-side encryption is off (EncryptionType ${type})` };
  }
  if (!stream.KeyId) return { encrypted: true, description: 'server-side encryption is on with a KMS key' };
  const key =
    stream.KeyId === AWS_MANAGED_KINESIS_KEY || stream.KeyId.endsWith(`:${AWS_MANAGED_KINESIS_KEY}`)
      ? `the AWS managed key ${AWS_MANAGED_KINESIS_KEY}`
      : `KMS key ${stream.KeyId}`;
  return { encrypted: true, description: `server-side encryption is on with ${key}` };
}
