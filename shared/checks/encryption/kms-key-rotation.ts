import { judgeDependencies, unreadableOutcome } from '../dependencies.js';
import type { Check } from '../types.js';

export const kmsKeyRotation: Check = {
  metadata: {
    id: 'kms-key-rotation',
    title: 'Customer managed KMS keys rotate automatically',
    bestPractice: 'encryption',
    severity: 'medium',
    description:
      'Checks automatic key rotation of every KMS key that encrypts the application or the resources it uses.',
    logic:
      'For customer managed (KeyManager CUSTOMER), symmetric (KeySpec SYMMETRIC_DEFAULT) keys with Origin ' +
      'AWS_KMS: PASS when KeyRotationEnabled is true, FAIL when false, ERROR when it is null or absent or ' +
      'kms:GetKeyRotationStatus failed. AWS managed keys (KeyManager AWS): PASS, AWS rotates them every ' +
      'year. Asymmetric, HMAC, imported (EXTERNAL), CloudHSM and external key store keys: NOT_APPLICABLE, ' +
      'automatic rotation is not supported for them. ERROR: the key could not be read, its KeyManager or ' +
      'KeySpec is not in the snapshot, or it belongs to another account; and on a stream, delivery stream, bucket, log group or the ' +
      'execution role that could not be read in full, since a key may hide behind it. NOT_APPLICABLE: no KMS ' +
      'key is involved and nothing that could name one was left unread.',
    risk:
      'A key that never rotates keeps encrypting new data with the same key material for years, widening ' +
      'the impact of any exposure of that material and failing common compliance controls.',
    remediation: {
      console:
        'Open the KMS console, choose Customer managed keys, the key, then the Key rotation tab, and select ' +
        'Automatically rotate this KMS key every year (or set a rotation period).',
      cli: 'aws kms enable-key-rotation --key-id <key-id> --rotation-period-in-days 365',
      cloudformation: [
        'Resources:',
        '  DataKey:',
        '    Type: AWS::KMS::Key',
        '    Properties:',
        '      EnableKeyRotation: true',
        '      RotationPeriodInDays: 365',
        '      KeyPolicy: <key-policy>',
      ].join('\n'),
      references: [
        'https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html',
        'https://docs.aws.amazon.com/kms/latest/APIReference/API_GetKeyRotationStatus.html',
      ],
    },
  },
  evaluate(context) {
    return judgeDependencies(context, ['kms-key'], 'KMS key', (node) => {
      const key = context.index.key(node.arn, node.region ?? context.region);
      const metadata = key?.KeyMetadata;
      const name = metadata?.KeyId ?? node.name;
      const manager = metadata?.KeyManager;
      if (manager === 'AWS') {
        return {
          status: 'PASS',
          resourceArn: node.arn,
          detail: `KMS key ${name} is AWS managed; AWS rotates it every year.`,
        };
      }
      const spec = metadata?.KeySpec ?? metadata?.CustomerMasterKeySpec;
      if (manager !== 'CUSTOMER' || typeof spec !== 'string') {
        return {
          status: 'ERROR',
          resourceArn: node.arn,
          detail: `The KeyManager or KeySpec of KMS key ${name} is not in the snapshot; scan again with kms:DescribeKey allowed.`,
        };
      }
      const origin = metadata?.Origin ?? 'AWS_KMS';
      if (spec !== 'SYMMETRIC_DEFAULT' || origin !== 'AWS_KMS') {
        return {
          status: 'NOT_APPLICABLE',
          resourceArn: node.arn,
          detail: `KMS key ${name} (KeySpec ${spec}, Origin ${origin}) does not support automatic rotation.`,
        };
      }
      if (context.index.unreadable(node.arn, ['kms:GetKeyRotationStatus']).length > 0)
        return unreadableOutcome(context, node.arn, ['kms:GetKeyRotationStatus']);
      if (key?.KeyRotationEnabled === true) {
        return { status: 'PASS', resourceArn: node.arn, detail: `KMS key ${name} rotates automatically.` };
      }
      if (key?.KeyRotationEnabled === false) {
        return {
          status: 'FAIL',
          resourceArn: node.arn,
          detail: `Customer managed KMS key ${name} does not rotate automatically.`,
        };
      }
      return {
        status: 'ERROR',
        resourceArn: node.arn,
        detail: `The rotation status of KMS key ${name} is not in the snapshot; scan again with kms:GetKeyRotationStatus allowed.`,
      };
    });
  },
};
