import { DescribeRegionsCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  type Account,
  ListAccountsCommand,
  OrganizationsClient,
  OrganizationsServiceException,
} from '@aws-sdk/client-organizations';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { ConfigurationError, ScanFailedError } from '../../shared/errors.js';
import { listScanTargets, type ScanTargetOptions } from '../../shared/organization/list-scan-targets.js';
import {
  DEV_ACCOUNT,
  MANAGEMENT_ACCOUNT,
  ORG_SCAN_ID,
  ORGANIZATION_ID,
  PROD_ACCOUNT,
} from '../support/organization-fixtures.js';

const organizationsMock = mockClient(OrganizationsClient);
const ec2Mock = mockClient(EC2Client);
const SUSPENDED_ACCOUNT = '444444444444';

function account(id: string, name: string, state: Account['State'] = 'ACTIVE'): Account {
  return {
    Id: id,
    Name: name,
    Arn: `arn:aws:organizations::${MANAGEMENT_ACCOUNT}:account/${ORGANIZATION_ID}/${id}`,
    State: state,
  };
}

function options(overrides: Partial<ScanTargetOptions> = {}): ScanTargetOptions {
  return {
    organizations: new OrganizationsClient({ region: 'us-east-1' }),
    ec2: new EC2Client({ region: 'eu-west-1' }),
    orgScanId: ORG_SCAN_ID,
    regions: ['eu-west-1'],
    ...overrides,
  };
}

function target(accountId: string, accountName: string, region: string) {
  return { orgScanId: ORG_SCAN_ID, accountId, accountName, region };
}

function serviceError(name: string): OrganizationsServiceException {
  return new OrganizationsServiceException({ name, $fault: 'client', $metadata: {}, message: name });
}

