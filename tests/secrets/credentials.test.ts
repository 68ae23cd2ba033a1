import { describe, expect, it } from 'vitest';
import { detectCredentials } from '../../shared/secrets/credentials.js';
import {
  EXAMPLE_KEY_ID,
  EXAMPLE_SECRET_KEY,
  LONG_TERM_KEY_ID,
  propertyGroup,
  SECRET_KEY,
  SECRET_KEY_WITHOUT_DIGIT,
} from './support/keys.js';

const MASKED_36 = '*'.repeat(36);

describe('Function: detectCredentials', () => {
  it('returns the AWS documentation example keys under the BASIC provider, masked and marked as examples', () => {
    // Prepare
    const groups = [
      propertyGroup({
        'aws.region': 'eu-west-1',
        'aws.credentials.provider': 'BASIC',
        'aws.credentials.provider.basic.accesskeyid': EXAMPLE_KEY_ID,
        'aws.credentials.provider.basic.secretkey': EXAMPLE_SECRET_KEY,
      }),
    ];

    // Act
    const hits = detectCredentials(groups);

    // Assess
    expect(hits).toEqual([
      {
        group: 'ConsumerConfigProperties',
        key: 'aws.credentials.provider',
        kind: 'long-term-credentials-provider',
        maskedValue: 'BASIC',
        example: false,
      },
      {
        group: 'ConsumerConfigProperties',
        key: 'aws.credentials.provider.basic.accesskeyid',
        kind: 'access-key-id',
        maskedValue: 'AKIA************MPLE',
        example: true,
        accessKeyId: EXAMPLE_KEY_ID,
      },
      {
        group: 'ConsumerConfigProperties',
        key: 'aws.credentials.provider.basic.secretkey',
        kind: 'secret-access-key',
        maskedValue: `wJal${MASKED_36}`,
        example: true,
      },
    ]);
  });

  it('returns a key pair that is not an example with example false', () => {
    // Prepare
    const groups = [
      propertyGroup({ aws_access_key_id: LONG_TERM_KEY_ID, aws_secret_access_key: SECRET_KEY }, 'Sink'),
    ];

    // Act
    const hits = detectCredentials(groups);

    // Assess
    expect(hits).toEqual([
      {
        group: 'Sink',
        key: 'aws_access_key_id',
        kind: 'access-key-id',
        maskedValue: 'AKIA************7IN5',
        example: false,
        accessKeyId: LONG_TERM_KEY_ID,
      },
      {
        group: 'Sink',
        key: 'aws_secret_access_key',
        kind: 'secret-access-key',
        maskedValue: `5a46${MASKED_36}`,
        example: false,
      },
    ]);
  });

  it.each(['ENV_VAR', 'SYS_PROP', 'PROFILE', 'basic'])(
    'returns a provider hit for %s under any key case',
    (provider) => {
      // Act
      const hits = detectCredentials([propertyGroup({ AWS_CREDENTIALS_PROVIDER: provider })]);

      // Assess
      expect(hits).toEqual([
        {
          group: 'ConsumerConfigProperties',
          key: 'AWS_CREDENTIALS_PROVIDER',
          kind: 'long-term-credentials-provider',
          maskedValue: provider,
          example: false,
        },
      ]);
    },
  );

  it.each([
    'aws_access_key_id',
    'aws_secret_access_key',
    'accessKey',
    'secretKey',
    'awsSecretKey',
    'aws.secret.key',
    'fs.s3a.secret.key',
  ])('returns a credential-property hit for a non-empty %s, masked to 4 characters', (key) => {
    // Act
    const hits = detectCredentials([propertyGroup({ [key]: 'not-a-key-shape-value' }, 'Sink')]);

    // Assess
    expect(hits).toEqual([
      {
        group: 'Sink',
        key,
        kind: 'credential-property',
        maskedValue: 'not-*****************',
        example: false,
      },
    ]);
  });

  it('returns an access key id found inside a longer value under any key', () => {
    // Act
    const hits = detectCredentials([
      propertyGroup({ 'jdbc.url': `jdbc:athena://x;User=ASIAIOSFODNN7EXAMPLE;Region=eu` }),
    ]);

    // Assess
    expect(hits).toEqual([
      {
        group: 'ConsumerConfigProperties',
        key: 'jdbc.url',
        kind: 'access-key-id',
        maskedValue: 'ASIA************MPLE',
        example: true,
        accessKeyId: 'ASIAIOSFODNN7EXAMPLE',
      },
    ]);
  });

  it('returns a secret-key-like 40-character value with a digit under an innocent key', () => {
    // Act
    const hits = detectCredentials([propertyGroup({ 'sink.token': SECRET_KEY })]);

    // Assess
    expect(hits).toEqual([
      {
        group: 'ConsumerConfigProperties',
        key: 'sink.token',
        kind: 'secret-access-key',
        maskedValue: `5a46${MASKED_36}`,
        example: false,
      },
    ]);
  });

  it('returns a digit-less secret key when its group also holds an access key id', () => {
    // Prepare
    const groups = [propertyGroup({ 'sink.user': LONG_TERM_KEY_ID, 'sink.token': SECRET_KEY_WITHOUT_DIGIT })];

    // Act
    const hits = detectCredentials(groups);

    // Assess
    expect(hits).toEqual([
      {
        group: 'ConsumerConfigProperties',
        key: 'sink.user',
        kind: 'access-key-id',
        maskedValue: 'AKIA************7IN5',
        example: false,
        accessKeyId: LONG_TERM_KEY_ID,
      },
      {
        group: 'ConsumerConfigProperties',
        key: 'sink.token',
        kind: 'secret-access-key',
        maskedValue: `Cshp${MASKED_36}`,
        example: false,
      },
    ]);
  });

  it('returns nothing for a digit-less secret key alone under an innocent key', () => {
    // Act
    const hits = detectCredentials([propertyGroup({ 'sink.token': SECRET_KEY_WITHOUT_DIGIT })]);

    // Assess
    expect(hits).toEqual([]);
  });

  it('returns nothing for role-based providers, empty key properties, digests, identifiers and paths', () => {
    // Prepare
    const groups = [
      propertyGroup({
        'aws.credentials.provider': 'AUTO',
        'aws.credentials.provider.role.arn': 'arn:aws:iam::111122223333:role/reader',
        'aws.credentials.provider.basic.secretkey': '',
        'build.commit': '9e107d9d372bb6826bd81d3542a419d6a4c2e1f0',
        'job.class': 'com/example/streaming/OrdersJobConfig/v2',
        'auth.scheme': 'KinesisAnalyticsV2HttpAuthSchemeProvider',
        'pattern.test': 'AbCdAbCdAbCdAbCdAbCdAbCdAbCdAbCd12341234',
        'input.stream.name': 'clickstream-raw',
        'checkpoint.path': 's3://acme-checkpoints/orders/flink',
      }),
    ];

    // Act
    const hits = detectCredentials(groups);

    // Assess
    expect(hits).toEqual([]);
  });
});
