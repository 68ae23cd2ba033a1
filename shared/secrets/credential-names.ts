// Flink's AWS connectors read `aws.credentials.provider`; these values make them use stored keys
// (properties, environment, system properties, a profile file) instead of the execution role.
/** Values of `aws.credentials.provider` that make a connector use stored keys instead of the role. */
export const LONG_TERM_PROVIDERS = ['BASIC', 'ENV_VAR', 'SYS_PROP', 'PROFILE'] as const;
const PROVIDER_NAME = 'aws.credentials.provider';

// Name endings, after normalisation, of settings that hold keys: connector settings
// (`aws.credentials.provider.basic.secretkey`), SDK names (`aws_access_key_id`), Hadoop S3A
// (`fs.s3a.access.key`) and hand-rolled ones (`accessKey`, `awsSecretKey`).
const CREDENTIAL_NAME_ENDINGS = [
  'accesskeyid',
  'accesskey',
  'secretkey',
  'secretaccesskey',
  'sessiontoken',
  'access.key.id',
  'access.key',
  'secret.access.key',
  'secret.key',
  'session.token',
];

/**
 * Normalises a setting name so spellings compare equal: CamelCase humps, `_`, `-` and spaces become
 * `.`, and everything is lower case (`AWSSecretKey`, `aws_secret_key` → `aws.secret.key`).
 */
export function normaliseCredentialName(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1.$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1.$2')
    .toLowerCase()
    .replace(/[_\-\s]/g, '.');
}

/** True for `aws.credentials.provider` under any prefix or spelling (`AWS_CREDENTIALS_PROVIDER`). */
export function isProviderName(name: string): boolean {
  const normalised = normaliseCredentialName(name);
  return normalised === PROVIDER_NAME || normalised.endsWith(`.${PROVIDER_NAME}`);
}

/** True for a provider value that makes the connector use stored keys (any case). */
export function isLongTermProvider(value: string): boolean {
  return (LONG_TERM_PROVIDERS as readonly string[]).includes(value.trim().toUpperCase());
}

/** True for a name that holds a key or token (`aws_secret_access_key`, `fs.s3a.secret.key`, `secretKey`). */
export function isCredentialName(name: string): boolean {
  const normalised = normaliseCredentialName(name);
  return CREDENTIAL_NAME_ENDINGS.some((ending) => normalised === ending || normalised.endsWith(`.${ending}`));
}
