import { parseArn } from '../../arn.js';
import type { DependencyKind, DependencyNode } from '../../graph/types.js';
import { unreadableOutcome } from '../dependencies.js';
import { hiddenDependencyOutcomes } from '../hidden-dependencies.js';
import type { Check, CheckContext, CheckOutcome } from '../types.js';

export const dependencyExists: Check = {
  metadata: {
    id: 'dependency-exists',
    title: 'Every stream, delivery stream, bucket and key the application uses exists',
    bestPractice: 'encryption',
    severity: 'high',
    description:
      'Looks at every Kinesis data stream, Firehose delivery stream, S3 bucket and KMS key that the ' +
      "application's configuration or runtime properties name, or that one of those resources uses in " +
      "turn, and checks that each one exists. Resources known only from the execution role's policy are " +
      'not judged here.',
    logic:
      'PASS: the resource is in the snapshot. FAIL: it was read and does not exist. ERROR: it could not ' +
      'be read (a collection error names it), or it belongs to another AWS account, which this scan does ' +
      'not read; and on any resource not read in full that could lead to one (a stream, delivery stream or ' +
      'bucket whose description names its key, the execution role whose policies name more). NOT_APPLICABLE: ' +
      'the application names no such resource and nothing that could lead to one was left unread.',
    risk:
      'A missing source, sink or bucket stops the application or silently drops data; a missing key ' +
      'makes everything encrypted with it unreadable. A name that can be re-created by anyone (an S3 ' +
      'bucket name is global) can be taken over, so the application would read or write data in a ' +
      'resource someone else owns and encrypts with keys you do not control.',
    remediation: {
      console:
        'Open the Managed Service for Apache Flink console, choose the application, then Configure: fix ' +
        'the stream, delivery stream or bucket it names (or its runtime properties), or re-create the ' +
        'missing resource with encryption enabled.',
      cli:
        'aws kinesisanalyticsv2 describe-application --application-name <application-name>\n' +
        'aws kinesis create-stream --stream-name <stream-name> --stream-mode-details StreamMode=ON_DEMAND\n' +
        'aws kinesis start-stream-encryption --stream-name <stream-name> --encryption-type KMS --key-id alias/aws/kinesis\n' +
        'aws s3api create-bucket --bucket <bucket-name> --create-bucket-configuration LocationConstraint=<region>',
      cloudformation: [
        'Resources:',
        '  SourceStream:',
        '    Type: AWS::Kinesis::Stream',
        '    Properties:',
        '      Name: <stream-name>',
        '      StreamModeDetails: { StreamMode: ON_DEMAND }',
        '      StreamEncryption: { EncryptionType: KMS, KeyId: alias/aws/kinesis }',
      ].join('\n'),
      references: [
        'https://docs.aws.amazon.com/managed-flink/latest/java/how-properties.html',
        'https://docs.aws.amazon.com/streams/latest/dev/working-with-streams.html',
        'https://docs.aws.amazon.com/AmazonS3/latest/userguide/create-bucket-overview.html',
      ],
    },
  },
  evaluate(context) {
    const nodes = context.graph.nodes.filter(
      (node) => JUDGED_KINDS.includes(node.kind) && node.origins.some((origin) => origin !== 'role-policy'),
    );
    const hidden = hiddenDependencyOutcomes(context, JUDGED_KINDS, 'stream, delivery stream, bucket or key');
    if (nodes.length === 0 && hidden.length === 0) {
      return [
        {
          status: 'NOT_APPLICABLE',
          resourceArn: context.application.ApplicationARN,
          detail: `${context.application.ApplicationName} names no Kinesis stream, delivery stream, S3 bucket or KMS key.`,
        },
      ];
    }
    // A resource that exists but hides others (a bucket whose encryption, naming its key, was not
    // read) cannot PASS: whether what it leads to exists is unknown.
    const judged = nodes.map((node) => judgeNode(context, node));
    const outcomes = judged.map(
      (outcome) =>
        (outcome.status === 'PASS' && hidden.find((other) => other.resourceArn === outcome.resourceArn)) ||
        outcome,
    );
    const seen = new Set(judged.map((outcome) => outcome.resourceArn));
    return [...outcomes, ...hidden.filter((outcome) => !seen.has(outcome.resourceArn))];
  },
};

const JUDGED_KINDS: readonly DependencyKind[] = [
  'kinesis-stream',
  'firehose-delivery-stream',
  's3-bucket',
  'kms-key',
];

const KIND_NAMES: Partial<Record<DependencyKind, string>> = {
  'kinesis-stream': 'Kinesis data stream',
  'firehose-delivery-stream': 'Firehose delivery stream',
  's3-bucket': 'S3 bucket',
  'kms-key': 'KMS key',
};

function judgeNode(context: CheckContext, node: DependencyNode): CheckOutcome {
  const app = context.application.ApplicationName;
  const name = node.kind === 'kms-key' ? node.name.replace(/^key\//, '') : node.name;
  const what = `${KIND_NAMES[node.kind] ?? node.kind} ${name}`;
  const owner = parseArn(node.arn)?.accountId;
  const otherAccount = owner !== undefined && owner !== '' && owner !== context.index.accountId;
  if (node.state === 'present') {
    return { status: 'PASS', resourceArn: node.arn, detail: `${app} depends on ${what}, which exists.` };
  }
  if (node.state === 'unreadable') return unreadableOutcome(context, node.arn);
  // Keys of other accounts are looked up (a stream may use one) but never collected: unknown, not missing.
  if (node.state === 'external' || otherAccount) {
    return {
      status: 'ERROR',
      resourceArn: node.arn,
      detail: `${app} depends on ${what} in account ${owner}, which this scan does not read; audit that account too.`,
    };
  }
  return {
    status: 'FAIL',
    resourceArn: node.arn,
    detail: `${app} depends on ${what}, which does not exist; re-create it or remove it from the application.`,
  };
}
