import {
  type CloudTrailClient,
  DescribeTrailsCommand,
  GetEventSelectorsCommand,
  GetTrailStatusCommand,
  ListTrailsCommand,
} from '@aws-sdk/client-cloudtrail';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../sandbox/server.js';
import { createClientFactory } from '../../shared/aws/clients.js';
import type { AccountSnapshot, TrailDetail } from '../../shared/snapshot/types.js';
import {
  ACCOUNT,
  awsCli,
  awsCliAvailable,
  credentials,
  failureOf,
  NO_AWS_CLI,
  REGION,
  rawJsonCall,
} from './support/json-wire.js';

const HOME = 'us-east-1';
const FAR = 'ap-south-1';
const trailArn = (name: string, region: string) => `arn:aws:cloudtrail:${region}:${ACCOUNT}:trail/${name}`;

/** A trail as DescribeTrails lists it. */
function trailEntry(name: string, region: string, multiRegion: boolean): Record<string, unknown> {
  return {
    Name: name,
    S3BucketName: 'acme-cloudtrail-logs',
    IncludeGlobalServiceEvents: multiRegion,
    IsMultiRegionTrail: multiRegion,
    HomeRegion: region,
    TrailARN: trailArn(name, region),
    LogFileValidationEnabled: true,
    HasCustomEventSelectors: false,
    IsOrganizationTrail: false,
  };
}

/** A trail as the snapshot keeps it: its entry plus status and event selectors. */
function trail(name: string, region: string, multiRegion: boolean): TrailDetail {
  const entry = trailEntry(name, region, multiRegion);
  return {
    ...entry,
    Name: name,
    HomeRegion: region,
    TrailARN: trailArn(name, region),
    Status: { IsLogging: true, LatestDeliveryTime: '2026-11-29T01:55:00Z' },
    EventSelectors: {
      EventSelectors: [
        { ReadWriteType: 'All', IncludeManagementEvents: true, ExcludeManagementEventSources: [] },
      ],
    },
  };
}

const snapshot: AccountSnapshot = {
  snapshotVersion: 1,
  accountId: ACCOUNT,
  regions: {
    [REGION]: { trails: [trail('local', REGION, false), trail('denied', REGION, false)] },
    [HOME]: { trails: [trail('org-audit', HOME, true)] },
    [FAR]: { trails: [trail('elsewhere', FAR, false)] },
  },
  collectionErrors: [
    {
      operation: 'cloudtrail:GetEventSelectors',
      resource: trailArn('denied', REGION),
      code: 'AccessDeniedException',
      message: 'User is not authorized to perform: cloudtrail:GetEventSelectors',
    },
  ],
};

const returnedStatus = { IsLogging: true, LatestDeliveryTime: new Date('2026-11-29T01:55:00Z') };
const returnedSelectors = [
  { ReadWriteType: 'All', IncludeManagementEvents: true, ExcludeManagementEventSources: [] },
];

