import { DescribeRegionsCommand, type EC2Client } from '@aws-sdk/client-ec2';
import { type Account, ListAccountsCommand, type OrganizationsClient } from '@aws-sdk/client-organizations';
import { REGION_PATTERN } from '../arn.js';
import { ConfigurationError, ScanFailedError } from '../errors.js';
import type { ScanTarget, SkippedAccount } from './types.js';

/** What listScanTargets needs: the auditor's clients and the organisation scan's settings. */
export interface ScanTargetOptions {
  organizations: OrganizationsClient;
  /** In the auditor's own region: `'all'` means the regions enabled there. */
  ec2: EC2Client;
  orgScanId: string;
  regions: readonly string[] | 'all';
  /** Account ids; when given, only these accounts are scanned. */
  include?: readonly string[];
  /** Account ids never scanned. */
  exclude?: readonly string[];
}

/** The organisation's scan targets (account × region) and the accounts left out, with why. */
export interface ScanTargets {
  organizationId?: string;
  targets: ScanTarget[];
  skipped: SkippedAccount[];
}

// Regions a caller can use; `not-opted-in` ones reject every call.
const ENABLED_OPT_IN_STATUSES = ['opt-in-not-required', 'opted-in'];
const NOT_IN_ORGANIZATION = 'AWSOrganizationsNotInUseException';
const DENIED = new Set(['AccessDeniedException', 'AccessDenied']);

/**
 * Lists every ACTIVE account of the organisation (paginated ListAccounts), applies the include and
 * exclude lists, and pairs each account with each region, sorted by account then region. Throws
 * ConfigurationError for invalid settings or when Organizations cannot be read from this account.
 */
export async function listScanTargets(options: ScanTargetOptions): Promise<ScanTargets> {
  const include = options.include ?? [];
  const exclude = new Set(options.exclude ?? []);
  assertSettings(options.regions, include, [...exclude]);

  const accounts = await organizationAccounts(options.organizations);
  const regions =
    options.regions === 'all' ? await enabledRegions(options.ec2) : [...new Set(options.regions)];
  const included = new Set(include);
  const skipped: SkippedAccount[] = [];
  const scanned: Account[] = [];
  for (const account of accounts) {
    const accountId = account.Id ?? '';
    const state = account.State ?? account.Status ?? 'UNKNOWN';
    const reason =
      state !== 'ACTIVE'
        ? `the account is ${state}, not ACTIVE`
        : exclude.has(accountId)
          ? 'listed in the exclude list'
          : included.size > 0 && !included.has(accountId)
            ? 'not in the include list'
            : undefined;
    if (reason) skipped.push({ accountId, ...nameOf(account), reason });
    else scanned.push(account);
  }
  const listed = new Set(accounts.map((account) => account.Id));
  for (const accountId of include.filter((id) => !listed.has(id)))
    skipped.push({ accountId, reason: 'in the include list but not an account of this organisation' });

  const targets = scanned
    .sort((a, b) => (a.Id ?? '').localeCompare(b.Id ?? ''))
    .flatMap((account) =>
      [...regions].sort().map((region) => ({
        orgScanId: options.orgScanId,
        accountId: account.Id ?? '',
        ...nameOf(account),
        region,
      })),
    );
  const organizationId = organizationIdOf(accounts);
  return { ...(organizationId ? { organizationId } : {}), targets, skipped };
}

async function organizationAccounts(organizations: OrganizationsClient): Promise<Account[]> {
  const accounts: Account[] = [];
  let nextToken: string | undefined;
  try {
    do {
      const page = await organizations.send(
        new ListAccountsCommand(nextToken ? { NextToken: nextToken } : {}),
      );
      accounts.push(...(page.Accounts ?? []).filter((account) => account.Id));
      nextToken = page.NextToken;
    } while (nextToken);
  } catch (error) {
    if (error instanceof Error && error.name === NOT_IN_ORGANIZATION)
      throw new ConfigurationError(
        [
          'this account is not in an AWS Organization (AWSOrganizationsNotInUseException): set OrganizationMode to Disabled to scan this account only, or deploy the auditor in an organisation',
        ],
        { cause: error },
      );
    if (error instanceof Error && DENIED.has(error.name))
      throw new ConfigurationError(
        [
          `organizations:ListAccounts was denied (${error.name}): run the organisation scan in the management account or in a delegated administrator account, and grant its role organizations:ListAccounts`,
        ],
        { cause: error },
      );
    throw error;
  }
  return accounts;
}

async function enabledRegions(ec2: EC2Client): Promise<string[]> {
  try {
    const { Regions } = await ec2.send(new DescribeRegionsCommand({}));
    const regions = (Regions ?? [])
      .filter((entry) => !entry.OptInStatus || ENABLED_OPT_IN_STATUSES.includes(entry.OptInStatus))
      .flatMap((entry) => (entry.RegionName ? [entry.RegionName] : []));
    if (regions.length === 0) throw new Error('DescribeRegions returned no enabled region');
    return regions;
  } catch (error) {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    throw new ScanFailedError(
      `Could not list the enabled regions (ec2:DescribeRegions failed with ${reason}): grant the auditor's role ec2:DescribeRegions, or set SCAN_REGIONS to a list of regions.`,
      { cause: error },
    );
  }
}

function assertSettings(
  regions: readonly string[] | 'all',
  include: readonly string[],
  exclude: readonly string[],
): void {
  const problems: string[] = [];
  if (regions !== 'all' && regions.length === 0)
    problems.push('the organisation scan needs at least one region, or "all"');
  for (const region of regions === 'all' ? [] : regions)
    if (!REGION_PATTERN.test(region)) problems.push(`"${region}" is not an AWS region name`);
  for (const [list, ids] of [
    ['include', include],
    ['exclude', exclude],
  ] as const)
    for (const id of ids)
      if (!/^\d{12}$/.test(id)) problems.push(`"${id}" in the ${list} list is not a 12-digit account id`);
  if (problems.length > 0) throw new ConfigurationError(problems);
}

function nameOf(account: Account): { accountName?: string } {
  return account.Name ? { accountName: account.Name } : {};
}

// arn:aws:organizations::<management account>:account/o-<id>/<account id>: no extra permission needed.
function organizationIdOf(accounts: readonly Account[]): string | undefined {
  for (const account of accounts) {
    const match = account.Arn?.match(/:account\/(o-[a-z0-9]+)\//);
    if (match?.[1]) return match[1];
  }
  return undefined;
}
