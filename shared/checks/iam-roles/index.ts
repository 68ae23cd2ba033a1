import type { Check } from '../types.js';
import { codeArtifactNoCredentials } from './code-artifact-no-credentials.js';
import { roleExists } from './role-exists.js';
import { roleTrustConfusedDeputy } from './role-trust-confused-deputy.js';
import { roleTrustServiceOnly } from './role-trust-service-only.js';
import { runtimePropertiesNoCredentials } from './runtime-properties-no-credentials.js';

/** The iam-roles checks, in report order. */
export const iamRoleChecks: readonly Check[] = [
  roleExists,
  runtimePropertiesNoCredentials,
  codeArtifactNoCredentials,
  roleTrustServiceOnly,
  roleTrustConfusedDeputy,
];