describe('Service: CloudTrail (sandbox)', () => {
  let sandbox: Sandbox;
  let client: CloudTrailClient;

  beforeAll(async () => {
    sandbox = await startSandbox({ snapshot, pageSize: 1 });
    client = createClientFactory({ endpoint: sandbox.endpoint, credentials, maxAttempts: 1 }).cloudTrail(
      REGION,
    );
  });

  afterAll(async () => {
    client.destroy();
    await sandbox.close();
  });

  describe('Operation: DescribeTrails', () => {
    it('returns the region’s trails and the shadow of another region’s multi-region trail', async () => {
      // Act
      const { $metadata, ...response } = await client.send(new DescribeTrailsCommand({}));

      // Assess
      expect(response).toEqual({
        trailList: [
          trailEntry('local', REGION, false),
          trailEntry('denied', REGION, false),
          trailEntry('org-audit', HOME, true),
        ],
      });
    });

    it('returns the region’s own trails only without shadow trails', async () => {
      // Act
      const { $metadata, ...response } = await client.send(
        new DescribeTrailsCommand({ includeShadowTrails: false }),
      );

      // Assess
      expect(response).toEqual({
        trailList: [trailEntry('local', REGION, false), trailEntry('denied', REGION, false)],
      });
    });

    it('returns the trails named, another region’s only by ARN', async () => {
      // Act
      const { $metadata, ...response } = await client.send(
        new DescribeTrailsCommand({ trailNameList: ['local', 'org-audit', trailArn('elsewhere', FAR)] }),
      );

      // Assess
      expect(response).toEqual({
        trailList: [trailEntry('local', REGION, false), trailEntry('elsewhere', FAR, false)],
      });
    });
  });

  describe('Operation: ListTrails', () => {
    it('returns every trail of the account, page by page', async () => {
      // Act
      const { $metadata: _first, ...first } = await client.send(new ListTrailsCommand({}));
      const { $metadata: _second, ...second } = await client.send(
        new ListTrailsCommand({ NextToken: first.NextToken }),
      );

      // Assess
      expect(first).toEqual({
        Trails: [{ TrailARN: trailArn('local', REGION), Name: 'local', HomeRegion: REGION }],
        NextToken: expect.any(String),
      });
      expect(second).toEqual({
        Trails: [{ TrailARN: trailArn('denied', REGION), Name: 'denied', HomeRegion: REGION }],
        NextToken: expect.any(String),
      });
    });

    it('returns InvalidTokenException for a token the sandbox did not issue', async () => {
      // Act
      const failure = await failureOf(client.send(new ListTrailsCommand({ NextToken: 'bogus' })));

      // Assess
      expect(failure).toEqual({
        name: 'InvalidTokenException',
        message: 'Invalid pagination token: bogus',
        status: 400,
      });
    });
  });

  describe('Operation: GetTrailStatus', () => {
    it('returns a shadow trail’s status, asked for by ARN, from its home region’s record', async () => {
      // Act
      const { $metadata, ...response } = await client.send(
        new GetTrailStatusCommand({ Name: trailArn('org-audit', HOME) }),
      );

      // Assess
      expect(response).toEqual(returnedStatus);
    });

    it('returns TrailNotFoundException for a shadow trail asked for by name', async () => {
      // Act
      const failure = await failureOf(client.send(new GetTrailStatusCommand({ Name: 'org-audit' })));

      // Assess
      expect(failure).toEqual({
        name: 'TrailNotFoundException',
        message: `Unknown trail: org-audit for the user: ${ACCOUNT}`,
        status: 400,
      });
    });
  });

  describe('Operation: GetEventSelectors', () => {
    it('returns the event selectors of a trail named in its home region', async () => {
      // Act
      const { $metadata, ...response } = await client.send(
        new GetEventSelectorsCommand({ TrailName: 'local' }),
      );

      // Assess
      expect(response).toEqual({ TrailARN: trailArn('local', REGION), EventSelectors: returnedSelectors });
    });

    it('returns the recorded AccessDeniedException for a trail collection could not read', async () => {
      // Act
      const failure = await failureOf(client.send(new GetEventSelectorsCommand({ TrailName: 'denied' })));

      // Assess
      expect(failure).toEqual({
        name: 'AccessDeniedException',
        message: 'User is not authorized to perform: cloudtrail:GetEventSelectors',
        status: 403,
      });
    });
  });

  it('returns UnknownOperationException for an operation the sandbox does not serve', async () => {
    // Act
    const response = await rawJsonCall(sandbox.endpoint, {
      target: 'com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.StopLogging',
      signingName: 'cloudtrail',
      body: { Name: 'local' },
    });

    // Assess
    expect(response).toEqual({
      status: 400,
      body: {
        __type: 'UnknownOperationException',
        message:
          'Operation com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.StopLogging is not supported by the sandbox.',
      },
    });
  });

  it('answers the AWS CLI, which sends the fully qualified target', async (context) => {
    // Prepare
    if (!(await awsCliAvailable())) context.skip(NO_AWS_CLI);

    // Act
    const output = await awsCli(sandbox.endpoint, HOME, [
      'cloudtrail',
      'get-trail-status',
      '--name',
      'org-audit',
    ]);

    // Assess: CLI v1 prints timestamps as the wire carries them, epoch seconds.
    expect(output).toEqual({
      IsLogging: true,
      LatestDeliveryTime: Date.parse('2026-11-29T01:55:00Z') / 1000,
    });
  }, 60_000);
});
