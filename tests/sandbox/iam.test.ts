import {
  GetAccountAuthorizationDetailsCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  type IAMClient,
  ListAttachedRolePoliciesCommand,
  ListPolicyVersionsCommand,
  ListRolePoliciesCommand,
  ListRolesCommand,
} from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../sandbox/server.js';
import { createClientFactory } from '../../shared/aws/clients.js';
import type { ManagedPolicyDetail } from '../../shared/snapshot/types.js';
import {
  accountSnapshot,
  allow,
  collectionError,
  managedPolicy,
  policyArn,
  policyDocument,
  role,
  roleArn,
  serviceTrustPolicy,
} from '../support/snapshot-builder.js';
import { awsCli, awsCliAvailable, credentials, failureOf, NO_AWS_CLI } from './support/json-wire.js';
import { markerPages, rawQueryCall } from './support/query-wire.js';

// IAM is global: the SDK and the CLI sign it for us-east-1.
const SIGNING_REGION = 'us-east-1';
const encoded = (document: unknown) => encodeURIComponent(JSON.stringify(document));

const accessDocument = policyDocument(
  allow('kinesis:GetRecords', 'arn:aws:kinesis:eu-west-1:111122223333:stream/orders'),
);
const logsDocument = policyDocument(allow('logs:PutLogEvents'));
const readOnlyArn = 'arn:aws:iam::aws:policy/AmazonKinesisReadOnlyAccess';
const readOnlyDocument = policyDocument(allow(['kinesis:Get*', 'kinesis:List*']));
const managedV1 = policyDocument(allow('kinesis:*'));
const managedV2 = policyDocument(allow('kinesis:DescribeStream'));

const ordersRole = role({
  name: 'orders-role',
  inline: { 'orders-access': accessDocument, 'orders-logs': JSON.stringify(logsDocument) },
  attached: [policyArn('orders-managed'), readOnlyArn],
  extra: {
    CreateDate: '2025-01-02T03:04:05Z',
    Description: 'Reads orders',
    MaxSessionDuration: 7200,
    RoleLastUsed: { LastUsedDate: '2026-11-28T23:59:00Z', Region: 'eu-west-1' },
    Tags: [{ Key: 'team', Value: 'streams' }],
    InternalNote: 'not an IAM field',
  },
});
const legacyArn = 'arn:aws:iam::111122223333:role/service-role/legacy-role';
const legacyRole = role({
  name: 'legacy-role',
  arn: legacyArn,
  trustPolicy: encoded(serviceTrustPolicy('legacy')),
  extra: { Path: '/service-role/' },
});
const ordersManaged: ManagedPolicyDetail = {
  PolicyName: 'orders-managed',
  PolicyId: 'ANPAORDERSMANAGED0001',
  Arn: policyArn('orders-managed'),
  Path: '/',
  DefaultVersionId: 'v2',
  AttachmentCount: 1,
  IsAttachable: true,
  CreateDate: '2024-01-01T00:00:00Z',
  UpdateDate: '2024-06-01T00:00:00Z',
  PolicyVersionList: [
    { VersionId: 'v2', IsDefaultVersion: true, CreateDate: '2024-06-01T00:00:00Z', Document: managedV2 },
    { VersionId: 'v1', IsDefaultVersion: false, CreateDate: '2024-01-01T00:00:00Z', Document: managedV1 },
  ],
};
// A hand-assembled entry that only marks its default version.
const { DefaultVersionId: _unset, ...readOnly } = managedPolicy(readOnlyArn, readOnlyDocument);
const deniedRoleArn = 'arn:aws:iam::111122223333:role/service-role/denied-role';

const snapshot = accountSnapshot({
  roles: [ordersRole, legacyRole],
  policies: [ordersManaged, readOnly],
  collectionErrors: [
    collectionError('iam:GetRole', deniedRoleArn),
    collectionError('iam:GetPolicy', policyArn('denied-policy')),
  ],
});

