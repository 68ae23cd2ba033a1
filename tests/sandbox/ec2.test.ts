import { DescribeRegionsCommand, type EC2Client } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../sandbox/server.js';
import { createClientFactory } from '../../shared/aws/clients.js';
import { accountSnapshot, collectionError } from '../support/snapshot-builder.js';
import {
  ACCOUNT,
  awsCli,
  awsCliAvailable,
  credentials,
  failureOf,
  NO_AWS_CLI,
  REGION,
} from './support/json-wire.js';
import { rawQueryCall } from './support/query-wire.js';

const DENIED_REGION = 'ap-south-1';
const STANDARD = [
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-south-1',
  'ap-southeast-1',
  'ap-southeast-2',
  'ca-central-1',
  'eu-central-1',
  'eu-north-1',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'sa-east-1',
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
];
const NOT_OPTED_IN = [
  'af-south-1',
  'ap-east-1',
  'ap-south-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'ap-southeast-5',
  'ap-southeast-7',
  'ca-west-1',
  'eu-central-2',
  'eu-south-1',
  'eu-south-2',
  'il-central-1',
  'me-central-1',
  'mx-central-1',
];

// The snapshot holds an opt-in region (me-south-1) besides a standard one.
const snapshot = accountSnapshot({
  regions: { 'me-south-1': { applications: [] } },
  collectionErrors: [
    { ...collectionError('ec2:DescribeRegions', undefined, 'UnauthorizedOperation'), region: DENIED_REGION },
  ],
});

/** A Regions entry as the SDK returns it. */
function region(name: string, optInStatus: string, suffix = 'amazonaws.com') {
  return { RegionName: name, Endpoint: `ec2.${name}.${suffix}`, OptInStatus: optInStatus };
}

const byName = (a: { RegionName?: string }, b: { RegionName?: string }) =>
  (a.RegionName ?? '').localeCompare(b.RegionName ?? '');

