import { describe, expect, it } from 'vitest';
import {
  isCredentialName,
  isLongTermProvider,
  isProviderName,
  normaliseCredentialName,
} from '../../shared/secrets/credential-names.js';

describe('Function: normaliseCredentialName', () => {
  it.each([
    ['AWSSecretKey', 'aws.secret.key'],
    ['awsSecretAccessKey', 'aws.secret.access.key'],
    ['AWS_SECRET_ACCESS_KEY', 'aws.secret.access.key'],
    ['fs.s3a.secret-key', 'fs.s3a.secret.key'],
    ['aws.credentials.provider.basic.accesskeyid', 'aws.credentials.provider.basic.accesskeyid'],
  ])('returns %s as %s', (name, normalised) => {
    // Act
    const result = normaliseCredentialName(name);

    // Assess
    expect(result).toBe(normalised);
  });
});

describe('Function: isCredentialName', () => {
  it.each([
    'aws_access_key_id',
    'aws_secret_access_key',
    'aws.credentials.provider.basic.secretkey',
    'fs.s3a.access.key',
    'fs.s3a.secret.key',
    'secretKey',
    'SecretAccessKey',
    'AccessKeyId',
    'awsSessionToken',
  ])('returns true for %s', (name) => {
    // Act
    const credential = isCredentialName(name);

    // Assess
    expect(credential).toBe(true);
  });

  it.each(['secret', 'accessKeyPrefix', 'keystore.password', 'aws.region', 'input.stream.name'])(
    'returns false for %s',
    (name) => {
      // Act
      const credential = isCredentialName(name);

      // Assess
      expect(credential).toBe(false);
    },
  );
});

describe('Function: isProviderName', () => {
  it.each(['aws.credentials.provider', 'AWS_CREDENTIALS_PROVIDER', 'consumer.aws.credentials.provider'])(
    'returns true for %s',
    (name) => {
      // Act
      const provider = isProviderName(name);

      // Assess
      expect(provider).toBe(true);
    },
  );

  it('returns false for a setting under the provider', () => {
    // Act
    const provider = isProviderName('aws.credentials.provider.role.arn');

    // Assess
    expect(provider).toBe(false);
  });
});

describe('Function: isLongTermProvider', () => {
  it.each(['BASIC', 'ENV_VAR', 'SYS_PROP', 'PROFILE', ' basic '])('returns true for %s', (value) => {
    // Act
    const longTerm = isLongTermProvider(value);

    // Assess
    expect(longTerm).toBe(true);
  });

  it.each(['AUTO', 'ASSUME_ROLE', 'WEB_IDENTITY_TOKEN', ''])('returns false for %s', (value) => {
    // Act
    const longTerm = isLongTermProvider(value);

    // Assess
    expect(longTerm).toBe(false);
  });
});