/** Role fields as the SDK returns them for ordersRole (GetRole's Role shape). */
const ordersRoleReturned = {
  Path: '/',
  RoleName: 'orders-role',
  RoleId: 'AROAORDERSROLE',
  Arn: roleArn('orders-role'),
  CreateDate: new Date('2025-01-02T03:04:05Z'),
  AssumeRolePolicyDocument: encoded(serviceTrustPolicy()),
  Description: 'Reads orders',
  MaxSessionDuration: 7200,
  Tags: [{ Key: 'team', Value: 'streams' }],
  RoleLastUsed: { LastUsedDate: new Date('2026-11-28T23:59:00Z'), Region: 'eu-west-1' },
};
const legacyRoleReturned = {
  Path: '/service-role/',
  RoleName: 'legacy-role',
  RoleId: 'AROALEGACYROLE',
  Arn: legacyArn,
  AssumeRolePolicyDocument: encoded(serviceTrustPolicy('legacy')),
  Tags: [],
};
const ordersManagedVersions = [
  { VersionId: 'v2', IsDefaultVersion: true, CreateDate: new Date('2024-06-01T00:00:00Z') },
  { VersionId: 'v1', IsDefaultVersion: false, CreateDate: new Date('2024-01-01T00:00:00Z') },
];

describe('Service: IAM (sandbox)', () => {
  let sandbox: Sandbox;
  let client: IAMClient;

  beforeAll(async () => {
    sandbox = await startSandbox({ snapshot, pageSize: 1 });
    client = createClientFactory({ endpoint: sandbox.endpoint, credentials, maxAttempts: 1 }).iam();
  });

  afterAll(async () => {
    client.destroy();
    await sandbox.close();
  });

  describe('Operation: GetAccountAuthorizationDetails', () => {
    it('returns every role and managed policy across pages, documents URL-encoded', async () => {
      // Act
      const pages = await markerPages((Marker) =>
        client.send(new GetAccountAuthorizationDetailsCommand({ MaxItems: 1000, Marker })),
      );

      // Assess
      const empty = { UserDetailList: [], GroupDetailList: [], RoleDetailList: [], Policies: [] };
      const marker = { IsTruncated: true, Marker: expect.any(String) };
      expect(pages).toEqual([
        {
          ...empty,
          ...marker,
          RoleDetailList: [
            {
              Path: '/',
              RoleName: 'orders-role',
              RoleId: 'AROAORDERSROLE',
              Arn: roleArn('orders-role'),
              CreateDate: new Date('2025-01-02T03:04:05Z'),
              AssumeRolePolicyDocument: encoded(serviceTrustPolicy()),
              RolePolicyList: [
                { PolicyName: 'orders-access', PolicyDocument: encoded(accessDocument) },
                { PolicyName: 'orders-logs', PolicyDocument: encoded(logsDocument) },
              ],
              AttachedManagedPolicies: [
                { PolicyName: 'orders-managed', PolicyArn: policyArn('orders-managed') },
                { PolicyName: 'AmazonKinesisReadOnlyAccess', PolicyArn: readOnlyArn },
              ],
              Tags: [{ Key: 'team', Value: 'streams' }],
              RoleLastUsed: { LastUsedDate: new Date('2026-11-28T23:59:00Z'), Region: 'eu-west-1' },
            },
          ],
        },
        {
          ...empty,
          ...marker,
          RoleDetailList: [{ ...legacyRoleReturned, RolePolicyList: [], AttachedManagedPolicies: [] }],
        },
        {
          ...empty,
          ...marker,
          Policies: [
            {
              PolicyName: 'orders-managed',
              PolicyId: 'ANPAORDERSMANAGED0001',
              Arn: policyArn('orders-managed'),
              Path: '/',
              DefaultVersionId: 'v2',
              AttachmentCount: 1,
              IsAttachable: true,
              CreateDate: new Date('2024-01-01T00:00:00Z'),
              UpdateDate: new Date('2024-06-01T00:00:00Z'),
              PolicyVersionList: [
                { ...ordersManagedVersions[0], Document: encoded(managedV2) },
                { ...ordersManagedVersions[1], Document: encoded(managedV1) },
              ],
            },
          ],
        },
        {
          ...empty,
          IsTruncated: false,
          Policies: [
            {
              PolicyName: 'AmazonKinesisReadOnlyAccess',
              Arn: readOnlyArn,
              DefaultVersionId: 'v1',
              PolicyVersionList: [
                { VersionId: 'v1', IsDefaultVersion: true, Document: encoded(readOnlyDocument) },
              ],
            },
          ],
        },
      ]);
    });

    it('returns only the entity types the filter names', async () => {
      // Act
      const pages = await markerPages((Marker) =>
        client.send(new GetAccountAuthorizationDetailsCommand({ Filter: ['AWSManagedPolicy'], Marker })),
      );

      // Assess
      expect(pages.map((page) => page.Policies?.map((policy) => policy.Arn))).toEqual([[readOnlyArn]]);
    });

    it('returns ValidationError for a filter value IAM does not know', async () => {
      // Act
      const failure = await failureOf(
        client.send(new GetAccountAuthorizationDetailsCommand({ Filter: ['Robot' as 'Role'] })),
      );

      // Assess
      expect(failure).toEqual({
        name: 'ValidationError',
        message:
          "1 validation error detected: Value '[Robot]' at 'filter' failed to satisfy constraint: Member " +
          'must satisfy constraint: [Member must satisfy enum value set: [User, Role, Group, ' +
          'LocalManagedPolicy, AWSManagedPolicy]]',
        status: 400,
      });
    });

    it('returns ValidationError for a marker the sandbox did not issue', async () => {
      // Act
      const failure = await failureOf(
        client.send(new GetAccountAuthorizationDetailsCommand({ Marker: 'not-a-marker' })),
      );

      // Assess
      expect(failure).toEqual({
        name: 'ValidationError',
        message: 'Invalid Marker.',
        status: 400,
      });
    });

    it('returns the recorded failure when the snapshot could not read the account', async () => {
      // Prepare
      const denied = await startSandbox({
        snapshot: accountSnapshot({
          collectionErrors: [collectionError('iam:GetAccountAuthorizationDetails')],
        }),
      });
      const deniedClient = createClientFactory({
        endpoint: denied.endpoint,
        credentials,
        maxAttempts: 1,
      }).iam();

      // Act
      const failure = await failureOf(deniedClient.send(new GetAccountAuthorizationDetailsCommand({})));
      deniedClient.destroy();
      await denied.close();

      // Assess
      expect(failure).toEqual({
        name: 'AccessDenied',
        message: 'User is not authorized to perform: iam:GetAccountAuthorizationDetails',
        status: 403,
      });
    });
  });

  describe('Operation: ListRoles', () => {
    it('returns the roles under a path prefix, without tags or last use', async () => {
      // Act
      const pages = await markerPages((Marker) => client.send(new ListRolesCommand({ Marker })));
      const underServiceRole = await client.send(new ListRolesCommand({ PathPrefix: '/service-role/' }));

      // Assess
      const { Tags: _tags, RoleLastUsed: _lastUsed, ...ordersListed } = ordersRoleReturned;
      const { Tags: _legacyTags, ...legacyListed } = legacyRoleReturned;
      expect(pages).toEqual([
        { Roles: [ordersListed], IsTruncated: true, Marker: expect.any(String) },
        { Roles: [legacyListed], IsTruncated: false },
      ]);
      expect(underServiceRole.Roles).toEqual([legacyListed]);
    });
  });

  describe('Operation: GetRole', () => {
    it('returns the role in GetRole’s shape, its trust policy URL-encoded', async () => {
      // Act
      const { $metadata: _metadata, ...response } = await client.send(
        new GetRoleCommand({ RoleName: 'orders-role' }),
      );

      // Assess
      expect(response).toEqual({ Role: ordersRoleReturned });
    });

    it('returns a role with a path by its name, whatever its case', async () => {
      // Act
      const { Role } = await client.send(new GetRoleCommand({ RoleName: 'Legacy-Role' }));

      // Assess
      expect(Role).toEqual(legacyRoleReturned);
    });

    it('returns NoSuchEntity (404) for a role that does not exist', async () => {
      // Act
      const failure = await failureOf(client.send(new GetRoleCommand({ RoleName: 'ghost-role' })));

      // Assess
      expect(failure).toEqual({
        name: 'NoSuchEntityException',
        message: 'The role with name ghost-role cannot be found.',
        status: 404,
      });
    });

    it('returns the recorded AccessDenied for a role collection could not read', async () => {
      // Act
      const failure = await failureOf(client.send(new GetRoleCommand({ RoleName: 'denied-role' })));

      // Assess
      expect(failure).toEqual({
        name: 'AccessDenied',
        message: 'User is not authorized to perform: iam:GetRole',
        status: 403,
      });
    });
  });

  describe('Operation: ListRolePolicies', () => {
    it('returns the inline policy names page by page', async () => {
      // Act
      const pages = await markerPages((Marker) =>
        client.send(new ListRolePoliciesCommand({ RoleName: 'orders-role', Marker })),
      );

      // Assess
      expect(pages).toEqual([
        { PolicyNames: ['orders-access'], IsTruncated: true, Marker: expect.any(String) },
        { PolicyNames: ['orders-logs'], IsTruncated: false },
      ]);
    });

    it('returns NoSuchEntity for a role that does not exist', async () => {
      // Act
      const failure = await failureOf(client.send(new ListRolePoliciesCommand({ RoleName: 'ghost-role' })));

      // Assess
      expect(failure).toEqual({
        name: 'NoSuchEntityException',
        message: 'The role with name ghost-role cannot be found.',
        status: 404,
      });
    });
  });

  describe('Operation: GetRolePolicy', () => {
    it('returns a document given as a JSON string URL-encoded', async () => {
      // Act
      const { $metadata: _metadata, ...response } = await client.send(
        new GetRolePolicyCommand({ RoleName: 'orders-role', PolicyName: 'orders-logs' }),
      );

      // Assess
      expect(response).toEqual({
        RoleName: 'orders-role',
        PolicyName: 'orders-logs',
        PolicyDocument: encoded(logsDocument),
      });
    });

    it('returns NoSuchEntity for an inline policy the role does not have', async () => {
      // Act
      const failure = await failureOf(
        client.send(new GetRolePolicyCommand({ RoleName: 'orders-role', PolicyName: 'ghost' })),
      );

      // Assess
      expect(failure).toEqual({
        name: 'NoSuchEntityException',
        message: 'The role policy with name ghost cannot be found.',
        status: 404,
      });
    });
  });

  describe('Operation: ListAttachedRolePolicies', () => {
    it('returns the attached policies page by page', async () => {
      // Act
      const pages = await markerPages((Marker) =>
        client.send(new ListAttachedRolePoliciesCommand({ RoleName: 'orders-role', Marker })),
      );

      // Assess
      expect(pages).toEqual([
        {
          AttachedPolicies: [{ PolicyName: 'orders-managed', PolicyArn: policyArn('orders-managed') }],
          IsTruncated: true,
          Marker: expect.any(String),
        },
        {
          AttachedPolicies: [{ PolicyName: 'AmazonKinesisReadOnlyAccess', PolicyArn: readOnlyArn }],
          IsTruncated: false,
        },
      ]);
    });
  });

  describe('Operation: GetPolicy', () => {
    it('returns the policy without its versions', async () => {
      // Act
      const { $metadata: _metadata, ...response } = await client.send(
        new GetPolicyCommand({ PolicyArn: policyArn('orders-managed') }),
      );

      // Assess
      expect(response).toEqual({
        Policy: {
          PolicyName: 'orders-managed',
          PolicyId: 'ANPAORDERSMANAGED0001',
          Arn: policyArn('orders-managed'),
          Path: '/',
          DefaultVersionId: 'v2',
          AttachmentCount: 1,
          IsAttachable: true,
          CreateDate: new Date('2024-01-01T00:00:00Z'),
          UpdateDate: new Date('2024-06-01T00:00:00Z'),
        },
      });
    });

    it('returns the default version id of a policy that only marks its default version', async () => {
      // Act
      const { Policy } = await client.send(new GetPolicyCommand({ PolicyArn: readOnlyArn }));

      // Assess
      expect(Policy).toEqual({
        PolicyName: 'AmazonKinesisReadOnlyAccess',
        Arn: readOnlyArn,
        DefaultVersionId: 'v1',
      });
    });

    it('returns NoSuchEntity for a policy that does not exist', async () => {
      // Act
      const failure = await failureOf(client.send(new GetPolicyCommand({ PolicyArn: policyArn('ghost') })));

      // Assess
      expect(failure).toEqual({
        name: 'NoSuchEntityException',
        message: `Policy ${policyArn('ghost')} does not exist or is not attachable.`,
        status: 404,
      });
    });

    it('returns InvalidInput for a policy ARN that is not one', async () => {
      // Act
      const failure = await failureOf(
        client.send(new GetPolicyCommand({ PolicyArn: roleArn('orders-role') })),
      );

      // Assess
      expect(failure).toEqual({
        name: 'InvalidInputException',
        message: `ARN ${roleArn('orders-role')} is not valid.`,
        status: 400,
      });
    });

    it('returns the recorded AccessDenied for a policy collection could not read', async () => {
      // Act
      const failure = await failureOf(
        client.send(new GetPolicyCommand({ PolicyArn: policyArn('denied-policy') })),
      );

      // Assess
      expect(failure).toEqual({
        name: 'AccessDenied',
        message: 'User is not authorized to perform: iam:GetPolicy',
        status: 403,
      });
    });
  });

  describe('Operation: GetPolicyVersion', () => {
    it('returns a version with its document URL-encoded', async () => {
      // Act
      const { $metadata: _metadata, ...response } = await client.send(
        new GetPolicyVersionCommand({ PolicyArn: policyArn('orders-managed'), VersionId: 'v1' }),
      );

      // Assess
      expect(response).toEqual({
        PolicyVersion: { ...ordersManagedVersions[1], Document: encoded(managedV1) },
      });
    });

    it('returns NoSuchEntity for a version the policy does not have', async () => {
      // Act
      const failure = await failureOf(
        client.send(new GetPolicyVersionCommand({ PolicyArn: policyArn('orders-managed'), VersionId: 'v9' })),
      );

      // Assess
      expect(failure).toEqual({
        name: 'NoSuchEntityException',
        message: `Policy ${policyArn('orders-managed')} version v9 does not exist or is not attachable.`,
        status: 404,
      });
    });
  });

  describe('Operation: ListPolicyVersions', () => {
    it('returns the versions without their documents, page by page', async () => {
      // Act
      const pages = await markerPages((Marker) =>
        client.send(new ListPolicyVersionsCommand({ PolicyArn: policyArn('orders-managed'), Marker })),
      );

      // Assess
      expect(pages).toEqual([
        { Versions: [ordersManagedVersions[0]], IsTruncated: true, Marker: expect.any(String) },
        { Versions: [ordersManagedVersions[1]], IsTruncated: false },
      ]);
    });
  });

  it('returns InvalidAction for an action the sandbox does not serve', async () => {
    // Act
    const response = await rawQueryCall(sandbox.endpoint, {
      signingName: 'iam',
      region: SIGNING_REGION,
      params: { Action: 'DeleteRole', Version: '2010-05-08', RoleName: 'orders-role' },
    });

    // Assess
    expect(response).toEqual({
      status: 400,
      body: expect.stringMatching(
        /^<ErrorResponse xmlns="https:\/\/iam\.amazonaws\.com\/doc\/2010-05-08\/"><Error><Type>Sender<\/Type><Code>InvalidAction<\/Code><Message>The action DeleteRole is not valid for this endpoint\.<\/Message><\/Error><RequestId>[\w-]+<\/RequestId><\/ErrorResponse>$/,
      ),
    });
  });

  it('answers the AWS CLI, which decodes the documents and follows the markers', async (context) => {
    // Prepare
    if (!(await awsCliAvailable())) context.skip(NO_AWS_CLI);

    // Act
    const output = await awsCli(sandbox.endpoint, SIGNING_REGION, ['iam', 'list-roles']);

    // Assess
    expect(output).toEqual({
      Roles: [
        {
          Path: '/',
          RoleName: 'orders-role',
          RoleId: 'AROAORDERSROLE',
          Arn: roleArn('orders-role'),
          CreateDate: '2025-01-02T03:04:05Z',
          AssumeRolePolicyDocument: serviceTrustPolicy(),
          Description: 'Reads orders',
          MaxSessionDuration: 7200,
        },
        {
          Path: '/service-role/',
          RoleName: 'legacy-role',
          RoleId: 'AROALEGACYROLE',
          Arn: legacyArn,
          AssumeRolePolicyDocument: serviceTrustPolicy('legacy'),
        },
      ],
    });
  }, 60_000);
});
