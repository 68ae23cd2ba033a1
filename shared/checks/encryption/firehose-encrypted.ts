import type { DependencyNode } from '../../graph/types.js';
import type { DeliveryStreamDescription } from '../../snapshot/types.js';
import { judgeDependencies, unreadableOutcome } from '../dependencies.js';
import type { Check, CheckContext, CheckOutcome } from '../types.js';
import { streamEncryption } from './stream-encryption.js';

export const firehoseEncrypted: Check = {
  metadata: {
    id: 'firehose-encrypted',
    title: 'Firehose delivery streams encrypt records at rest',
    bestPractice: 'encryption',
    severity: 'high',
    description:
      'Checks server-side encryption of every Firehose delivery stream the application writes to or ' +
      'reads from. A delivery stream fed by a Kinesis data stream cannot have its own SSE (Firehose keeps ' +
      'no copy at rest: the records stay in the source stream), so the source stream is judged instead.',
    logic:
      'PASS: DeliveryStreamEncryptionConfiguration.Status is ENABLED, or ENABLING (noted as in progress). ' +
      'FAIL: the status is DISABLED, DISABLING, ENABLING_FAILED, DISABLING_FAILED or absent. For ' +
      'DeliveryStreamType KinesisStreamAsSource: PASS when the source stream has EncryptionType KMS, FAIL ' +
      'when it does not, ERROR when the source stream is unreadable, missing, in another account or not ' +
      'named. For MSKAsSource: PASS (records rest in Amazon MSK, which always encrypts data at rest). ' +
      'ERROR: the delivery stream could not be read or belongs to another account. It is also ERROR on the execution ' +
      'role when its policies (which may name delivery streams) could not be read. NOT_APPLICABLE: the ' +
      'application uses no delivery stream, as far as everything was read.',
    risk:
      'Records buffered by an unencrypted delivery stream are stored in plain text until delivered; a ' +
      'source stream without encryption keeps them in plain text for its whole retention period.',
    remediation: {
      console:
        'Open the Amazon Data Firehose console, choose the Firehose stream, then Configuration > Server-side ' +
        'encryption > Edit, and enable it. For a stream whose source is a Kinesis data stream, enable ' +
        'encryption on that data stream in the Kinesis console instead.',
      cli:
        'aws firehose start-delivery-stream-encryption --delivery-stream-name <delivery-stream-name> --delivery-stream-encryption-configuration-input KeyType=AWS_OWNED_CMK\n' +
        '# source is a Kinesis data stream:\n' +
        'aws kinesis start-stream-encryption --stream-name <source-stream-name> --encryption-type KMS --key-id alias/aws/kinesis',
      cloudformation: [
        'Resources:',
        '  DeliveryStream:',
        '    Type: AWS::KinesisFirehose::DeliveryStream',
        '    Properties:',
        '      DeliveryStreamType: DirectPut',
        '      DeliveryStreamEncryptionConfigurationInput:',
        '        KeyType: CUSTOMER_MANAGED_CMK',
        '        KeyARN: <key-arn>',
      ].join('\n'),
      references: [
        'https://docs.aws.amazon.com/firehose/latest/dev/encryption.html',
        'https://docs.aws.amazon.com/firehose/latest/APIReference/API_StartDeliveryStreamEncryption.html',
      ],
    },
  },
  evaluate(context) {
    return judgeDependencies(context, ['firehose-delivery-stream'], 'Firehose delivery stream', (node) => {
      const delivery = context.index.deliveryStream(node.arn);
      if (!delivery) {
        return { status: 'ERROR', resourceArn: node.arn, detail: `${node.arn} is not in the snapshot.` };
      }
      if (delivery.DeliveryStreamType === 'KinesisStreamAsSource')
        return judgeSourceStream(context, node, delivery);
      if (delivery.DeliveryStreamType === 'MSKAsSource') {
        return {
          status: 'PASS',
          resourceArn: node.arn,
          detail: `Delivery stream ${delivery.DeliveryStreamName} reads from Amazon MSK: Firehose SSE cannot be set, and its records rest in the MSK cluster, which always encrypts data at rest.`,
        };
      }
      return judgeOwnEncryption(node, delivery);
    });
  },
};

function judgeOwnEncryption(node: DependencyNode, delivery: DeliveryStreamDescription): CheckOutcome {
  const name = delivery.DeliveryStreamName;
  const sse = delivery.DeliveryStreamEncryptionConfiguration;
  const key =
    sse?.KeyType === 'CUSTOMER_MANAGED_CMK' && sse.KeyARN ? `KMS key ${sse.KeyARN}` : 'an AWS owned key';
  if (sse?.Status === 'ENABLED') {
    return {
      status: 'PASS',
      resourceArn: node.arn,
      detail: `Delivery stream ${name} encrypts records at rest with ${key}.`,
    };
  }
  if (sse?.Status === 'ENABLING') {
    return {
      status: 'PASS',
      resourceArn: node.arn,
      detail: `Delivery stream ${name} is enabling server-side encryption with ${key}; records written until it is ENABLED are not encrypted.`,
    };
  }
  const failure = sse?.FailureDescription?.Details ? ` (${sse.FailureDescription.Details})` : '';
  return {
    status: 'FAIL',
    resourceArn: node.arn,
    detail: `Delivery stream ${name} does not encrypt records at rest: server-side encryption is ${sse?.Status ?? 'not configured'}${failure}.`,
  };
}

/** SSE cannot be set on a delivery stream fed by a Kinesis stream; the source stream holds the records. */
function judgeSourceStream(
  context: CheckContext,
  node: DependencyNode,
  delivery: DeliveryStreamDescription,
): CheckOutcome {
  const name = delivery.DeliveryStreamName;
  const sourceArn = delivery.Source?.KinesisStreamSourceDescription?.KinesisStreamARN;
  const prefix = `Delivery stream ${name} reads from a Kinesis data stream, so Firehose SSE cannot be set and its encryption at rest is the source stream's`;
  if (!sourceArn) {
    return {
      status: 'ERROR',
      resourceArn: node.arn,
      detail: `${prefix}, but the snapshot does not name the source stream; scan again with firehose:DescribeDeliveryStream allowed.`,
    };
  }
  const source = context.graph.nodes.find((candidate) => candidate.arn === sourceArn);
  const stream = context.index.stream(sourceArn);
  if (source?.state === 'unreadable' || (!stream && context.index.unreadable(sourceArn).length > 0)) {
    const unreadable = unreadableOutcome(context, sourceArn);
    return { ...unreadable, resourceArn: node.arn, detail: `${prefix}: ${unreadable.detail}` };
  }
  if (!stream) {
    const why =
      source?.state === 'external'
        ? `source stream ${sourceArn} belongs to another account, which this scan does not read`
        : `source stream ${sourceArn} does not exist`;
    return { status: 'ERROR', resourceArn: node.arn, detail: `${prefix}, and ${why}.` };
  }
  const encryption = streamEncryption(stream);
  return {
    status: encryption.encrypted ? 'PASS' : 'FAIL',
    resourceArn: node.arn,
    detail: `${prefix}: on source stream ${stream.StreamName}, ${encryption.description}.`,
  };
}
