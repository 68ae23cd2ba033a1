import {
  DescribeTrailsCommand,
  GetEventSelectorsCommand,
  GetTrailStatusCommand,
} from '@aws-sdk/client-cloudtrail';
import { afterEach, describe, expect, it } from 'vitest';
import { collectAccount } from '../../shared/collect/collect-account.js';
import { collectTrails } from '../../shared/collect/trails.js';
import { account, application, REGION, trail } from './support/account-builders.js';
import { fakeAws, fakeClients, restoreAws } from './support/fake-aws.js';
import { awsError } from './support/fake-wire.js';
import { scanContext } from './support/scan-context.js';

const US_EAST = 'us-east-1';
const AP_SOUTH = 'ap-south-1';

describe('Function: collectTrails', () => {
  afterEach(() => restoreAws());

  it('returns a multi-region trail once, its status read in its home region', async () => {
    // Prepare
    const organisation = trail('org-audit', US_EAST, true);
    const local = trail('local', REGION, false);
    const elsewhere = trail('elsewhere', AP_SOUTH, false);
    const stubs = fakeAws(
      account({
        regions: {
          [REGION]: { trails: [local] },
          [AP_SOUTH]: { trails: [elsewhere] },
          [US_EAST]: { trails: [organisation] },
        },
      }),
    );
    const context = scanContext();

    // Act
    const trails = await collectTrails(context, [REGION, AP_SOUTH]);

    // Assess
    expect(trails).toEqual([local, organisation, elsewhere]);
    expect(stubs.cloudTrail).toHaveReceivedCommandTimes(DescribeTrailsCommand, 2);
    expect(stubs.cloudTrail).toHaveReceivedCommandTimes(GetTrailStatusCommand, 3);
    expect(stubs.cloudTrail).toHaveReceivedCommandWith(DescribeTrailsCommand, { includeShadowTrails: true });
    expect(context.errors).toEqual([]);
  });

  it('returns a trail without event selectors, with the failure recorded, when they cannot be read', async () => {
    // Prepare
    const local = trail('local', REGION, false);
    const stubs = fakeAws(account({ regions: { [REGION]: { trails: [local] } } }));
    stubs.cloudTrail.on(GetEventSelectorsCommand).rejects(awsError('AccessDeniedException', 'denied'));
    const context = scanContext();

    // Act
    const trails = await collectTrails(context, [REGION]);

    // Assess
    const { EventSelectors, ...withoutSelectors } = local;
    expect(EventSelectors).toBeDefined();
    expect(trails).toEqual([withoutSelectors]);
    expect(context.errors).toEqual([
      {
        operation: 'cloudtrail:GetEventSelectors',
        resource: local.TrailARN,
        region: REGION,
        code: 'AccessDeniedException',
        message: 'denied',
      },
    ]);
  });
});

describe('Function: collectAccount (trails)', () => {
  afterEach(() => restoreAws());

  it('returns a multi-region trail under its home region only, even outside the scanned regions', async () => {
    // Prepare
    const organisation = trail('org-audit', US_EAST, true);
    const app = application('app');
    fakeAws(
      account({ regions: { [REGION]: { applications: [app] }, [US_EAST]: { trails: [organisation] } } }),
    );

    // Act
    const snapshot = await collectAccount({ clients: fakeClients(), regions: [REGION] });

    // Assess
    expect(snapshot.regions).toEqual({
      [REGION]: { applications: [app] },
      [US_EAST]: { applications: [], trails: [organisation] },
    });
  });
});
