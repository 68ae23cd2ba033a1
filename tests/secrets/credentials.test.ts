import { describe, expect, it } from 'vitest';
import { detectCredentials } from '../../shared/secrets/credentials.js';

// The example keys of the AWS documentation: never real, always detected.
const ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
const SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

function group(PropertyMap: Record<string, string>, PropertyGroupId = 'ConsumerConfigProperties') {
  return { PropertyGroupId, PropertyMap };
}

describe('Function: detectCredentials', () => {
  it('returns the AWS documentation example keys under the BASIC provider, masked', () => {
    // Prepare
    const groups = [
      group({
        'aws.region': 'eu-west-1',
        'aws.credentials.provider': 'BASIC',
        'aws.credentials.provider.basic.accesskeyid': ACCESS_KEY_ID,
        'aws.credentials.provider.basic.secretkey': SECRET_ACCESS_KEY,
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
      },
      {
        group: 'ConsumerConfigProperties',
        key: 'aws.credentials.provider.basic.accesskeyid',
        kind: 'access-key-id',
        maskedValue: 'AKIA************MPLE',
      },
      {
        group: 'ConsumerConfigProperties',
        key: 'aws.credentials.provider.basic.secretkey',
        kind: 'secret-access-key',
        maskedValue: 'wJal********************************EKEY',
      },
    ]);
  });

  it.each(['ENV_VAR', 'SYS_PROP', 'PROFILE', 'basic'])(
    'returns a provider hit for %s under any key case',
    (provider) => {
      // Act
      const hits = detectCredentials([group({ AWS_CREDENTIALS_PROVIDER: provider })]);

      // Assess
      expect(hits).toEqual([
        {
          group: 'ConsumerConfigProperties',
          key: 'AWS_CREDENTIALS_PROVIDER',
          kind: 'long-term-credentials-provider',
          maskedValue: provider,
        },
      ]);
    },
  );

  it.each([
    'aws_access_key_id',
    'aws_secret_access_key',
    'accessKey',
    'secretKey',
    'aws.secret.key',
    'fs.s3a.secret.key',
  ])('returns a credential-property hit for a non-empty %s, masked', (key) => {
    // Act
    const hits = detectCredentials([group({ [key]: 'not-a-key-shape-value' }, 'Sink')]);

    // Assess
    expect(hits).toEqual([
      { group: 'Sink', key, kind: 'credential-property', maskedValue: 'not-*************alue' },
    ]);
  });

  it('returns an access key id found inside a longer value under any key', () => {
    // Act
    const hits = detectCredentials([
      group({ 'jdbc.url': `jdbc:athena://x;User=ASIAIOSFODNN7EXAMPLE;Region=eu` }),
    ]);

    // Assess
    expect(hits).toEqual([
      {
        group: 'ConsumerConfigProperties',
        key: 'jdbc.url',
        kind: 'access-key-id',
        maskedValue: 'ASIA************MPLE',
      },
    ]);
  });

  it('returns a secret-key-like 40-character value under an innocent key', () => {
    // Act
    const hits = detectCredentials([group({ 'sink.token': SECRET_ACCESS_KEY })]);

    // Assess
    expect(hits).toEqual([
      {
        group: 'ConsumerConfigProperties',
        key: 'sink.token',
        kind: 'secret-access-key',
        maskedValue: 'wJal********************************EKEY',
      },
    ]);
  });

  it('returns nothing for the role-based providers, empty key properties, hex digests and ordinary values', () => {
    // Prepare
    const groups = [
      group({
        'aws.credentials.provider': 'AUTO',
        'aws.credentials.provider.role.arn': 'arn:aws:iam::111122223333:role/reader',
        'aws.credentials.provider.basic.secretkey': '',
        'build.commit': '9e107d9d372bb6826bd81d3542a419d6a4c2e1f0',
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
