/**
 * The data-plane actions that read or write an application's records, objects and keys. Granted on
 * every resource they reach other applications' data too, so they must name their resources.
 */
export const DATA_ACTIONS = [
  'kinesis:GetRecords',
  'kinesis:GetShardIterator',
  'kinesis:PutRecord',
  'kinesis:PutRecords',
  'kinesis:SubscribeToShard',
  'firehose:PutRecord',
  'firehose:PutRecordBatch',
  's3:GetObject',
  's3:GetObjectVersion',
  's3:PutObject',
  's3:DeleteObject',
  'kms:Decrypt',
  'kms:Encrypt',
  'kms:GenerateDataKey',
  'kms:GenerateDataKeyWithoutPlaintext',
  'kms:GenerateDataKeyPair',
  'kms:GenerateDataKeyPairWithoutPlaintext',
  'kms:ReEncryptFrom',
  'kms:ReEncryptTo',
] as const;
