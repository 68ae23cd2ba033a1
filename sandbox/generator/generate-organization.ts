import { DEFAULT_MEMBER_ROLE_NAME } from '../../shared/aws/member-credentials.js';
import { InvalidRequestError } from '../../shared/errors.js';
import type { AccountSnapshot } from '../../shared/snapshot/types.js';
import { generateAccount, MAX_GENERATED_APPLICATIONS } from './generate-account.js';
import { momentBefore } from './generated-time.js';
import { memberRole } from './member-role.js';
import { auditorAccount } from './organization-auditor.js';
import { SeededRandom } from './random.js';
import { GENERATOR_REGIONS } from './regions.js';

/** What to generate: an organisation of N member accounts with a few applications each. */
export interface GenerateOrganizationOptions {
  seed: number;
  /** Member accounts, besides the auditor's (management) account. */
  accounts: number;
  /** Applications in each member account; 3 by default, so organisation tests stay fast. */
  applicationsPerAccount?: number;
  /** Regions each member spreads its applications over; 1 by default. */
  regions?: number;
  /** The last N members lack the member role: their scan fails with AccessDenied. 0 by default. */
  memberRoleMissing?: number;
  /** The ExternalId member-role.yaml was deployed with. */
  externalId: string;
  /** The member role's name; `kda-auditor-member` by default. */
  memberRoleName?: string;
}

/** A generated organisation: serve it with `startSandbox({ snapshot: auditor, members })`. */
export interface GeneratedOrganization {
  /** The management account, which the auditor runs in. */
  auditor: AccountSnapshot;
  members: AccountSnapshot[];
  externalId: string;
  /** The role the scan function runs as (`kda-auditor-scan`), trusted by every member role. */
  auditorRoleArn: string;
  organizationId: string;
  /** The auditor account's report bucket and alert topic. */
  reportBucket: string;
  topicArn: string;
}

/** The management account of every generated organisation; members follow it (500000000001…). */
export const GENERATED_MANAGEMENT_ACCOUNT_ID = '500000000000';
/** The most member accounts one call generates. */
export const MAX_GENERATED_MEMBER_ACCOUNTS = 1000;

const PARTITION = 'aws';
const ORGANIZATION_ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
const ROLE_ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/**
 * Generates an AWS Organization for the sandbox: the auditor's management account (organisation,
 * account list, scan role, report bucket, topic) and member accounts, each a generated account of
 * its own (own seed and account id) with the member role exactly as member-role.yaml deploys it,
 * except the `memberRoleMissing` last ones. Deterministic: the same options give the same JSON.
 */
export function generateOrganization(options: GenerateOrganizationOptions): GeneratedOrganization {
  const settings = {
    applicationsPerAccount: options.applicationsPerAccount ?? 3,
    regions: options.regions ?? 1,
    memberRoleMissing: options.memberRoleMissing ?? 0,
    memberRoleName: options.memberRoleName ?? DEFAULT_MEMBER_ROLE_NAME,
  };
  const problems = optionProblems(options, settings);
  if (problems.length > 0) throw new InvalidRequestError(problems);
  const random = new SeededRandom(options.seed);
  const organizationId = `o-${random.characters(ORGANIZATION_ID_ALPHABET, 10)}`;
  const memberAccountIds = Array.from({ length: options.accounts }, (_, index) =>
    String(Number(GENERATED_MANAGEMENT_ACCOUNT_ID) + index + 1),
  );
  const auditor = auditorAccount({
    partition: PARTITION,
    accountId: GENERATED_MANAGEMENT_ACCOUNT_ID,
    organizationId,
    memberAccountIds,
    memberRoleName: settings.memberRoleName,
    region: GENERATOR_REGIONS[0] ?? 'eu-west-1',
  });
  const withRole = options.accounts - settings.memberRoleMissing;
  const members = memberAccountIds.map((accountId, index) => {
    const account = generateAccount({
      applications: settings.applicationsPerAccount,
      regions: settings.regions,
      // Each member draws its own seed, so members differ and one organisation seed fixes them all.
      seed: random.below(2 ** 31),
      accountId,
    });
    const roleId = `AROA${random.characters(ROLE_ID_ALPHABET, 17)}`;
    const createDate = momentBefore(random, 30, 300);
    if (index >= withRole) return account;
    const role = memberRole({
      partition: PARTITION,
      accountId,
      roleName: settings.memberRoleName,
      auditorRoleArn: auditor.auditorRoleArn,
      externalId: options.externalId,
      organizationId,
      roleId,
      createDate,
    });
    return { ...account, iam: { ...account.iam, roles: [...(account.iam?.roles ?? []), role] } };
  });
  return {
    auditor: auditor.snapshot,
    members,
    externalId: options.externalId,
    auditorRoleArn: auditor.auditorRoleArn,
    organizationId,
    reportBucket: auditor.reportBucket,
    topicArn: auditor.topicArn,
  };
}

function optionProblems(
  options: GenerateOrganizationOptions,
  settings: {
    applicationsPerAccount: number;
    regions: number;
    memberRoleMissing: number;
    memberRoleName: string;
  },
): string[] {
  const problems: string[] = [];
  const whole = (value: number, min: number, max: number) =>
    Number.isInteger(value) && value >= min && value <= max;
  if (!whole(options.accounts, 1, MAX_GENERATED_MEMBER_ACCOUNTS)) {
    problems.push(
      `accounts must be a whole number from 1 to ${MAX_GENERATED_MEMBER_ACCOUNTS} (got ${options.accounts})`,
    );
  }
  if (!whole(settings.memberRoleMissing, 0, options.accounts)) {
    problems.push(
      `memberRoleMissing must be a whole number from 0 to the number of accounts (got ${settings.memberRoleMissing})`,
    );
  }
  if (!Number.isSafeInteger(options.seed)) {
    problems.push(`seed must be a whole number (got ${options.seed}); pick any, e.g. 42`);
  }
  if (!/^[\w+=,.@:/-]{16,1224}$/.test(options.externalId)) {
    problems.push('externalId must be 16 to 1224 letters, digits or +=,.@:/-, as member-role.yaml requires');
  }
  if (!/^[\w+=,.@-]{1,64}$/.test(settings.memberRoleName)) {
    problems.push(`memberRoleName "${settings.memberRoleName}" is not a valid IAM role name`);
  }
  if (!whole(settings.applicationsPerAccount, 0, MAX_GENERATED_APPLICATIONS)) {
    problems.push(`applicationsPerAccount must be a whole number from 0 to ${MAX_GENERATED_APPLICATIONS}`);
  }
  if (!whole(settings.regions, 1, GENERATOR_REGIONS.length)) {
    problems.push(
      `regions must be a whole number from 1 to ${GENERATOR_REGIONS.length} (got ${settings.regions})`,
    );
  }
  return problems;
}
