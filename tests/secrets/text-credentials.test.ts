import { describe, expect, it } from 'vitest';
import { findCredentialsInText } from '../../shared/secrets/text-credentials.js';
import {
  constantPool,
  EXAMPLE_KEY_ID,
  EXAMPLE_SECRET_KEY,
  LONG_TERM_KEY_ID,
  SECRET_KEY,
  SECRET_KEY_WITHOUT_DIGIT,
  textFile,
} from './support/keys.js';

const ORIGIN = 'lib/app.jar!/config/app.properties';
const CLASS = 'lib/app.jar!/com/acme/OrdersJob.class';
const MASKED_36 = '*'.repeat(36);

describe('Function: findCredentialsInText', () => {
  it('returns an access key id anywhere in a line, with its line', () => {
    // Prepare
    const text = textFile('# rotated on Monday', `# old key ${LONG_TERM_KEY_ID} (see ticket)`);

    // Act
    const hits = findCredentialsInText(text, ORIGIN);

    // Assess
    expect(hits).toEqual([
      {
        origin: ORIGIN,
        line: 2,
        kind: 'access-key-id',
        maskedValue: 'AKIA************7IN5',
        example: false,
        accessKeyId: LONG_TERM_KEY_ID,
      },
    ]);
  });

  it('returns the key pair of a credentials file with the names they are assigned to', () => {
    // Prepare
    const text = textFile(
      '[default]',
      `aws_access_key_id = ${EXAMPLE_KEY_ID}`,
      `aws_secret_access_key = ${EXAMPLE_SECRET_KEY}`,
    );

    // Act
    const hits = findCredentialsInText(text, '.aws/credentials');

    // Assess
    expect(hits).toEqual([
      {
        origin: '.aws/credentials',
        line: 2,
        name: 'aws_access_key_id',
        kind: 'access-key-id',
        maskedValue: 'AKIA************MPLE',
        example: true,
        accessKeyId: EXAMPLE_KEY_ID,
      },
      {
        origin: '.aws/credentials',
        line: 3,
        name: 'aws_secret_access_key',
        kind: 'secret-access-key',
        maskedValue: `wJal${MASKED_36}`,
        example: true,
      },
    ]);
  });

  it.each([
    ['JSON', `  "secretKey": "${SECRET_KEY}",`, 'secretKey'],
    ['YAML', `  secret.key: ${SECRET_KEY}`, 'secret.key'],
    ['Hadoop properties', `fs.s3a.secret.key=${SECRET_KEY}`, 'fs.s3a.secret.key'],
  ])('returns a secret key assigned to a credential-like name in %s', (_format, line, name) => {
    // Act
    const hits = findCredentialsInText(textFile('region: eu-west-1', line), ORIGIN);

    // Assess
    expect(hits).toEqual([
      {
        origin: ORIGIN,
        line: 2,
        name,
        kind: 'secret-access-key',
        maskedValue: `5a46${MASKED_36}`,
        example: false,
      },
    ]);
  });

  it('returns a secret key next to a credential-like name that is not its assignment', () => {
    // Prepare
    const text = textFile(`client = S3(secretKey, "${SECRET_KEY_WITHOUT_DIGIT}")`);

    // Act
    const hits = findCredentialsInText(text, ORIGIN);

    // Assess
    expect(hits).toEqual([
      { origin: ORIGIN, line: 1, kind: 'secret-access-key', maskedValue: `Cshp${MASKED_36}`, example: false },
    ]);
  });

  it('returns a secret key on any line of a text that holds an access key id', () => {
    // Prepare
    const text = textFile(`user=${LONG_TERM_KEY_ID}`, `token=${SECRET_KEY}`);

    // Act
    const hits = findCredentialsInText(text, ORIGIN);

    // Assess
    expect(hits).toEqual([
      {
        origin: ORIGIN,
        line: 1,
        name: 'user',
        kind: 'access-key-id',
        maskedValue: 'AKIA************7IN5',
        example: false,
        accessKeyId: LONG_TERM_KEY_ID,
      },
      {
        origin: ORIGIN,
        line: 2,
        name: 'token',
        kind: 'secret-access-key',
        maskedValue: `5a46${MASKED_36}`,
        example: false,
      },
    ]);
  });

  it('returns nothing for a key-shaped token without evidence', () => {
    // Prepare
    const text = textFile(`checksum=${SECRET_KEY}`, 'digest: 9e107d9d372bb6826bd81d3542a419d6a4c2e1f0');

    // Act
    const hits = findCredentialsInText(text, ORIGIN);

    // Assess
    expect(hits).toEqual([]);
  });

  it.each([
    ['properties', 'aws.credentials.provider=BASIC', 'BASIC'],
    ['YAML', '  AWS_CREDENTIALS_PROVIDER: "ENV_VAR"', 'ENV_VAR'],
  ])('returns a long-term credentials provider set in %s', (_format, line, provider) => {
    // Act
    const hits = findCredentialsInText(textFile(line), ORIGIN);

    // Assess
    expect(hits).toEqual([
      {
        origin: ORIGIN,
        line: 1,
        name: line.includes('AWS_') ? 'AWS_CREDENTIALS_PROVIDER' : 'aws.credentials.provider',
        kind: 'long-term-credentials-provider',
        maskedValue: provider,
        example: false,
      },
    ]);
  });

  it('returns literal values of credential-like names as credential properties, masked', () => {
    // Prepare
    const text = textFile(
      '{"accessKey": "orders-writer", "secretKey": "correct-horse-battery"}',
      'fs.s3a.session.token=short',
    );

    // Act
    const hits = findCredentialsInText(text, ORIGIN);

    // Assess
    expect(hits).toEqual([
      {
        origin: ORIGIN,
        line: 1,
        name: 'accessKey',
        kind: 'credential-property',
        maskedValue: '*************',
        example: false,
      },
      {
        origin: ORIGIN,
        line: 1,
        name: 'secretKey',
        kind: 'credential-property',
        maskedValue: `corr${'*'.repeat(17)}`,
        example: false,
      },
      {
        origin: ORIGIN,
        line: 2,
        name: 'fs.s3a.session.token',
        kind: 'credential-property',
        maskedValue: '*****',
        example: false,
      },
    ]);
  });

  it('returns nothing for placeholders, empty or masked values, code and role-based providers', () => {
    // Prepare
    const text = textFile(
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal ${…} placeholder is the input under test
      'aws_secret_access_key=${AWS_SECRET_ACCESS_KEY}',
      'secretKey: "{{ secret_key }}"',
      'accessKey = <your-access-key>',
      '"sessionToken": ""',
      'fs.s3a.secret.key=********',
      '    String secretKey = secret;',
      'aws.credentials.provider=AUTO',
    );

    // Act
    const hits = findCredentialsInText(text, ORIGIN);

    // Assess
    expect(hits).toEqual([]);
  });

  it('returns the value of a Hadoop XML property on the line of its value', () => {
    // Prepare
    const text = textFile(
      '<configuration>',
      '  <property>',
      '    <name>fs.s3a.secret.key</name>',
      `    <value>${SECRET_KEY_WITHOUT_DIGIT}</value>`,
      '  </property>',
      '</configuration>',
    );

    // Act
    const hits = findCredentialsInText(text, 'core-site.xml');

    // Assess
    expect(hits).toEqual([
      {
        origin: 'core-site.xml',
        line: 4,
        name: 'fs.s3a.secret.key',
        kind: 'secret-access-key',
        maskedValue: `Cshp${MASKED_36}`,
        example: false,
      },
    ]);
  });

  it('returns hits on the right lines of a text with Windows line endings', () => {
    // Prepare
    const text = ['# keys', `accessKeyId: ${LONG_TERM_KEY_ID}`, `secretAccessKey: ${SECRET_KEY}`].join(
      '\r\n',
    );

    // Act
    const hits = findCredentialsInText(text, ORIGIN);

    // Assess
    expect(hits).toEqual([
      {
        origin: ORIGIN,
        line: 2,
        name: 'accessKeyId',
        kind: 'access-key-id',
        maskedValue: 'AKIA************7IN5',
        example: false,
        accessKeyId: LONG_TERM_KEY_ID,
      },
      {
        origin: ORIGIN,
        line: 3,
        name: 'secretAccessKey',
        kind: 'secret-access-key',
        maskedValue: `5a46${MASKED_36}`,
        example: false,
      },
    ]);
  });
});

