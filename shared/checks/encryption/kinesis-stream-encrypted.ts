import { judgeDependencies } from '../dependencies.js';
import type { Check } from '../types.js';
import { streamEncryption } from './stream-encryption.js';

export const kinesisStreamEncrypted: Check = {
  metadata: {
    id: 'kinesis-stream-encrypted',
    title: 'Kinesis data streams are encrypted at rest with KMS',
    bestPractice: 'encryption',
    severity: 'high',
    description:
      'Checks the server-side encryption of every Kinesis data stream the application reads or writes ' +
      '(from its configuration, its runtime properties, its role or a delivery stream it uses).',
    logic:
      'PASS: the stream has EncryptionType KMS (the detail names the key). FAIL: EncryptionType is NONE ' +
      'or absent. ERROR: the stream could not be read or belongs to another account. It is also ERROR on a delivery ' +
      'stream or execution role that could not be read in full, since it may lead to a stream. NOT_APPLICABLE: the ' +
      'application uses no Kinesis data stream, as far as everything was read. A stream that does not exist is reported by ' +
      'dependency-exists, not here.',
    risk:
      'Records in an unencrypted stream are stored in plain text for the whole retention period (up to ' +
      '365 days); anyone with access to the storage or a mis-scoped kinesis:GetRecords permission reads ' +
      'them, and there is no KMS audit trail of who read what.',
    remediation: {
      console:
        'Open the Kinesis console, choose Data streams, the stream, then Configuration > Encryption > Edit: ' +
        'enable server-side encryption and pick the AWS managed key (aws/kinesis) or a customer managed key.',
      cli: 'aws kinesis start-stream-encryption --stream-name <stream-name> --encryption-type KMS --key-id <key-arn-or-alias/aws/kinesis>',
      cloudformation: [
        'Resources:',
        '  Stream:',
        '    Type: AWS::Kinesis::Stream',
        '    Properties:',
        '      StreamModeDetails: { StreamMode: ON_DEMAND }',
        '      StreamEncryption:',
        '        EncryptionType: KMS',
        '        KeyId: <key-arn-or-alias/aws/kinesis>',
      ].join('\n'),
      references: [
        'https://docs.aws.amazon.com/streams/latest/dev/server-side-encryption.html',
        'https://docs.aws.amazon.com/streams/latest/dev/getting-started-with-sse.html',
      ],
    },
  },
  evaluate(context) {
    return judgeDependencies(context, ['kinesis-stream'], 'Kinesis data stream', (node) => {
      const stream = context.index.stream(node.arn);
      if (!stream) {
        return { status: 'ERROR', resourceArn: node.arn, detail: `${node.arn} is not in the snapshot.` };
      }
      const encryption = streamEncryption(stream);
      return {
        status: encryption.encrypted ? 'PASS' : 'FAIL',
        resourceArn: node.arn,
        detail: `Kinesis data stream ${stream.StreamName}: ${encryption.description}.`,
      };
    });
  },
};
