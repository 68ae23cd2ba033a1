import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../sandbox/server.js';
import type { AccountSnapshot } from '../../shared/snapshot/types.js';
import { ACCOUNT, awsCli, awsCliAvailable, NO_AWS_CLI, rawJsonCall } from './support/json-wire.js';

// Organizations is global: every SDK and the CLI sign it for us-east-1.
const SIGNING_REGION = 'us-east-1';
const MANAGEMENT = '999988887777';
const ORGANIZATION_ID = 'o-a1b2c3d4e5';

const organization = {
  Id: ORGANIZATION_ID,
  Arn: `arn:aws:organizations::${MANAGEMENT}:organization/${ORGANIZATION_ID}`,
  FeatureSet: 'ALL',
  MasterAccountArn: `arn:aws:organizations::${MANAGEMENT}:account/${ORGANIZATION_ID}/${MANAGEMENT}`,
  MasterAccountId: MANAGEMENT,
  MasterAccountEmail: 'aws-root@example.com',
};

function member(id: string, name: string) {
  return {
    Id: id,
    Arn: `arn:aws:organizations::${MANAGEMENT}:account/${ORGANIZATION_ID}/${id}`,
    Email: `${name}@example.com`,
    Name: name,
    Status: 'ACTIVE',
    State: 'ACTIVE',
    JoinedMethod: 'INVITED',
    JoinedTimestamp: '2024-01-01T00:00:00Z',
  };
}

const base: AccountSnapshot = { snapshotVersion: 1, accountId: ACCOUNT };
const standaloneSnapshot: AccountSnapshot = base;
const memberSnapshot: AccountSnapshot = {
  ...base,
  organization,
  collectionErrors: [
    {
      operation: 'organizations:ListAccounts',
      code: 'AccessDeniedException',
      message: 'You don’t have permissions to access this resource.',
    },
  ],
};
const listedSnapshot: AccountSnapshot = {
  ...base,
  organization,
  organizationAccounts: [member(MANAGEMENT, 'management'), member(ACCOUNT, 'streaming')],
};
const ownOnlySnapshot: AccountSnapshot = {
  ...base,
  organization: {
    ...organization,
    MasterAccountArn: `arn:aws:organizations::${ACCOUNT}:account/${ORGANIZATION_ID}/${ACCOUNT}`,
    MasterAccountId: ACCOUNT,
  },
};
const unlistedMemberSnapshot: AccountSnapshot = { ...base, organization };

/** Calls an Organizations operation by hand: no Organizations SDK client is installed. */
function call(sandbox: Sandbox, operation: string, body: Record<string, unknown> = {}) {
  return rawJsonCall(sandbox.endpoint, {
    target: `AWSOrganizationsV20161128.${operation}`,
    signingName: 'organizations',
    region: SIGNING_REGION,
    body,
  });
}

describe('Service: Organizations (sandbox)', () => {
  const sandboxes: Sandbox[] = [];
  let standalone: Sandbox;
  let memberOnly: Sandbox;
  let listed: Sandbox;
  let ownOnly: Sandbox;
  let unlistedMember: Sandbox;

  async function start(snapshot: AccountSnapshot): Promise<Sandbox> {
    const sandbox = await startSandbox({ snapshot, pageSize: 1 });
    sandboxes.push(sandbox);
    return sandbox;
  }

  beforeAll(async () => {
    standalone = await start(standaloneSnapshot);
    memberOnly = await start(memberSnapshot);
    listed = await start(listedSnapshot);
    ownOnly = await start(ownOnlySnapshot);
    unlistedMember = await start(unlistedMemberSnapshot);
  });

  afterAll(async () => {
    await Promise.all(sandboxes.map((sandbox) => sandbox.close()));
  });

  describe('Operation: DescribeOrganization', () => {
    it('returns the snapshot’s organization', async () => {
      // Act
      const response = await call(memberOnly, 'DescribeOrganization');

      // Assess
      expect(response).toEqual({ status: 200, body: { Organization: organization } });
    });
  });

  describe('Operation: ListAccounts', () => {
    it('returns the snapshot’s member accounts, page by page', async () => {
      // Act
      const first = await call(listed, 'ListAccounts');
      const token =
        typeof first.body === 'object' && first.body !== null && 'NextToken' in first.body
          ? first.body.NextToken
          : undefined;
      const second = await call(listed, 'ListAccounts', { NextToken: token });

      // Assess
      const joined = Date.parse('2024-01-01T00:00:00Z') / 1000;
      expect(first).toEqual({
        status: 200,
        body: {
          Accounts: [{ ...member(MANAGEMENT, 'management'), JoinedTimestamp: joined }],
          NextToken: expect.any(String),
        },
      });
      expect(second).toEqual({
        status: 200,
        body: { Accounts: [{ ...member(ACCOUNT, 'streaming'), JoinedTimestamp: joined }] },
      });
    });

    it('returns the management account alone when its snapshot lists no members', async () => {
      // Act
      const response = await call(ownOnly, 'ListAccounts');

      // Assess
      expect(response).toEqual({
        status: 200,
        body: {
          Accounts: [
            {
              Id: ACCOUNT,
              Arn: `arn:aws:organizations::${ACCOUNT}:account/${ORGANIZATION_ID}/${ACCOUNT}`,
              Status: 'ACTIVE',
              State: 'ACTIVE',
              JoinedMethod: 'CREATED',
            },
          ],
        },
      });
    });

    it('returns AccessDeniedException to a member account that is no delegated administrator', async () => {
      // Act
      const response = await call(unlistedMember, 'ListAccounts');

      // Assess
      expect(response).toEqual({
        status: 403,
        body: {
          __type: 'AccessDeniedException',
          message: "You don't have permissions to access this resource.",
        },
      });
    });

    it('returns InvalidInputException for a token the sandbox did not issue', async () => {
      // Act
      const response = await call(listed, 'ListAccounts', { NextToken: 'bogus' });

      // Assess
      expect(response).toEqual({
        status: 400,
        body: { __type: 'InvalidInputException', message: 'Invalid pagination token: bogus' },
      });
    });

    it('returns the recorded AccessDeniedException', async () => {
      // Act
      const response = await call(memberOnly, 'ListAccounts');

      // Assess
      expect(response).toEqual({
        status: 403,
        body: {
          __type: 'AccessDeniedException',
          message: 'You don’t have permissions to access this resource.',
        },
      });
    });
  });

  it.each(['DescribeOrganization', 'ListAccounts'])(
    'returns AWSOrganizationsNotInUseException from %s when the snapshot has no organization',
    async (operation) => {
      // Act
      const response = await call(standalone, operation);

      // Assess
      expect(response).toEqual({
        status: 400,
        body: {
          __type: 'AWSOrganizationsNotInUseException',
          message: 'Your account is not a member of an organization.',
        },
      });
    },
  );

  it('returns UnknownOperationException for an operation the sandbox does not serve', async () => {
    // Act
    const response = await call(listed, 'LeaveOrganization');

    // Assess
    expect(response).toEqual({
      status: 400,
      body: {
        __type: 'UnknownOperationException',
        message: 'Operation AWSOrganizationsV20161128.LeaveOrganization is not supported by the sandbox.',
      },
    });
  });

  it('answers the AWS CLI', async (context) => {
    // Prepare
    if (!(await awsCliAvailable())) context.skip(NO_AWS_CLI);

    // Act
    const output = await awsCli(listed.endpoint, SIGNING_REGION, ['organizations', 'describe-organization']);

    // Assess
    expect(output).toEqual({ Organization: organization });
  }, 60_000);
});