describe('Function: findCredentialsInText (strings layout)', () => {
  it('returns a secret key when another string of the pool is a credential-like name, without a line', () => {
    // Prepare
    const pool = constantPool(
      'com/acme/OrdersJob',
      'secretKey',
      'Ljava/lang/String;',
      SECRET_KEY_WITHOUT_DIGIT,
    );

    // Act
    const hits = findCredentialsInText(pool, CLASS, { layout: 'strings' });

    // Assess
    expect(hits).toEqual([
      { origin: CLASS, kind: 'secret-access-key', maskedValue: `Cshp${MASKED_36}`, example: false },
    ]);
  });

  it('returns the key pair of a pool that holds an access key id', () => {
    // Prepare
    const pool = constantPool('com/amazonaws/auth/BasicAWSCredentials', LONG_TERM_KEY_ID, SECRET_KEY);

    // Act
    const hits = findCredentialsInText(pool, CLASS, { layout: 'strings' });

    // Assess
    expect(hits).toEqual([
      {
        origin: CLASS,
        kind: 'access-key-id',
        maskedValue: 'AKIA************7IN5',
        example: false,
        accessKeyId: LONG_TERM_KEY_ID,
      },
      { origin: CLASS, kind: 'secret-access-key', maskedValue: `5a46${MASKED_36}`, example: false },
    ]);
  });

  it('returns the provider when its name and a long-term value are separate strings', () => {
    // Prepare
    const pool = constantPool('aws.region', 'eu-west-1', 'aws.credentials.provider', 'BASIC', 'setProperty');

    // Act
    const hits = findCredentialsInText(pool, CLASS, { layout: 'strings' });

    // Assess
    expect(hits).toEqual([
      {
        origin: CLASS,
        name: 'aws.credentials.provider',
        kind: 'long-term-credentials-provider',
        maskedValue: 'BASIC',
        example: false,
      },
    ]);
  });

  it('returns nothing for key-shaped strings and class paths of a pool without evidence', () => {
    // Prepare
    const pool = constantPool(SECRET_KEY, 'com/example/streaming/OrdersJobConfig/v2', 'BASIC', 'orders');

    // Act
    const hits = findCredentialsInText(pool, CLASS, { layout: 'strings' });

    // Assess
    expect(hits).toEqual([]);
  });

  it('returns nothing for class paths and format strings even beside a credential-like name', () => {
    // Prepare
    const pool = constantPool(
      'secretKey',
      'com/example/streaming/OrdersJobConfig/v2',
      'org/apache/flink/streaming/api/function',
      'secretKey=%s',
      'accessKey: {}',
    );

    // Act
    const hits = findCredentialsInText(pool, CLASS, { layout: 'strings' });

    // Assess
    expect(hits).toEqual([]);
  });
});
