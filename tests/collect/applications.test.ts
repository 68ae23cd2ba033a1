import { DescribeApplicationCommand, ListApplicationsCommand } from '@aws-sdk/client-kinesis-analytics-v2';
import { afterEach, describe, expect, it } from 'vitest';
import { CallGovernor } from '../../shared/aws/governor.js';
import { collectApplications } from '../../shared/collect/applications.js';
import { account, application, REGION } from './support/account-builders.js';
import { fakeAws, restoreAws } from './support/fake-aws.js';
import { awsError } from './support/fake-wire.js';
import { scanContext } from './support/scan-context.js';

describe('Function: collectApplications', () => {
  afterEach(() => restoreAws());

  it('returns the applications of every ListApplications page, described', async () => {
    // Prepare
    const applications = [application('a'), application('b'), application('c')];
    const stubs = fakeAws(account({ regions: { [REGION]: { applications } } }), { applications: 2 });
    const context = scanContext();

    // Act
    const collected = await collectApplications(context, REGION);

    // Assess
    expect(collected).toEqual(applications);
    expect(stubs.kinesisAnalytics).toHaveReceivedCommandTimes(ListApplicationsCommand, 2);
    expect(stubs.kinesisAnalytics).toHaveReceivedNthCommandWith(ListApplicationsCommand, 2, {
      NextToken: '2',
    });
    expect(context.errors).toEqual([]);
  });

  it('describes the applications of a page while the next page is still being listed', async () => {
    // Prepare: the second page answers only once an application of the first is described (or after 2 s)
    const applications = [application('a'), application('b'), application('c')];
    const stubs = fakeAws(account({ regions: { [REGION]: { applications } } }), { applications: 2 });
    let firstDescribed: () => void = () => {};
    const described = new Promise<void>((resolve) => {
      firstDescribed = resolve;
    });
    let describedBeforeSecondPage = false;
    stubs.kinesisAnalytics.on(DescribeApplicationCommand).callsFake(async ({ ApplicationName }) => {
      firstDescribed();
      return { ApplicationDetail: applications.find((app) => app.ApplicationName === ApplicationName) };
    });
    stubs.kinesisAnalytics.on(ListApplicationsCommand, { NextToken: '2' }).callsFake(async () => {
      describedBeforeSecondPage = await Promise.race([
        described.then(() => true),
        new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 2_000)),
      ]);
      const { ApplicationName, ApplicationARN } = applications[2] ?? {};
      return { ApplicationSummaries: [{ ApplicationName, ApplicationARN }] };
    });

    // Act
    const collected = await collectApplications(scanContext(), REGION);

    // Assess
    expect(describedBeforeSecondPage).toBe(true);
    expect(collected).toEqual(applications);
  });

  it('leaves out the applications of a region whose listing fails after its first page', async () => {
    const applications = [application('a'), application('b'), application('c')];
    const stubs = fakeAws(account({ regions: { [REGION]: { applications } } }), { applications: 2 });
    stubs.kinesisAnalytics
      .on(ListApplicationsCommand, { NextToken: '2' })
      .rejects(awsError('ThrottlingException', 'Rate exceeded'));
    const context = scanContext();

    const collected = await collectApplications(context, REGION);

    expect(collected).toEqual([]);
    expect(context.errors.map(({ operation, code }) => `${operation} ${code}`)).toEqual([
      'kinesisanalytics:ListApplications ThrottlingException',
    ]);
  });

  it('returns an application it cannot describe as its summary, with the failure recorded', async () => {
    // Prepare
    const app = application('secret-app');
    const stubs = fakeAws(account({ regions: { [REGION]: { applications: [app] } } }));
    stubs.kinesisAnalytics
      .on(DescribeApplicationCommand)
      .rejects(
        awsError(
          'AccessDeniedException',
          'User is not authorized to perform: kinesisanalytics:DescribeApplication',
        ),
      );
    const context = scanContext();

    // Act
    const collected = await collectApplications(context, REGION);

    // Assess
    expect(collected).toEqual([
      {
        ApplicationName: 'secret-app',
        ApplicationARN: app.ApplicationARN,
        ApplicationStatus: 'RUNNING',
        ApplicationVersionId: 1,
        RuntimeEnvironment: 'FLINK-1_20',
      },
    ]);
    expect(context.errors).toEqual([
      {
        operation: 'kinesisanalytics:DescribeApplication',
        resource: app.ApplicationARN,
        region: REGION,
        code: 'AccessDeniedException',
        message: 'User is not authorized to perform: kinesisanalytics:DescribeApplication',
      },
    ]);
  });

  it('returns no application, with the failure recorded, when the region cannot be listed', async () => {
    // Prepare
    const stubs = fakeAws(account({ regions: { [REGION]: { applications: [application('a')] } } }));
    stubs.kinesisAnalytics.on(ListApplicationsCommand).rejects(awsError('AccessDeniedException', 'denied'));
    const context = scanContext();

    // Act
    const collected = await collectApplications(context, REGION);

    // Assess
    expect(collected).toEqual([]);
    expect(context.errors).toEqual([
      {
        operation: 'kinesisanalytics:ListApplications',
        region: REGION,
        code: 'AccessDeniedException',
        message: 'denied',
      },
    ]);
  });

  it('returns nothing for an application deleted between the list and the describe', async () => {
    // Prepare
    const stubs = fakeAws(account({ regions: { [REGION]: { applications: [application('gone')] } } }));
    stubs.kinesisAnalytics.on(DescribeApplicationCommand).rejects(awsError('ResourceNotFoundException'));
    const context = scanContext();

    // Act
    const collected = await collectApplications(context, REGION);

    // Assess
    expect(collected).toEqual([]);
    expect(context.errors).toEqual([]);
  });

  it('keeps the name and ARN of the list summary when a describe answer lacks them', async () => {
    // Prepare: an emulator's DescribeApplication without ApplicationName
    const app = application('nameless');
    const stubs = fakeAws(account({ regions: { [REGION]: { applications: [app] } } }));
    const { ApplicationName: _name, ...withoutName } = app;
    stubs.kinesisAnalytics
      .on(DescribeApplicationCommand)
      .resolves({ ApplicationDetail: withoutName as never });
    const context = scanContext();

    // Act
    const collected = await collectApplications(context, REGION);

    // Assess
    expect(collected).toEqual([app]);
  });
});

describe('Function: collectApplications (applications read first)', () => {
  afterEach(() => restoreAws());

  it('describes the applications to read first before the others, and returns them in list order', async () => {
    // Prepare: one describe at a time, so the order the calls start in is the order they are sent.
    const applications = [application('a'), application('b'), application('c'), application('d')];
    const stubs = fakeAws(account({ regions: { [REGION]: { applications } } }));
    const context = { ...scanContext(), governor: new CallGovernor({ default: 1 }) };
    const first = new Set([applications[2]?.ApplicationARN ?? '', applications[3]?.ApplicationARN ?? '']);

    // Act
    const collected = await collectApplications(context, REGION, undefined, first);

    // Assess
    const described = stubs.kinesisAnalytics
      .commandCalls(DescribeApplicationCommand)
      .map((call) => call.args[0].input.ApplicationName);
    expect(described).toEqual(['c', 'd', 'a', 'b']);
    expect(collected).toEqual(applications);
  });
});
