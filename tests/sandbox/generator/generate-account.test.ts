import { beforeAll, describe, expect, it } from 'vitest';
import {
  describeGeneratedAccount,
  type GeneratedAccountDescription,
} from '../../../sandbox/generator/describe-account.js';
import { generateAccount } from '../../../sandbox/generator/generate-account.js';
import { plantedProblemsOf } from '../../../sandbox/generator/planted-problems.js';
import { InvalidRequestError } from '../../../shared/errors.js';
import { readSnapshot } from '../../../shared/snapshot/read.js';
import type { AccountSnapshot } from '../../../shared/snapshot/types.js';

const applicationsOf = (snapshot: AccountSnapshot) =>
  Object.values(snapshot.regions ?? {}).flatMap((region) => region.applications ?? []);

describe('Function: generateAccount', () => {
  it('returns byte-identical JSON for the same options', () => {
    // Act
    const first = generateAccount({ applications: 200, regions: 4, seed: 5 });
    const second = generateAccount({ applications: 200, regions: 4, seed: 5 });

    // Assess
    expect({ equal: first, json: JSON.stringify(first) === JSON.stringify(second) }).toEqual({
      equal: second,
      json: true,
    });
  });

  it('returns a different account for a different seed', () => {
    // Act
    const first = generateAccount({ applications: 50, regions: 3, seed: 1 });
    const second = generateAccount({ applications: 50, regions: 3, seed: 2 });

    // Assess
    expect(first).not.toEqual(second);
  });

  it('returns a snapshot that readSnapshot accepts unchanged once written as JSON', () => {
    // Prepare
    const snapshot = generateAccount({ applications: 300, regions: 6, seed: 17 });

    // Act
    const read = readSnapshot(JSON.parse(JSON.stringify(snapshot)));

    // Assess
    expect(read).toEqual(snapshot);
  });

  it('returns N applications over the first R regions, in their fixed order', () => {
    // Act
    const snapshot = generateAccount({ applications: 137, regions: 5, seed: 3 });

    // Assess
    expect({
      regions: Object.keys(snapshot.regions ?? {}),
      applications: applicationsOf(snapshot).length,
      emptyRegions: Object.values(snapshot.regions ?? {}).filter((region) => !region.applications?.length)
        .length,
    }).toEqual({
      regions: ['eu-west-1', 'us-east-1', 'us-west-2', 'eu-central-1', 'ap-southeast-1'],
      applications: 137,
      emptyRegions: 0,
    });
  });

  it('returns an account with trails and keys but no application when N is 0', () => {
    // Act
    const snapshot = generateAccount({ applications: 0, regions: 2, seed: 1 });

    // Assess
    const description = describeGeneratedAccount(readSnapshot(JSON.parse(JSON.stringify(snapshot))));
    expect({
      applications: description.applications,
      trails: description.trails,
      awsManagedKeys: description.keys.awsManaged,
      regionsWithoutTrailCoverage: description.regionsWithoutTrailCoverage,
    }).toEqual({ applications: 0, trails: 3, awsManagedKeys: 2, regionsWithoutTrailCoverage: [] });
  });

  it('names applications <team>-<purpose>-<n>, each name once', () => {
    // Act
    const names = applicationsOf(generateAccount({ applications: 500, regions: 3, seed: 8 })).map(
      (application) => application.ApplicationName,
    );

    // Assess
    expect({
      shaped: names.filter((name) => !/^[a-z]+-[a-z]+-\d+$/.test(name)),
      distinct: new Set(names).size,
    }).toEqual({ shaped: [], distinct: 500 });
  });

  it('builds every ARN from the given account id, the aws partition and the resource region', () => {
    // Prepare
    const accountId = '123456789012';
    const snapshot = generateAccount({ applications: 120, regions: 4, seed: 9, accountId });

    // Act
    const misplaced = Object.entries(snapshot.regions ?? {}).flatMap(([region, content]) =>
      [
        ...(content.applications ?? []).map((item) => item.ApplicationARN),
        ...(content.streams ?? []).map((item) => item.StreamARN),
        ...(content.deliveryStreams ?? []).map((item) => item.DeliveryStreamARN),
        ...(content.keys ?? []).map((item) => item.KeyMetadata.Arn),
        ...(content.trails ?? []).map((item) => item.TrailARN),
        ...(content.logGroups ?? []).map((item) => String(item.logGroupArn)),
      ].filter((arn) => !new RegExp(`^arn:aws:[a-z0-9-]+:${region}:${accountId}:`).test(arn)),
    );
    const foreignAccounts = [...JSON.stringify(snapshot).matchAll(/arn:aws:[a-z0-9-]+:[a-z0-9-]*:(\d{12})/g)]
      .map((match) => match[1])
      .filter((account) => account !== accountId);

    // Assess
    expect({ accountId: snapshot.accountId, misplaced, foreignAccounts }).toEqual({
      accountId,
      misplaced: [],
      foreignAccounts: [],
    });
  });

  it('runs current Flink runtimes except where an old runtime is the planted problem', () => {
    // Act
    const applications = applicationsOf(generateAccount({ applications: 400, regions: 3, seed: 4 }));

    // Assess
    const current = new Set(['FLINK-1_20', 'FLINK-1_19', 'FLINK-1_18']);
    const misfits = applications.filter(
      (application) =>
        current.has(String(application.RuntimeEnvironment)) ===
        plantedProblemsOf(application).includes('old-runtime'),
    );
    const old =
      applications.length - applications.filter((a) => current.has(String(a.RuntimeEnvironment))).length;
    expect({
      misfits: misfits.map((a) => a.ApplicationName),
      fewOld: old > 0 && old < applications.length * 0.1,
    }).toEqual({
      misfits: [],
      fewOld: true,
    });
  });

  it('throws InvalidRequestError listing every invalid option', () => {
    // Act
    const act = () => generateAccount({ applications: -1, regions: 99, seed: 1.5, accountId: '12' });

    // Assess
    expect(act).toThrow(InvalidRequestError);
    expect(act).toThrow(
      'Invalid request: applications must be a whole number from 0 to 100000; ' +
        'regions must be a whole number from 1 to 24 (got 99); ' +
        'seed must be a whole number (got 1.5); pick any, e.g. 42; ' +
        'accountId must be a 12-digit AWS account id (got "12")',
    );
  });

  it('throws InvalidRequestError for more applications than it generates', () => {
    // Act
    const act = () => generateAccount({ applications: 100_001, regions: 1, seed: 1 });

    // Assess
    expect(act).toThrow(
      'Invalid request: applications must be at most 100000 (got 100001); generate several accounts instead',
    );
  });

  it('generates 10,000 applications over 10 regions', () => {
    // Act
    const description = describeGeneratedAccount(
      generateAccount({ applications: 10_000, regions: 10, seed: 10 }),
    );

    // Assess
    expect({
      applications: description.applications,
      regions: Object.keys(description.applicationsPerRegion).length,
    }).toEqual({ applications: 10_000, regions: 10 });
  }, 120_000);
});