describe('Service: EC2 (sandbox)', () => {
  let sandbox: Sandbox;
  let client: EC2Client;

  beforeAll(async () => {
    sandbox = await startSandbox({ snapshot, pageSize: 1 });
    client = createClientFactory({ endpoint: sandbox.endpoint, credentials, maxAttempts: 1 }).ec2(REGION);
  });

  afterAll(async () => {
    client.destroy();
    await sandbox.close();
  });

  describe('Operation: DescribeRegions', () => {
    it('returns the standard regions and every region of the snapshot as enabled', async () => {
      // Act
      const { $metadata: _metadata, ...response } = await client.send(new DescribeRegionsCommand({}));

      // Assess
      expect(response).toEqual({
        Regions: [
          ...STANDARD.map((name) => region(name, 'opt-in-not-required')),
          region('me-south-1', 'opted-in'),
        ].sort(byName),
      });
    });

    it('returns the regions not opted in as well when asked for all regions', async () => {
      // Act
      const { Regions } = await client.send(new DescribeRegionsCommand({ AllRegions: true }));

      // Assess
      expect(Regions).toEqual(
        [
          ...STANDARD.map((name) => region(name, 'opt-in-not-required')),
          ...NOT_OPTED_IN.map((name) => region(name, 'not-opted-in')),
          region('me-south-1', 'opted-in'),
        ].sort(byName),
      );
    });

    it('returns only the regions named', async () => {
      // Act
      const { Regions } = await client.send(
        new DescribeRegionsCommand({ RegionNames: ['me-south-1', 'eu-west-1'] }),
      );

      // Assess
      expect(Regions).toEqual([region('eu-west-1', 'opt-in-not-required'), region('me-south-1', 'opted-in')]);
    });

    it('returns the regions every filter matches, wildcards included', async () => {
      // Act
      const { Regions } = await client.send(
        new DescribeRegionsCommand({
          AllRegions: true,
          Filters: [
            { Name: 'region-name', Values: ['eu-*', 'me-*'] },
            { Name: 'opt-in-status', Values: ['opted-in', 'not-opted-in'] },
          ],
        }),
      );

      // Assess
      expect(Regions).toEqual([
        region('eu-central-2', 'not-opted-in'),
        region('eu-south-1', 'not-opted-in'),
        region('eu-south-2', 'not-opted-in'),
        region('me-central-1', 'not-opted-in'),
        region('me-south-1', 'opted-in'),
      ]);
    });

    it('returns InvalidParameterValue for a region name EC2 does not know', async () => {
      // Act
      const failure = await failureOf(
        client.send(new DescribeRegionsCommand({ RegionNames: ['mars-north-1'] })),
      );

      // Assess
      expect(failure).toEqual({
        name: 'InvalidParameterValue',
        message: 'Invalid region names: mars-north-1',
        status: 400,
      });
    });

    it('returns InvalidParameterValue for a filter EC2 does not know', async () => {
      // Act
      const failure = await failureOf(
        client.send(new DescribeRegionsCommand({ Filters: [{ Name: 'planet', Values: ['earth'] }] })),
      );

      // Assess
      expect(failure).toEqual({
        name: 'InvalidParameterValue',
        message: "The filter 'planet' is invalid",
        status: 400,
      });
    });

    it('returns DryRunOperation (412) for a dry run', async () => {
      // Act
      const failure = await failureOf(client.send(new DescribeRegionsCommand({ DryRun: true })));

      // Assess
      expect(failure).toEqual({
        name: 'DryRunOperation',
        message: 'Request would have succeeded, but DryRun flag is set.',
        status: 412,
      });
    });

    it('returns the recorded failure in the region the snapshot recorded it for', async () => {
      // Prepare
      const denied = createClientFactory({ endpoint: sandbox.endpoint, credentials, maxAttempts: 1 }).ec2(
        DENIED_REGION,
      );

      // Act
      const failure = await failureOf(denied.send(new DescribeRegionsCommand({})));
      denied.destroy();

      // Assess
      expect(failure).toEqual({
        name: 'UnauthorizedOperation',
        message: 'User is not authorized to perform: ec2:DescribeRegions',
        status: 403,
      });
    });

    it('returns the regions of the partition the snapshot is in', async () => {
      // Prepare
      const china = await startSandbox({
        snapshot: {
          snapshotVersion: 1,
          accountId: ACCOUNT,
          partition: 'aws-cn',
          regions: { 'cn-north-1': {} },
        },
      });
      const chinaClient = createClientFactory({ endpoint: china.endpoint, credentials, maxAttempts: 1 }).ec2(
        'cn-north-1',
      );

      // Act
      const { Regions } = await chinaClient.send(new DescribeRegionsCommand({}));
      chinaClient.destroy();
      await china.close();

      // Assess
      expect(Regions).toEqual([
        region('cn-north-1', 'opt-in-not-required', 'amazonaws.com.cn'),
        region('cn-northwest-1', 'opt-in-not-required', 'amazonaws.com.cn'),
      ]);
    });

    it('returns the European Sovereign Cloud region with its own endpoint suffix', async () => {
      // Prepare
      const sovereign = await startSandbox({
        snapshot: {
          snapshotVersion: 1,
          accountId: ACCOUNT,
          partition: 'aws-eusc',
          regions: { 'eusc-de-east-1': {} },
        },
      });
      const sovereignClient = createClientFactory({
        endpoint: sovereign.endpoint,
        credentials,
        maxAttempts: 1,
      }).ec2('eusc-de-east-1');

      // Act
      const { Regions } = await sovereignClient.send(new DescribeRegionsCommand({}));
      sovereignClient.destroy();
      await sovereign.close();

      // Assess
      expect(Regions).toEqual([region('eusc-de-east-1', 'opt-in-not-required', 'amazonaws.eu')]);
    });
  });

  it('returns InvalidAction in EC2’s error shape for an action the sandbox does not serve', async () => {
    // Act
    const response = await rawQueryCall(sandbox.endpoint, {
      signingName: 'ec2',
      params: { Action: 'DescribeInstances', Version: '2016-11-15' },
    });

    // Assess
    expect(response).toEqual({
      status: 400,
      body: expect.stringMatching(
        /^<Response><Errors><Error><Code>InvalidAction<\/Code><Message>The action DescribeInstances is not valid for this endpoint\.<\/Message><\/Error><\/Errors><RequestID>[\w-]+<\/RequestID><\/Response>$/,
      ),
    });
  });

  it('answers the AWS CLI', async (context) => {
    // Prepare
    if (!(await awsCliAvailable())) context.skip(NO_AWS_CLI);

    // Act
    const output = await awsCli(sandbox.endpoint, REGION, [
      'ec2',
      'describe-regions',
      '--region-names',
      'eu-west-1',
      'me-south-1',
    ]);

    // Assess
    expect(output).toEqual({
      Regions: [region('eu-west-1', 'opt-in-not-required'), region('me-south-1', 'opted-in')],
    });
  }, 60_000);
});
