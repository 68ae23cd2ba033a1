/**
 * An account full of planted AWS credentials, for the secrets reliability test: live and example
 * access keys in every runtime property group, in code JARs (text files, class constants, a nested
 * JAR), in descriptions and role tags; and key ids in code object keys. Every value is drawn from a seed, so no
 * fixed string can pass by accident; none is a literal of this file.
 */
import { zipSync } from 'fflate';
import { generateAccount } from '../../../sandbox/generator/generate-account.js';
import { SeededRandom } from '../../../sandbox/generator/random.js';
import { minimalClassFile } from '../../../shared/archive/class-file-writer.js';
import { isSecretAccessKey } from '../../../shared/secrets/key-shapes.js';
import type { AccountSnapshot, ApplicationDetail, BucketDetail } from '../../../shared/snapshot/types.js';

const KEY_ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const SECRET_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const PASSWORD_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** One planted value, and the part of it that masking hides (what must never appear). */
export interface PlantedValue {
  value: string;
  /** The characters a masked form never shows: the middle of a key id, all but 4 of a secret. */
  hidden: string;
}

/** The planted account and every credential value in it. */
export interface PlantedAccount {
  snapshot: AccountSnapshot;
  /** Credentials planted as values: properties, code, descriptions, tags. */
  values: PlantedValue[];
  /**
   * Key ids planted in code object keys: part of a resource's name, which reports show as it is
   * (docs/reliability.md, Secrets), so they are kept apart from the values.
   */
  names: string[];
  /** Names of the applications whose properties and code hold credentials. */
  applications: string[];
}

/** Draws credential values from a seed and remembers every one of them. */
class CredentialDrawer {
  readonly values: PlantedValue[] = [];
  readonly names: string[] = [];
  readonly #random: SeededRandom;

  constructor(seed: number) {
    this.#random = new SeededRandom(seed);
  }

  /** A long-term (AKIA), temporary (ASIA) or documentation-style example (…EXAMPLE) key id. */
  keyId(kind: 'live' | 'temporary' | 'example' = 'live'): string {
    const prefix = kind === 'temporary' ? 'ASIA' : 'AKIA';
    const body =
      kind === 'example'
        ? `${this.#random.characters(KEY_ID_ALPHABET, 9)}EXAMPLE`
        : this.#random.characters(KEY_ID_ALPHABET, 16);
    return this.#remember(`${prefix}${body}`, 4, 16);
  }

  /** A 40-character secret access key that passes for one on its shape alone (or an example one). */
  secret(kind: 'live' | 'example' = 'live'): string {
    for (;;) {
      const value =
        kind === 'example'
          ? `${this.#random.characters(SECRET_ALPHABET, 30)}EXAMPLEKEY`
          : this.#random.characters(SECRET_ALPHABET, 40);
      if (isSecretAccessKey(value, 'standalone')) return this.#remember(value, 4, 40);
    }
  }

  /** A long-term key id to put in a resource's name. */
  nameKeyId(): string {
    const keyId = `AKIA${this.#random.characters(KEY_ID_ALPHABET, 16)}`;
    this.names.push(keyId);
    return keyId;
  }

  /** A password of 24 letters and digits. */
  password(): string {
    return this.#remember(this.#random.characters(PASSWORD_ALPHABET, 24), 4, 24);
  }

  #remember(value: string, hiddenFrom: number, hiddenTo: number): string {
    this.values.push({ value, hidden: value.slice(hiddenFrom, hiddenTo) });
    return value;
  }
}

/**
 * A generated account (a few applications over two regions) whose every application carries
 * credentials everywhere a person might paste them; live key ids are also IAM users' active keys.
 */
export function plantedAccount(seed: number): PlantedAccount {
  const snapshot = generateAccount({ applications: 4, regions: 2, seed });
  const draw = new CredentialDrawer(seed);
  const applications: string[] = [];
  for (const region of Object.values(snapshot.regions ?? {})) {
    for (const application of region.applications ?? []) {
      plantInApplication(snapshot, application, draw);
      applications.push(application.ApplicationName);
    }
  }
  for (const role of snapshot.iam?.roles ?? []) {
    role.Tags = [
      ...(role.Tags ?? []),
      { Key: 'deploy-access-key', Value: draw.keyId() },
      { Key: 'deploy-secret-key', Value: draw.secret() },
    ];
  }
  return { snapshot, values: draw.values, names: draw.names, applications };
}