describe('Function: generateAccount (mix of 1,000 applications over 10 regions)', () => {
  let description: GeneratedAccountDescription;
  const share = (count: number) => count / description.applications;

  beforeAll(() => {
    description = describeGeneratedAccount(generateAccount({ applications: 1_000, regions: 10, seed: 2026 }));
  }, 60_000);

  it('returns about 60% clean applications', () => {
    // Assess
    expect(share(description.cleanApplications)).toBeGreaterThanOrEqual(0.5);
    expect(share(description.cleanApplications)).toBeLessThanOrEqual(0.7);
  });

  it('returns some roles shared by two or three applications, most roles private', () => {
    // Assess
    const { shared, applications } = description.sharedRoles;
    expect({
      sharers: share(applications) >= 0.03 && share(applications) <= 0.2,
      twoOrThree: applications >= 2 * shared && applications <= 3 * shared,
    }).toEqual({ sharers: true, twoOrThree: true });
  });

  it('returns mostly private streams with some shared source streams', () => {
    // Assess
    const { shared, applications } = description.sharedStreams;
    expect({
      readers: share(applications) >= 0.1 && share(applications) <= 0.4,
      mostlyPrivate: shared < description.streams * 0.1,
    }).toEqual({ readers: true, mostlyPrivate: true });
  });

  it('returns a few code buckets, one per team, shared by most applications', () => {
    // Assess
    const { shared, applications } = description.sharedCodeBuckets;
    expect({
      fewBuckets: shared >= 10 && shared <= 24,
      mostApplications: share(applications) >= 0.85,
    }).toEqual({
      fewBuckets: true,
      mostApplications: true,
    });
  });

  it('returns an AWS managed Kinesis key per region besides customer keys, and one uncovered region', () => {
    // Assess
    expect({
      awsManaged: description.keys.awsManaged,
      customerKeys: description.keys.customerManaged >= 10,
      trails: description.trails,
      regionsWithoutTrailCoverage: description.regionsWithoutTrailCoverage,
      deliveryStreams: description.deliveryStreams > 0,
    }).toEqual({
      awsManaged: 10,
      customerKeys: true,
      trails: 10,
      regionsWithoutTrailCoverage: ['sa-east-1'],
      deliveryStreams: true,
    });
  });
});
