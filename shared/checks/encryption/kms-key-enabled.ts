import { judgeDependencies } from '../dependencies.js';
import type { Check } from '../types.js';

export const kmsKeyEnabled: Check = {
  metadata: {
    id: 'kms-key-enabled',
    title: 'KMS keys protecting application data are enabled',
    bestPractice: 'encryption',
    severity: 'high',
    escalatesTo: 'critical',
    description:
      'Checks the state of every KMS key that encrypts the application, its streams, delivery streams, ' +
      'buckets or log groups.',
    logic:
      'PASS: KeyState is Enabled. FAIL (critical): KeyState is PendingDeletion; the detail names the ' +
      'DeletionDate. FAIL: any other state (Disabled, PendingImport, Unavailable, …). ERROR: the key could ' +
      'not be read (kms:DescribeKey failed), its KeyState is not in the snapshot, or it belongs to another ' +
      'account that this scan does not read; and on a stream, delivery stream, bucket, log group or the ' +
      'execution role that could not be read in full, since a key may hide behind it. Every ERROR is critical: ' +
      'the key may be pending deletion. NOT_APPLICABLE: no KMS key is involved and nothing that could name ' +
      'one was left unread.',
    risk:
      'A disabled key stops every encrypt and decrypt: the application fails to read its sources, write ' +
      'its sinks or restore its snapshots. A key pending deletion makes all data encrypted under it ' +
      'permanently unreadable once the deletion date passes.',
    remediation: {
      console:
        'Open the KMS console, choose Customer managed keys, the key, then Key actions > Enable; for a key ' +
        'pending deletion choose Key actions > Cancel key deletion, then enable it.',
      cli: 'aws kms cancel-key-deletion --key-id <key-id>\naws kms enable-key --key-id <key-id>',
      cloudformation: [
        'Resources:',
        '  DataKey:',
        '    Type: AWS::KMS::Key',
        '    DeletionPolicy: Retain',
        '    Properties:',
        '      Enabled: true',
        '      EnableKeyRotation: true',
        '      KeyPolicy: <key-policy>',
      ].join('\n'),
      references: [
        'https://docs.aws.amazon.com/kms/latest/developerguide/key-state.html',
        'https://docs.aws.amazon.com/kms/latest/developerguide/deleting-keys.html',
        'https://docs.aws.amazon.com/kms/latest/developerguide/enabling-keys.html',
      ],
    },
  },
  evaluate(context) {
    return judgeDependencies(context, ['kms-key'], 'KMS key', (node) => {
      const metadata = context.index.key(node.arn, node.region ?? context.region)?.KeyMetadata;
      const name = metadata?.KeyId ?? node.name;
      const state = metadata?.KeyState;
      if (state === 'Enabled') {
        return { status: 'PASS', resourceArn: node.arn, detail: `KMS key ${name} is enabled.` };
      }
      if (state === 'PendingDeletion') {
        const when = metadata?.DeletionDate
          ? `on ${metadata.DeletionDate}`
          : 'at the end of its waiting period';
        return {
          status: 'FAIL',
          severity: 'critical',
          resourceArn: node.arn,
          detail: `KMS key ${name} is pending deletion: it will be deleted ${when}, and every record, object and snapshot encrypted with it becomes unreadable; cancel the deletion now.`,
        };
      }
      if (state === undefined) {
        return {
          status: 'ERROR',
          resourceArn: node.arn,
          detail: `The state of KMS key ${name} is not in the snapshot; scan again with kms:DescribeKey allowed.`,
        };
      }
      return {
        status: 'FAIL',
        resourceArn: node.arn,
        detail: `KMS key ${name} is ${state}, so nothing can be encrypted or decrypted with it; enable it.`,
      };
    });
  },
};