function plantInApplication(
  snapshot: AccountSnapshot,
  application: ApplicationDetail,
  draw: CredentialDrawer,
) {
  const liveKeyId = draw.keyId();
  registerActiveKey(snapshot, liveKeyId, `${application.ApplicationName}-deployer`);
  application.ApplicationDescription = `Deployed with ${draw.keyId()} ${draw.secret()}. ${String(
    application.ApplicationDescription ?? '',
  )}`;

  const configuration = application.ApplicationConfigurationDescription ?? {};
  const groups = configuration.EnvironmentPropertyDescriptions?.PropertyGroupDescriptions ?? [];
  configuration.EnvironmentPropertyDescriptions = { PropertyGroupDescriptions: groups };
  application.ApplicationConfigurationDescription = configuration;
  // Every group the application already has gets credentials next to its real settings.
  for (const group of groups) {
    group.PropertyMap = {
      ...group.PropertyMap,
      'aws.secret.access.key': draw.secret(),
      'aws.access.key.id': draw.keyId('temporary'),
      password: draw.password(),
    };
  }
  groups.push(
    {
      PropertyGroupId: 'ConsumerConfigProperties',
      PropertyMap: {
        'aws.credentials.provider': 'BASIC',
        'aws.credentials.provider.basic.accesskeyid': liveKeyId,
        'aws.credentials.provider.basic.secretkey': draw.secret(),
      },
    },
    {
      PropertyGroupId: 'SinkSettings',
      PropertyMap: {
        'sink.endpoint': `https://${draw.keyId('example')}:${draw.secret('example')}@sink.example.com/`,
        'checkpoint.token': draw.secret(),
        'db.password': draw.password(),
      },
    },
  );

  const location =
    configuration.ApplicationCodeConfigurationDescription?.CodeContentDescription
      ?.S3ApplicationCodeLocationDescription;
  if (!location?.BucketARN || !location.FileKey) return;
  const bucket = bucketNamed(snapshot, location.BucketARN.replace(/^arn:[^:]+:s3:::/, ''));
  const object = bucket?.Objects?.find((entry) => entry.Key === location.FileKey);
  if (!object) return;
  // The role may read the application's own prefix: the key id goes below it.
  const key = object.Key.replace(/\/([^/]+)$/, `/${draw.nameKeyId()}/$1`);
  const jar = leakyJar(draw, liveKeyId);
  location.FileKey = key;
  object.Key = key;
  object.Size = jar.length;
  object.ContentBase64 = Buffer.from(jar).toString('base64');
  delete object.ETag;
}

function registerActiveKey(snapshot: AccountSnapshot, accessKeyId: string, userName: string) {
  const iam = snapshot.iam ?? {};
  snapshot.iam = iam;
  iam.accessKeys = [...(iam.accessKeys ?? [])];
  iam.accessKeys.push({
    AccessKeyId: accessKeyId,
    Account: snapshot.accountId,
    UserName: userName,
    Status: 'Active',
    CreateDate: '2025-03-01T09:00:00Z',
    AccessKeyLastUsed: { LastUsedDate: '2026-11-28T09:00:00Z', ServiceName: 's3', Region: 'eu-west-1' },
  });
}

function bucketNamed(snapshot: AccountSnapshot, name: string): BucketDetail | undefined {
  return snapshot.s3?.buckets?.find((bucket) => bucket.Name === name);
}

/** A Flink JAR leaking keys in a properties file, a Hadoop XML, class constants and a nested JAR. */
function leakyJar(draw: CredentialDrawer, liveKeyId: string): Uint8Array {
  const text = (content: string) => new TextEncoder().encode(content);
  const nested = zipSync({
    'credentials.properties': text(
      `aws.accessKeyId=${draw.keyId()}\naws.secretKey=${draw.secret()}\nsecret.key.example=${draw.secret('example')}\n`,
    ),
  });
  return zipSync({
    'META-INF/MANIFEST.MF': text('Manifest-Version: 1.0\nMain-Class: com.acme.Job\n'),
    'application.properties': text(
      `aws.access.key.id=${liveKeyId}\naws.secret.access.key=${draw.secret()}\npassword=${draw.password()}\n`,
    ),
    'core-site.xml': text(
      `<configuration>\n<property>\n<name>fs.s3a.access.key</name>\n<value>${draw.keyId('example')}</value>\n</property>\n<property>\n<name>fs.s3a.secret.key</name>\n<value>${draw.secret()}</value>\n</property>\n</configuration>\n`,
    ),
    'com/acme/Archiver.class': minimalClassFile('com/acme/Archiver', [
      'accessKey',
      draw.keyId(),
      'secretKey',
      draw.secret(),
    ]),
    'lib/vendor-client.jar': nested,
  });
}
