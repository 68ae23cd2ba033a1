import { AssumeRoleCommand, type STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { ConfigurationError, InvalidRequestError, MemberAccessError } from '../errors.js';

/** The name member-role.yaml gives the role unless its RoleName parameter says otherwise. */
export const DEFAULT_MEMBER_ROLE_NAME = 'kda-auditor-member';

/** How the auditor assumes the member role in other accounts of the organisation. */
export interface MemberCredentialsOptions {
  /** The auditor's own STS client; its credentials are the ones the member role trusts. */
  sts: STSClient;
  /** The ExternalId member-role.yaml was deployed with. */
  externalId: string;
  /** The scan's id; the session is named after it so CloudTrail in the member account attributes every read. */
  scanId: string;
  /** Defaults to `kda-auditor-member`. */
  roleName?: string;
  /** Defaults to `aws`. */
  partition?: string;
  /** Session length, 900 to 3600: a Lambda role assuming another role (role chaining) gets one hour at most. */
  durationSeconds?: number;
  /** Credentials are renewed this long before they expire, so no call is signed with a dying session. */
  refreshMarginSeconds?: number;
  /** The clock, in epoch milliseconds; injected by tests. */
  now?: () => number;
}

/** Credentials per member account, each usable as `createClientFactory({ credentials })`. */
export interface MemberCredentialsProvider {
  /** A credential provider for the member role in that account: cached, refreshed before expiry. */
  forAccount(accountId: string): AwsCredentialIdentityProvider;
  /** The role ARN assumed in that account. */
  roleArnOf(accountId: string): string;
}

const DEFAULTS = {
  roleName: DEFAULT_MEMBER_ROLE_NAME,
  partition: 'aws',
  durationSeconds: 3600,
  refreshMarginSeconds: 300,
} as const;

const SESSION_NAME_MAX = 64;
// STS answers AccessDenied when the role is missing too: it does not tell the caller which.
const DENIED_ERRORS = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'NoSuchEntity',
  'NoSuchEntityException',
]);

/** The RoleSessionName for a scan: `kda-auditor-<scanId>`, with characters STS refuses replaced and cut to 64. */
export function memberSessionName(scanId: string): string {
  return `kda-auditor-${scanId}`.replace(/[^\w+=,.@-]/g, '-').slice(0, SESSION_NAME_MAX);
}

/** Creates the per-account credential provider; throws ConfigurationError when the options are unusable. */
export function memberCredentials(options: MemberCredentialsOptions): MemberCredentialsProvider {
  const settings: Settings = {
    externalId: options.externalId,
    scanId: options.scanId,
    roleName: options.roleName ?? DEFAULTS.roleName,
    partition: options.partition ?? DEFAULTS.partition,
    durationSeconds: options.durationSeconds ?? DEFAULTS.durationSeconds,
    refreshMarginSeconds: options.refreshMarginSeconds ?? DEFAULTS.refreshMarginSeconds,
  };
  assertUsable(settings);
  const now = options.now ?? Date.now;
  const sessionName = memberSessionName(options.scanId);
  const fresh = new Map<string, AwsCredentialIdentity>();
  const pending = new Map<string, Promise<AwsCredentialIdentity>>();

  const roleArnOf = (accountId: string): string => {
    if (!/^\d{12}$/.test(accountId))
      throw new InvalidRequestError([`account id "${accountId}" is not 12 digits`]);
    return `arn:${settings.partition}:iam::${accountId}:role/${settings.roleName}`;
  };

  const isFresh = (credentials: AwsCredentialIdentity): boolean =>
    credentials.expiration === undefined ||
    credentials.expiration.getTime() - settings.refreshMarginSeconds * 1000 > now();

  async function assume(accountId: string, roleArn: string): Promise<AwsCredentialIdentity> {
    try {
      const { Credentials } = await options.sts.send(
        new AssumeRoleCommand({
          RoleArn: roleArn,
          RoleSessionName: sessionName,
          ExternalId: options.externalId,
          DurationSeconds: settings.durationSeconds,
        }),
      );
      if (!Credentials?.AccessKeyId || !Credentials.SecretAccessKey)
        throw new MemberAccessError(
          `STS returned no credentials for ${roleArn} in account ${accountId}; retry the scan, and check STS is enabled in the auditor's region.`,
          { accountId, roleArn },
        );
      return {
        accessKeyId: Credentials.AccessKeyId,
        secretAccessKey: Credentials.SecretAccessKey,
        ...(Credentials.SessionToken ? { sessionToken: Credentials.SessionToken } : {}),
        ...(Credentials.Expiration ? { expiration: Credentials.Expiration } : {}),
        accountId,
      };
    } catch (error) {
      if (error instanceof Error && DENIED_ERRORS.has(error.name))
        throw new MemberAccessError(
          `Cannot assume ${roleArn} in account ${accountId} (${error.name}): deploy member-role.yaml to that account through the StackSet, and check that its AuditorRoleArn, ExternalId and OrganizationId match this auditor.`,
          { accountId, roleArn, cause: error },
        );
      throw error;
    }
  }

  function credentialsOf(accountId: string): Promise<AwsCredentialIdentity> {
    const roleArn = roleArnOf(accountId);
    const cached = fresh.get(accountId);
    if (cached && isFresh(cached)) return Promise.resolve(cached);
    // Concurrent clients of one account share a single AssumeRole call.
    let inFlight = pending.get(accountId);
    if (!inFlight) {
      inFlight = assume(accountId, roleArn)
        .then((credentials) => {
          fresh.set(accountId, credentials);
          return credentials;
        })
        .finally(() => pending.delete(accountId));
      pending.set(accountId, inFlight);
    }
    return inFlight;
  }

  return {
    forAccount: (accountId) => {
      roleArnOf(accountId);
      return () => credentialsOf(accountId);
    },
    roleArnOf,
  };
}

type Settings = Required<Omit<MemberCredentialsOptions, 'now' | 'sts'>>;

function assertUsable(settings: Settings): void {
  const problems: string[] = [];
  if (settings.externalId.length < 16 || settings.externalId.length > 1224)
    problems.push('the member ExternalId must be 16 to 1224 characters, as member-role.yaml requires');
  if (!/^[\w+=,.@:/-]+$/.test(settings.externalId))
    problems.push('the member ExternalId may hold only letters, digits and +=,.@:/-');
  if (!/^[\w+=,.@-]{1,64}$/.test(settings.roleName))
    problems.push(`the member role name "${settings.roleName}" is not a valid IAM role name`);
  if (!/^aws[a-z-]*$/.test(settings.partition))
    problems.push(`"${settings.partition}" is not an AWS partition`);
  if (
    !Number.isInteger(settings.durationSeconds) ||
    settings.durationSeconds < 900 ||
    settings.durationSeconds > 3600
  )
    problems.push('the member session duration must be 900 to 3600 seconds (role chaining allows one hour)');
  if (
    !Number.isInteger(settings.refreshMarginSeconds) ||
    settings.refreshMarginSeconds < 0 ||
    settings.refreshMarginSeconds >= settings.durationSeconds
  )
    problems.push('the credential refresh margin must be 0 or more seconds, and shorter than the session');
  if (problems.length > 0) throw new ConfigurationError(problems);
}
