import { paginate } from '../state.js';
import { AwsServiceError, type JsonService, type OperationContext } from '../types.js';
import { requiredString } from './json-input.js';
import { guard, regionSection } from './lookups.js';

// ListApplications refuses a Limit above 50; it is also the page size when none is asked for.
const MAX_APPLICATIONS = 50;

/** Managed Service for Apache Flink (Kinesis Analytics v2): applications as DescribeApplication returns them. */
export const kinesisAnalyticsService: JsonService = {
  signingName: 'kinesisanalytics',
  targetPrefixes: ['KinesisAnalytics_20180523'],
  operations: {
    ListApplications(input, context) {
      guard(context, 'kinesisanalytics:ListApplications', undefined);
      const page = paginate(regionSection(context).applications ?? [], {
        token: input.NextToken,
        limit: input.Limit,
        defaultLimit: MAX_APPLICATIONS,
        state: context.state,
        invalidTokenCode: 'InvalidRequestException',
      });
      return {
        ApplicationSummaries: page.items.map((application) => ({
          ApplicationName: application.ApplicationName,
          ApplicationARN: application.ApplicationARN,
          ApplicationStatus: application.ApplicationStatus,
          ApplicationVersionId: application.ApplicationVersionId,
          RuntimeEnvironment: application.RuntimeEnvironment,
          ApplicationMode: application.ApplicationMode,
        })),
        ...(page.nextToken ? { NextToken: page.nextToken } : {}),
      };
    },
    DescribeApplication(input, context) {
      const name = requiredString(input, 'ApplicationName', 'InvalidArgumentException');
      const application = (regionSection(context).applications ?? []).find(
        (candidate) => candidate.ApplicationName === name,
      );
      guard(
        context,
        'kinesisanalytics:DescribeApplication',
        application?.ApplicationARN ?? applicationArn(context, name),
      );
      if (!application) {
        throw new AwsServiceError('ResourceNotFoundException', `Application ${name} is not found.`);
      }
      return { ApplicationDetail: application };
    },
  },
};

function applicationArn(context: OperationContext, name: string): string {
  const { partition, accountId } = context.state;
  return `arn:${partition}:kinesisanalytics:${context.region}:${accountId}:application/${name}`;
}
