/** The fake STS, EC2 and Managed Service for Apache Flink APIs. */
import { DescribeRegionsCommand } from '@aws-sdk/client-ec2';
import { DescribeApplicationCommand, ListApplicationsCommand } from '@aws-sdk/client-kinesis-analytics-v2';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { type Answer, awsError, type FakeAccount, page } from './fake-wire.js';

/** Answers STS, EC2 DescribeRegions (every snapshot region) and the Flink application APIs. */
export function fakeIdentityAndApplications(
  stubs: { sts: object; ec2: object; kinesisAnalytics: object },
  account: FakeAccount,
  answer: Answer,
  applicationsPerPage: number,
): void {
  const { snapshot, partition } = account;
  answer(stubs.sts, GetCallerIdentityCommand, () => ({
    Account: snapshot.accountId,
    Arn: `arn:${partition}:sts::${snapshot.accountId}:assumed-role/kda-auditor/scan`,
    UserId: 'AROAFAKE:scan',
  }));
  answer(stubs.ec2, DescribeRegionsCommand, () => ({
    Regions: Object.keys(snapshot.regions ?? {}).map((RegionName) => ({
      RegionName,
      OptInStatus: 'opt-in-not-required',
    })),
  }));
  answer(stubs.kinesisAnalytics, ListApplicationsCommand, (input: { NextToken?: string }, region) => {
    const applications = snapshot.regions?.[region]?.applications ?? [];
    const { items, next } = page(applications, input.NextToken, applicationsPerPage);
    return {
      ApplicationSummaries: items.map((application) => ({
        ApplicationName: application.ApplicationName,
        ApplicationARN: application.ApplicationARN,
        ApplicationStatus: application.ApplicationStatus,
        ApplicationVersionId: application.ApplicationVersionId,
        RuntimeEnvironment: application.RuntimeEnvironment,
      })),
      ...(next ? { NextToken: next } : {}),
    };
  });
  answer(stubs.kinesisAnalytics, DescribeApplicationCommand, (input: { ApplicationName: string }, region) => {
    const application = snapshot.regions?.[region]?.applications?.find(
      (candidate) => candidate.ApplicationName === input.ApplicationName,
    );
    if (!application)
      throw awsError('ResourceNotFoundException', `Application ${input.ApplicationName} not found`);
    return { ApplicationDetail: application };
  });
}
