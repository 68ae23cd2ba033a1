import type { ArtifactCredentialFinding, ArtifactCredentialScan } from '../../snapshot/artifact-scan.js';
import type { Check, CheckContext, CheckOutcome } from '../types.js';
import { codeArtifact } from './code-artifact.js';
import { keyLiveness } from './key-liveness.js';

export const codeArtifactNoCredentials: Check = {
  metadata: {
    id: 'code-artifact-no-credentials',
    title: "The application's code artifact holds no AWS credentials",
    bestPractice: 'iam-roles',
    severity: 'high',
    escalatesTo: 'critical',
    description:
      "Downloads the application's code object from S3 (up to a size cap), opens the JAR/ZIP, nested " +
      'archives included, and looks for AWS access keys in its text entries (properties, YAML, JSON, XML, ' +
      'configuration, scripts) and in the constant pools of its class files. For each access key id of ' +
      'this account, looks up in IAM whether the key is active and when it was last used. Findings show ' +
      'only masked values.',
    logic:
      'FAIL: an entry holds an access key id (AKIA/ASIA…), a secret access key (40 base64 characters above ' +
      'the entropy threshold, next to a credential-like name or an access key id), a credential-like ' +
      'setting with a value, or aws.credentials.provider set to a long-term provider; severity rises to ' +
      'critical when a key is active in this account or its lookup failed (it may be active). The AWS documentation example keys (…EXAMPLE, ' +
      '…EXAMPLEKEY), which SDK JARs carry in their documentation, are not credentials and are ignored. ' +
      'ERROR: the object could not be read (denied, missing, larger than the cap), is not a ZIP/JAR, or ' +
      'the scan stopped at a cap (zip-bomb limits, an entry too large) before proving the rest clean. ' +
      'NOT_APPLICABLE: the code is not an S3 object (inline SQL). PASS: the whole artifact was read and ' +
      'holds no credential.',
    risk:
      'Keys compiled into a JAR are copied to every build cache, artifact repository and developer laptop ' +
      'that ever held it, cannot be rotated without a rebuild, and bypass the least privilege of the ' +
      'execution role.',
    remediation: {
      console:
        'Deactivate and delete the exposed access key in IAM first. Then remove the keys from the source ' +
        'and configuration, let the AWS SDK and the Flink connectors use the execution role (default ' +
        'credentials provider), rebuild the JAR, upload it and update the application to the new object.',
      cli: [
        'aws iam update-access-key --user-name <user-name> --access-key-id <access-key-id> --status Inactive',
        'aws iam delete-access-key --user-name <user-name> --access-key-id <access-key-id>',
        'aws s3 cp target/app.jar s3://<code-bucket>/<code-key>',
        'aws kinesisanalyticsv2 update-application --application-name <application-name> --current-application-version-id <version-id> --application-configuration-update \'{"ApplicationCodeConfigurationUpdate":{"CodeContentUpdate":{"S3ContentLocationUpdate":{"FileKeyUpdate":"<code-key>"}}}}\'',
      ].join('\n'),
      cloudformation: [
        'Resources:',
        '  Application:',
        '    Type: AWS::KinesisAnalyticsV2::Application',
        '    Properties:',
        '      ServiceExecutionRole: !GetAtt ExecutionRole.Arn',
        '      ApplicationConfiguration:',
        '        ApplicationCodeConfiguration:',
        '          CodeContentType: ZIPFILE',
        '          CodeContent:',
        '            S3ContentLocation:',
        '              BucketARN: !GetAtt CodeBucket.Arn',
        '              FileKey: app-without-keys.jar',
      ].join('\n'),
      references: [
        'https://docs.aws.amazon.com/managed-flink/latest/java/iam-role.html',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html',
        'https://docs.aws.amazon.com/sdkref/latest/guide/standardized-credentials.html',
      ],
    },
  },
  evaluate(context) {
    const name = context.application.ApplicationName;
    const artifact = codeArtifact(context);
    if (artifact.state === 'not-in-s3') {
      return [
        {
          status: 'NOT_APPLICABLE',
          resourceArn: context.application.ApplicationARN,
          detail: `${name} has no code object in S3 (its code is inline), so there is no artifact to scan.`,
        },
      ];
    }
    const subject = `The code of ${name}, ${artifact.uri},`;
    if (artifact.state === 'unknown') {
      return [
        {
          status: 'ERROR',
          resourceArn: artifact.objectArn,
          detail: `${subject} could not be scanned: ${artifact.reason}.`,
        },
      ];
    }
    return [judgeScan(context, subject, artifact.objectArn, artifact.scan)];
  },
};

function judgeScan(
  context: CheckContext,
  subject: string,
  resourceArn: string,
  scan: ArtifactCredentialScan,
): CheckOutcome {
  const credentials = scan.Findings.filter((finding) => !finding.Example);
  const examples = scan.Findings.length - credentials.length;
  if (credentials.length > 0) {
    const liveness = keyLiveness(
      context.index,
      credentials.flatMap((finding) => (finding.AccessKeyId ? [finding.AccessKeyId] : [])),
    );
    const listed = credentials.map((finding) => describeFinding(finding, liveness.standing)).join('; ');
    const unread = scan.Incomplete ? ` The scan did not read everything: ${scan.Incomplete}.` : '';
    return {
      status: 'FAIL',
      resourceArn,
      detail: `${subject} holds AWS credentials: ${listed}.${unread}`,
      ...(liveness.severity ? { severity: liveness.severity } : {}),
    };
  }
  const read = `${scan.Entries} entries, ${scan.TextsRead} text file(s), ${scan.ClassesRead} class file(s), ${scan.NestedArchives} nested archive(s)`;
  const ignored = examples > 0 ? ` ${examples} example key(s) from the AWS documentation were ignored.` : '';
  if (scan.Incomplete) {
    return {
      status: 'ERROR',
      resourceArn,
      detail: `${subject} holds no AWS credentials in what could be read (${read}), but ${scan.Incomplete}.${ignored}`,
    };
  }
  return {
    status: 'PASS',
    resourceArn,
    detail: `${subject} holds no AWS credentials (${read} read).${ignored}`,
  };
}

const KIND_WORDING: Record<string, string> = {
  'long-term-credentials-provider': 'sets a long-term credentials provider',
  'credential-property': 'sets a credential',
  'access-key-id': 'holds an access key id',
  'secret-access-key': 'holds what looks like a secret access key',
};

function describeFinding(finding: ArtifactCredentialFinding, standing: ReadonlyMap<string, string>): string {
  const where = `${finding.Origin}${finding.Line !== undefined ? `:${finding.Line}` : ''}`;
  const what = KIND_WORDING[finding.Kind] ?? `holds a credential (${finding.Kind})`;
  const state = finding.AccessKeyId ? standing.get(finding.AccessKeyId) : undefined;
  return `${where} ${what} (${finding.MaskedValue}${state ? `; ${state}` : ''})`;
}
