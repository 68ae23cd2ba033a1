import { PolicyDocumentError } from '../../errors.js';
import { type PolicyDocument, parsePolicyDocument } from '../../policy/document.js';
import { judgeDependencies, unreadableOutcome } from '../dependencies.js';
import type { Check } from '../types.js';
import { tlsOnlyStatement } from './tls-only-statement.js';

export const s3BucketTlsOnly: Check = {
  metadata: {
    id: 's3-bucket-tls-only',
    title: 'S3 bucket policies deny requests made without TLS',
    bestPractice: 'encryption',
    severity: 'medium',
    description:
      'Checks that the bucket policy of every S3 bucket the application uses denies any request that is ' +
      'not sent over TLS, so data is encrypted in transit as well as at rest.',
    logic:
      'PASS: the bucket policy has a Deny statement for Principal "*" (or {"AWS": "*"}) on Action "s3:*" or ' +
      '"*", whose Resource covers the bucket\'s objects (arn:…:bucket/* or a pattern matching it), and whose ' +
      'only condition is Bool or BoolIfExists aws:SecureTransport = false, or NumericLessThan s3:TlsVersion ' +
      'of 1.2 or more. FAIL: no such statement, or no bucket policy. ERROR: s3:GetBucketPolicy failed, the ' +
      'policy is not valid JSON, the bucket could not be read, or it belongs to another account. ' +
      'A delivery stream or the execution role not read in full is ERROR too: a bucket may hide behind it. ' +
      'NOT_APPLICABLE: the application uses no S3 bucket, as far as everything was read.',
    risk:
      'Without the deny, a misconfigured client can read or write objects (application code, reference ' +
      'data, delivered records) over plain HTTP, where they can be read or altered in transit.',
    remediation: {
      console:
        'Open the S3 console, choose the bucket, then Permissions > Bucket policy > Edit, and add the ' +
        'statement below (keep the existing statements).',
      cli:
        'aws s3api get-bucket-policy --bucket <bucket-name> --query Policy --output text > policy.json\n' +
        '# add to "Statement": {"Sid":"DenyInsecureTransport","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::<bucket-name>","arn:aws:s3:::<bucket-name>/*"],"Condition":{"Bool":{"aws:SecureTransport":"false"}}}\n' +
        'aws s3api put-bucket-policy --bucket <bucket-name> --policy file://policy.json',
      cloudformation: [
        'Resources:',
        '  BucketPolicy:',
        '    Type: AWS::S3::BucketPolicy',
        '    Properties:',
        '      Bucket: <bucket-name>',
        '      PolicyDocument:',
        "        Version: '2012-10-17'",
        '        Statement:',
        '          - Sid: DenyInsecureTransport',
        '            Effect: Deny',
        "            Principal: '*'",
        "            Action: 's3:*'",
        '            Resource:',
        "              - 'arn:aws:s3:::<bucket-name>'",
        "              - 'arn:aws:s3:::<bucket-name>/*'",
        '            Condition:',
        "              Bool: { 'aws:SecureTransport': 'false' }",
      ].join('\n'),
      references: [
        'https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html',
        'https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-5',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html',
      ],
    },
  },
  evaluate(context) {
    return judgeDependencies(context, ['s3-bucket'], 'S3 bucket', (node) => {
      if (context.index.unreadable(node.arn, ['s3:GetBucketPolicy']).length > 0)
        return unreadableOutcome(context, node.arn, ['s3:GetBucketPolicy']);
      const policy = context.index.bucket(node.name)?.Policy;
      if (policy === null || policy === undefined) {
        return {
          status: 'FAIL',
          resourceArn: node.arn,
          detail: `Bucket ${node.name} has no bucket policy, so it accepts requests made without TLS.`,
        };
      }
      let document: PolicyDocument;
      try {
        document = parsePolicyDocument(policy);
      } catch (error) {
        if (!(error instanceof PolicyDocumentError)) throw error;
        return {
          status: 'ERROR',
          resourceArn: node.arn,
          detail: `The bucket policy of ${node.name} could not be parsed: ${error.message.replace(/\.$/, '')}; fix the snapshot or scan again.`,
        };
      }
      const statement = tlsOnlyStatement(document, `${node.arn}/*`);
      if (statement) {
        const name = statement.sid ? `statement ${statement.sid}` : 'a statement';
        return {
          status: 'PASS',
          resourceArn: node.arn,
          detail: `The bucket policy of ${node.name} denies requests made without TLS (${name}).`,
        };
      }
      return {
        status: 'FAIL',
        resourceArn: node.arn,
        detail: `The bucket policy of ${node.name} has no statement denying requests made without TLS (Deny s3:* to "*" on ${node.arn}/* when aws:SecureTransport is false).`,
      };
    });
  },
};
