import { minimalClassFile } from '../../shared/archive/class-file-writer.js';
import { writeStoredZip } from '../../shared/archive/zip-writer.js';
import type { AccessKeyDetail, BucketObject } from '../../shared/snapshot/types.js';
import type { AccountArns } from './account-arns.js';
import { GENERATED_AT } from './generated-time.js';
import type { SeededRandom } from './random.js';

const KEY_ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const SECRET_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** A generated application's code object, and the IAM key it leaks when one is planted. */
export interface GeneratedCode {
  object: BucketObject;
  leakedKey?: AccessKeyDetail;
}

/**
 * A small JAR for a generated application: manifest, job class, configuration. With `leak`, a
 * class also holds an access key of an IAM user of the account (active or not, at random), as
 * compiled-in constants do.
 */
export function generatedCode(
  arns: AccountArns,
  random: SeededRandom,
  application: { name: string; team: string; key: string },
  leak: boolean,
): GeneratedCode {
  const entries = [
    {
      path: 'META-INF/MANIFEST.MF',
      content: `Manifest-Version: 1.0\nMain-Class: com.example.${application.team}.Job\n`,
    },
    {
      path: `com/example/${application.team}/Job.class`,
      content: minimalClassFile(`com/example/${application.team}/Job`, ['aws.region', application.name]),
    },
    { path: 'application.properties', content: `application.name=${application.name}\n` },
  ];
  let leakedKey: AccessKeyDetail | undefined;
  if (leak) {
    const accessKeyId = `AKIA${pick(random, KEY_ID_ALPHABET, 16)}`;
    const secret = pick(random, SECRET_ALPHABET, 40);
    entries.push({
      path: `com/example/${application.team}/S3Archiver.class`,
      content: minimalClassFile(`com/example/${application.team}/S3Archiver`, [
        'accessKey',
        accessKeyId,
        'secretKey',
        secret,
      ]),
    });
    leakedKey = {
      AccessKeyId: accessKeyId,
      Account: arns.accountId,
      UserName: `${application.team}-ci`,
      Status: random.chance(0.7) ? 'Active' : 'Inactive',
      CreateDate: '2024-02-01T09:00:00Z',
      AccessKeyLastUsed: { LastUsedDate: GENERATED_AT, ServiceName: 's3', Region: 'us-east-1' },
    };
  }
  const jar = writeStoredZip(entries);
  return {
    object: { Key: application.key, Size: jar.length, ContentBase64: Buffer.from(jar).toString('base64') },
    ...(leakedKey ? { leakedKey } : {}),
  };
}

function pick(random: SeededRandom, alphabet: string, length: number): string {
  let text = '';
  for (let i = 0; i < length; i += 1) text += alphabet[random.below(alphabet.length)];
  return text;
}
