import { DescribeRegionsCommand } from '@aws-sdk/client-ec2';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import type { AuditOutputs, AuditResult, runAudit } from '../audit.js';
import type { ClientFactory } from '../aws/clients.js';
import { createClientFactory } from '../aws/clients.js';
import type { MemberCredentialsProvider } from '../aws/member-credentials.js';
import type { CodeArtifactOptions } from '../collect/collect-account.js';
import { MemberAccessError } from '../errors.js';
import { maskAccessKeyIds } from '../secrets/mask.js';
import type { SuppressionSet } from '../suppressions/types.js';
import { memberScanResultOf } from './member-scan-result.js';
import type { MemberScanResult, ScanTarget } from './types.js';

/** What one item scan needs besides its target. */
export interface MemberScanDependencies {
  /** The account the auditor runs in: scanned with its own role (StackSets skip the management account). */
  auditorAccountId: string;
  /** The auditor's own clients: they write the report, and scan the auditor's own account. */
  auditorClients: ClientFactory;
  memberCredentials: MemberCredentialsProvider;
  /** Builds a member account's clients; createClientFactory({ credentials }) by default. */
  clientsFor?: (credentials: AwsCredentialIdentityProvider) => ClientFactory;
  runAudit: typeof runAudit;
  /** The report bucket and settings; `/<region>` is appended to reportPrefix. */
  outputs: Omit<AuditOutputs, 'topicArn' | 'updateLatest' | 'clients'>;
  suppressions?: SuppressionSet;
  codeArtifacts?: CodeArtifactOptions;
  /**
   * No read starts after this instant (the item's Lambda time limit less the margin): what was not
   * reached is listed in the report's `notReached` and read first by the target's next scan.
   */
  deadline?: Date;
  clock?: () => Date;
  progress?: (message: string) => void;
}

// What AWS answers, in a region not enabled for the account, to credentials it does not know there.
const REGION_NOT_ENABLED = new Set(['UnrecognizedClientException', 'InvalidClientTokenId', 'AuthFailure']);
const NOT_OPTED_IN = 'not-opted-in';
const MAX_REASON_LENGTH = 1_000;

/**
 * Scans one account in one region: its report goes under `<reportPrefix>/<region>/<accountId>/`
 * and becomes that target's latest.json (a scan stopped by its deadline is merged into it, and
 * what it did not reach is read first next time); no alert is published (the organisation sends one).
 * A member role that cannot be assumed, or a region the account has not enabled, is RETURNED as a
 * failed result, so one account never fails the organisation scan; anything else throws.
 */
export async function scanMemberTarget(
  target: ScanTarget,
  deps: MemberScanDependencies,
): Promise<MemberScanResult> {
  const own = target.accountId === deps.auditorAccountId;
  const clients = own
    ? deps.auditorClients
    : (deps.clientsFor ?? defaultClientsFor)(deps.memberCredentials.forAccount(target.accountId));
  try {
    if (!(await regionEnabled(clients, target.region, deps.outputs.region ?? target.region)))
      return failed(target, 'RegionNotEnabled', regionNotEnabled(target));
    const result: AuditResult = await deps.runAudit(
      {
        regions: [target.region],
        ...(deps.suppressions ? { suppressions: deps.suppressions } : {}),
      },
      {
        kind: 'live',
        clients,
        ...(deps.codeArtifacts ? { codeArtifacts: deps.codeArtifacts } : {}),
        ...(deps.deadline ? { deadline: deps.deadline } : {}),
      },
      {
        ...deps.outputs,
        clients: deps.auditorClients,
        reportPrefix: regionalPrefix(deps.outputs.reportPrefix, target.region),
      },
      {
        ...(deps.clock ? { clock: deps.clock } : {}),
        ...(deps.progress ? { progress: deps.progress } : {}),
      },
    );
    return memberScanResultOf(target, result.report, result.reportLocation?.key);
  } catch (error) {
    const access = causeOf(error, (cause) => cause instanceof MemberAccessError);
    if (access instanceof MemberAccessError) return failed(target, access.name, access.message);
    const region = causeOf(error, (cause) => cause instanceof Error && REGION_NOT_ENABLED.has(cause.name));
    if (region instanceof Error) return failed(target, region.name, regionNotEnabled(target, region));
    throw error;
  }
}

// One DescribeRegions call from the home region says whether the target region is usable, before
// a scan of it would fill a report with ERROR verdicts and move that target's latest.json.
async function regionEnabled(clients: ClientFactory, region: string, homeRegion: string): Promise<boolean> {
  const { Regions } = await clients
    .ec2(homeRegion)
    .send(new DescribeRegionsCommand({ AllRegions: true, RegionNames: [region] }));
  const entry = Regions?.find((candidate) => candidate.RegionName === region);
  return entry?.OptInStatus !== NOT_OPTED_IN;
}

function regionalPrefix(prefix: string | undefined, region: string): string {
  return [...(prefix ?? '').split('/').filter(Boolean), region].join('/');
}

function regionNotEnabled(target: ScanTarget, error?: Error): string {
  const answer = error ? ` (${error.name}: ${error.message})` : '';
  return (
    `Region ${target.region} is not enabled in account ${target.accountId}${answer}: enable it in the account ` +
    'settings if applications may run there, or leave it out of SCAN_REGIONS.'
  );
}

function failed(target: ScanTarget, errorName: string, reason: string): MemberScanResult {
  return {
    status: 'failed',
    accountId: target.accountId,
    ...(target.accountName ? { accountName: target.accountName } : {}),
    region: target.region,
    reason: maskAccessKeyIds(reason).slice(0, MAX_REASON_LENGTH),
    errorName,
  };
}

// ScanFailedError and the SDK wrap what went wrong: the cause chain says which account problem it is.
function causeOf(error: unknown, matches: (cause: unknown) => boolean): unknown {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current !== undefined; depth += 1) {
    if (matches(current)) return current;
    current = current instanceof Error ? current.cause : undefined;
  }
  return undefined;
}

function defaultClientsFor(credentials: AwsCredentialIdentityProvider): ClientFactory {
  return createClientFactory({ credentials });
}
