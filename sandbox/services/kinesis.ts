import { paginate } from '../state.js';
import { AwsServiceError, type JsonService } from '../types.js';
import { guard, regionSection, streamArnOf } from './lookups.js';

/** Kinesis Data Streams: stream summaries as DescribeStreamSummary returns them. */
export const kinesisService: JsonService = {
  signingName: 'kinesis',
  targetPrefixes: ['Kinesis_20131202'],
  operations: {
    DescribeStreamSummary(input, context) {
      const arn = streamArnOf(input, context);
      guard(context, 'kinesis:DescribeStreamSummary', arn);
      const stream = context.state.index.stream(arn);
      if (!stream) {
        throw new AwsServiceError(
          'ResourceNotFoundException',
          `Stream ${arn.split('/').pop()} under account ${context.state.accountId} not found.`,
        );
      }
      return { StreamDescriptionSummary: stream };
    },
    ListStreams(input, context) {
      guard(context, 'kinesis:ListStreams', undefined);
      const streams = regionSection(context).streams ?? [];
      const page = paginate(streams, {
        token: input.NextToken,
        limit: input.Limit,
        defaultLimit: 100,
        state: context.state,
        invalidTokenCode: 'InvalidArgumentException',
      });
      return {
        StreamNames: page.items.map((stream) => stream.StreamName),
        StreamSummaries: page.items.map((stream) => ({
          StreamName: stream.StreamName,
          StreamARN: stream.StreamARN,
          StreamStatus: stream.StreamStatus,
          StreamModeDetails: stream.StreamModeDetails,
          StreamCreationTimestamp: stream.StreamCreationTimestamp,
        })),
        HasMoreStreams: page.nextToken !== undefined,
        ...(page.nextToken ? { NextToken: page.nextToken } : {}),
      };
    },
  },
};
