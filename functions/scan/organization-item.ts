import type { AwsCredentialIdentityProvider } from '@smithy/types';
import type { Context } from 'aws-lambda';
import { parseArn } from '../../shared/arn.js';
import type { runAudit } from '../../shared/audit.js';
import type { ClientFactory } from '../../shared/aws/clients.js';
import type { MemberCredentialsProvider, memberCredentials } from '../../shared/aws/member-credentials.js';
import type { ArtifactScanCache } from '../../shared/collect/artifact-scan-cache.js';
import { ConfigurationError, InvalidRequestError } from '../../shared/errors.js';
import type { scanMemberTarget } from '../../shared/organization/scan-member.js';
import type { MemberScanResult } from '../../shared/organization/types.js';
import type { ScanItem } from '../../shared/request/scan-request.js';
import type { SuppressionSet } from '../../shared/suppressions/types.js';
import { codeArtifactSettings, deliverySettings } from './audit-settings.js';
import type { ScanConfig } from './config.js';

/** What the scan function needs to scan one organisation item, beyond its own configuration. */
export interface OrganizationItemDependencies {
  config: ScanConfig;
  clients: ClientFactory;
  runAudit: typeof runAudit;
  scanMemberTarget: typeof scanMemberTarget;
  memberCredentials: typeof memberCredentials;
  artifactCache?: ArtifactScanCache;
  /** Builds a member account's clients; scanMemberTarget's default (the SDK's endpoints) when absent. */
  memberClients?: (credentials: AwsCredentialIdentityProvider) => ClientFactory;
  clock: () => Date;
  /** Where the audit's progress lines go (the function's log). */
  progress?: (message: string) => void;
}

/** Scans one account × region item of an organisation scan; built once per container. */
export type OrganizationItemScanner = (
  item: ScanItem,
  suppressions: SuppressionSet | undefined,
  context: Context,
  /** When reads stop (scanDeadline): what is not read by then is left out and listed. */
  deadline: Date,
) => Promise<MemberScanResult>;

/**
 * Builds the scanner of organisation items. The member-credential provider is kept for the life
 * of the container and shared by every item of one organisation scan, so a warm container that
 * scans several regions of an account assumes its role once (the session is named after the
 * organisation scan, hence a new provider when another organisation scan starts).
 */
export function organizationItemScanner(deps: OrganizationItemDependencies): OrganizationItemScanner {
  const { config } = deps;
  let provider: { orgScanId: string; credentials: MemberCredentialsProvider } | undefined;

  function credentialsFor(orgScanId: string, partition: string): MemberCredentialsProvider {
    const organization = config.organization;
    if (!organization) throw disabledError();
    if (provider?.orgScanId !== orgScanId) {
      provider = {
        orgScanId,
        credentials: deps.memberCredentials({
          sts: deps.clients.sts(config.region),
          externalId: organization.memberExternalId,
          roleName: organization.memberRoleName,
          scanId: orgScanId,
          partition,
        }),
      };
    }
    return provider.credentials;
  }

  return async function scanOrganizationItem(item, suppressions, context, deadline) {
    if (!config.organization) throw disabledError();
    // The function's own ARN names the account it runs in: the auditor's, scanned without AssumeRole.
    const own = parseArn(context.invokedFunctionArn);
    if (!own || !/^\d{12}$/.test(own.accountId)) {
      throw new ConfigurationError([
        `the invoked function ARN "${context.invokedFunctionArn}" names no account: invoke the scan function through Lambda`,
      ]);
    }
    const { trigger: _trigger, ...target } = item;
    // Items never publish: the organisation alert speaks for every account.
    const { topicArn: _topicArn, ...memberOutputs } = deliverySettings(config);
    return deps.scanMemberTarget(target, {
      auditorAccountId: own.accountId,
      auditorClients: deps.clients,
      memberCredentials: credentialsFor(item.orgScanId, own.partition),
      ...(deps.memberClients ? { clientsFor: deps.memberClients } : {}),
      runAudit: deps.runAudit,
      outputs: {
        ...memberOutputs,
        // Security Hub takes findings from a custom integration only from the account they are
        // about (AwsAccountId = caller), and the member role is read-only: members' findings stay
        // in their reports and the organisation report.
        securityHub: config.securityHubExport && target.accountId === own.accountId,
      },
      ...(suppressions ? { suppressions } : {}),
      codeArtifacts: codeArtifactSettings(config, deps.artifactCache),
      deadline,
      clock: deps.clock,
      ...(deps.progress ? { progress: deps.progress } : {}),
    });
  };
}

function disabledError(): InvalidRequestError {
  return new InvalidRequestError([
    'trigger: "organization" items are refused while ORGANIZATION_MODE is Disabled; deploy with ' +
      'ORGANIZATION_MODE=Enabled and MEMBER_EXTERNAL_ID set (the organisation state machine does), ' +
      'or invoke the function with an on-demand request such as {"regions":"all"}',
  ]);
}