describe('Function: listScanTargets', () => {
  beforeEach(() => {
    organizationsMock.reset();
    ec2Mock.reset();
    organizationsMock.on(ListAccountsCommand).resolves({
      Accounts: [account(PROD_ACCOUNT, 'prod'), account(MANAGEMENT_ACCOUNT, 'management')],
    });
  });

  it('returns every active account in every listed region, sorted, with the organisation id', async () => {
    // Act
    const listed = await listScanTargets(options({ regions: ['us-east-1', 'eu-west-1'] }));

    // Assess
    expect(listed).toEqual({
      organizationId: ORGANIZATION_ID,
      targets: [
        target(MANAGEMENT_ACCOUNT, 'management', 'eu-west-1'),
        target(MANAGEMENT_ACCOUNT, 'management', 'us-east-1'),
        target(PROD_ACCOUNT, 'prod', 'eu-west-1'),
        target(PROD_ACCOUNT, 'prod', 'us-east-1'),
      ],
      skipped: [],
    });
  });

  it('returns the accounts of every ListAccounts page', async () => {
    // Prepare
    organizationsMock
      .on(ListAccountsCommand)
      .resolvesOnce({ Accounts: [account(PROD_ACCOUNT, 'prod')], NextToken: 'page-2' })
      .resolvesOnce({ Accounts: [account(DEV_ACCOUNT, 'dev')] });

    // Act
    const listed = await listScanTargets(options());

    // Assess
    expect(listed.targets).toEqual([
      target(PROD_ACCOUNT, 'prod', 'eu-west-1'),
      target(DEV_ACCOUNT, 'dev', 'eu-west-1'),
    ]);
    expect(organizationsMock).toReceiveCommandWith(ListAccountsCommand, { NextToken: 'page-2' });
  });

  it.each([
    {
      name: 'an inactive account (State) is skipped',
      accounts: [account(PROD_ACCOUNT, 'prod'), account(SUSPENDED_ACCOUNT, 'old', 'SUSPENDED')],
      include: undefined,
      exclude: undefined,
      targets: [PROD_ACCOUNT],
      skipped: [
        { accountId: SUSPENDED_ACCOUNT, accountName: 'old', reason: 'the account is SUSPENDED, not ACTIVE' },
      ],
    },
    {
      name: 'an account with only the older Status field is judged by it',
      accounts: [{ Id: DEV_ACCOUNT, Name: 'dev', Status: 'PENDING_CLOSURE' } satisfies Account],
      include: undefined,
      exclude: undefined,
      targets: [],
      skipped: [
        { accountId: DEV_ACCOUNT, accountName: 'dev', reason: 'the account is PENDING_CLOSURE, not ACTIVE' },
      ],
    },
    {
      name: 'an excluded account is skipped',
      accounts: [account(PROD_ACCOUNT, 'prod'), account(DEV_ACCOUNT, 'dev')],
      include: undefined,
      exclude: [DEV_ACCOUNT],
      targets: [PROD_ACCOUNT],
      skipped: [{ accountId: DEV_ACCOUNT, accountName: 'dev', reason: 'listed in the exclude list' }],
    },
    {
      name: 'with an include list, only those accounts are scanned; an unknown one is reported',
      accounts: [account(PROD_ACCOUNT, 'prod'), account(DEV_ACCOUNT, 'dev')],
      include: [PROD_ACCOUNT, SUSPENDED_ACCOUNT],
      exclude: undefined,
      targets: [PROD_ACCOUNT],
      skipped: [
        { accountId: DEV_ACCOUNT, accountName: 'dev', reason: 'not in the include list' },
        {
          accountId: SUSPENDED_ACCOUNT,
          reason: 'in the include list but not an account of this organisation',
        },
      ],
    },
    {
      name: 'exclude wins over include',
      accounts: [account(PROD_ACCOUNT, 'prod')],
      include: [PROD_ACCOUNT],
      exclude: [PROD_ACCOUNT],
      targets: [],
      skipped: [{ accountId: PROD_ACCOUNT, accountName: 'prod', reason: 'listed in the exclude list' }],
    },
  ])('returns the right targets when $name', async ({ accounts, include, exclude, targets, skipped }) => {
    // Prepare
    organizationsMock.on(ListAccountsCommand).resolves({ Accounts: accounts });

    // Act
    const listed = await listScanTargets(
      options({ ...(include ? { include } : {}), ...(exclude ? { exclude } : {}) }),
    );

    // Assess
    expect({ targets: listed.targets.map((entry) => entry.accountId), skipped: listed.skipped }).toEqual({
      targets,
      skipped,
    });
  });

  it("returns the auditor account's enabled regions for 'all'", async () => {
    // Prepare
    organizationsMock.on(ListAccountsCommand).resolves({ Accounts: [account(PROD_ACCOUNT, 'prod')] });
    ec2Mock.on(DescribeRegionsCommand).resolves({
      Regions: [
        { RegionName: 'us-east-1', OptInStatus: 'opt-in-not-required' },
        { RegionName: 'af-south-1', OptInStatus: 'not-opted-in' },
        { RegionName: 'ap-east-1', OptInStatus: 'opted-in' },
      ],
    });

    // Act
    const listed = await listScanTargets(options({ regions: 'all' }));

    // Assess
    expect(listed.targets).toEqual([
      target(PROD_ACCOUNT, 'prod', 'ap-east-1'),
      target(PROD_ACCOUNT, 'prod', 'us-east-1'),
    ]);
  });

  it("throws ScanFailedError naming SCAN_REGIONS when the enabled regions cannot be read for 'all'", async () => {
    // Prepare
    ec2Mock
      .on(DescribeRegionsCommand)
      .rejects(Object.assign(new Error('denied'), { name: 'UnauthorizedOperation' }));

    // Act
    const listing = listScanTargets(options({ regions: 'all' }));

    // Assess
    await expect(listing).rejects.toThrow(
      new ScanFailedError(
        "Could not list the enabled regions (ec2:DescribeRegions failed with UnauthorizedOperation: denied): grant the auditor's role ec2:DescribeRegions, or set SCAN_REGIONS to a list of regions.",
      ),
    );
  });

  it.each([
    {
      name: 'AWSOrganizationsNotInUseException',
      problem:
        'this account is not in an AWS Organization (AWSOrganizationsNotInUseException): set OrganizationMode to Disabled to scan this account only, or deploy the auditor in an organisation',
    },
    {
      name: 'AccessDeniedException',
      problem:
        'organizations:ListAccounts was denied (AccessDeniedException): run the organisation scan in the management account or in a delegated administrator account, and grant its role organizations:ListAccounts',
    },
  ])('throws ConfigurationError saying what to do on $name', async ({ name, problem }) => {
    // Prepare
    const cause = serviceError(name);
    organizationsMock.on(ListAccountsCommand).rejects(cause);

    // Act
    const error = await listScanTargets(options()).catch((caught: unknown) => caught);

    // Assess
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error instanceof ConfigurationError && { problems: error.problems, cause: error.cause }).toEqual({
      problems: [problem],
      cause,
    });
  });

  it('throws any other Organizations error as it is', async () => {
    // Prepare
    const cause = serviceError('TooManyRequestsException');
    organizationsMock.on(ListAccountsCommand).rejects(cause);

    // Act
    const listing = listScanTargets(options());

    // Assess
    await expect(listing).rejects.toBe(cause);
  });

  it('throws ConfigurationError listing every invalid setting before any call', async () => {
    // Act
    const error = await listScanTargets(
      options({ regions: ['eu-west-1', 'Europe'], include: ['123'], exclude: ['abc'] }),
    ).catch((caught: unknown) => caught);

    // Assess
    expect(error instanceof ConfigurationError && error.problems).toEqual([
      '"Europe" is not an AWS region name',
      '"123" in the include list is not a 12-digit account id',
      '"abc" in the exclude list is not a 12-digit account id',
    ]);
    expect(organizationsMock.calls()).toEqual([]);
  });

  it('throws ConfigurationError for an empty region list', async () => {
    // Act
    const listing = listScanTargets(options({ regions: [] }));

    // Assess
    await expect(listing).rejects.toThrow(
      new ConfigurationError(['the organisation scan needs at least one region, or "all"']),
    );
  });
});
