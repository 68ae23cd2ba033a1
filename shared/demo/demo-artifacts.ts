import { createHash } from 'node:crypto';
import { minimalClassFile } from '../archive/class-file-writer.js';
import { writeStoredZip } from '../archive/zip-writer.js';
import type { AccessKeyDetail, BucketObject } from '../snapshot/types.js';
import { DEMO_ACCOUNT_ID } from './demo-iam.js';

// The key baked into fraud-scorer's JAR. Built at run time, so no key-shaped literal sits in the
// source for secret scanners to flag: the id is "AKIA" and 16 letters, the secret a hash.
const LEAKED_KEY_ID = ['AKIA', 'ZDEMOFRAUDSCORER'].join('');
const LEAKED_SECRET = createHash('sha256')
  .update('kda-auditor demo: not a real key')
  .digest('base64')
  .slice(0, 40);

/** Every credential value planted in the demo's code, so tests can prove none reaches any output. */
export const DEMO_PLANTED_CODE_SECRETS: readonly string[] = [LEAKED_KEY_ID, LEAKED_SECRET];

/** The IAM user the leaked key belongs to, and what IAM says of the key: active, used yesterday. */
export const DEMO_ACCESS_KEYS: AccessKeyDetail[] = [
  {
    AccessKeyId: LEAKED_KEY_ID,
    Account: DEMO_ACCOUNT_ID,
    UserName: 'fraud-batch-uploader',
    Status: 'Active',
    CreateDate: '2023-04-11T08:30:00Z',
    AccessKeyLastUsed: { LastUsedDate: '2026-11-28T23:41:00Z', ServiceName: 's3', Region: 'eu-west-1' },
  },
];

const MANIFEST = 'Manifest-Version: 1.0\nCreated-By: Apache Maven\nMain-Class: com.acme.StreamingJob\n';

// What a shaded Flink JAR carries from the AWS SDK: documentation with the AWS example keys, which
// the scan must recognise as examples.
const SDK_DOCUMENTATION =
  '# Shared credentials file format (documentation)\n' +
  '[default]\n' +
  `aws_access_key_id = ${['AKIA', 'IOSFODNN7EXAMPLE'].join('')}\n` +
  `aws_secret_access_key = ${['wJalrXUtnFEMI/K7MDENG/', 'bPxRfiCYEXAMPLEKEY'].join('')}\n`;

/**
 * The code object of a demo application: a small JAR with a manifest, a job class, its
 * configuration and SDK documentation; fraud-scorer's also holds a class with a live access key.
 */
export function demoCodeObject(application: string, key: string): BucketObject {
  const packageName = application.replace(/-/g, '');
  const entries = [
    { path: 'META-INF/MANIFEST.MF', content: MANIFEST },
    {
      path: 'com/acme/StreamingJob.class',
      content: minimalClassFile('com/acme/StreamingJob', ['aws.region', 'input.stream.name', application]),
    },
    { path: 'application.properties', content: `application.name=${application}\nparallelism=4\n` },
    { path: 'com/amazonaws/auth/credentials-file-format.txt', content: SDK_DOCUMENTATION },
  ];
  if (application === 'fraud-scorer') {
    entries.push({
      path: `com/acme/${packageName}/ArchiveUploader.class`,
      content: minimalClassFile(`com/acme/${packageName}/ArchiveUploader`, [
        'accessKey',
        LEAKED_KEY_ID,
        'secretKey',
        LEAKED_SECRET,
        'fraud-archive',
      ]),
    });
  }
  const jar = writeStoredZip(entries);
  return { Key: key, VersionId: null, Size: jar.length, ContentBase64: Buffer.from(jar).toString('base64') };
}
