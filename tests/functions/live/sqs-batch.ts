/** SQS batches as the Lambda event source mapping delivers them, and a context, for the live function's tests. */
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';

/** The invocation context the live function receives. */
export const LIVE_CONTEXT: Context = {
  callbackWaitsForEmptyEventLoop: true,
  functionName: 'kda-auditor-live',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:eu-west-1:111122223333:function:kda-auditor-live',
  memoryLimitInMB: '1024',
  awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e812345678',
  logGroupName: '/aws/lambda/kda-auditor-live',
  logStreamName: '2026/11/29/[$LATEST]0123456789abcdef',
  getRemainingTimeInMillis: () => 300_000,
  done: () => {},
  fail: () => {},
  succeed: () => {},
};

/** One SQS record whose body is the given text (an EventBridge event, JSON-encoded, in production). */
export function sqsRecord(body: string, messageId = 'msg-1'): SQSRecord {
  return {
    messageId,
    receiptHandle: `receipt-${messageId}`,
    body,
    attributes: {
      ApproximateReceiveCount: '1',
      SentTimestamp: '1796047203000',
      SenderId: 'AIDAEXAMPLESENDER',
      ApproximateFirstReceiveTimestamp: '1796047203010',
    },
    messageAttributes: {},
    md5OfBody: '0',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:eu-west-1:111122223333:kda-auditor-live',
    awsRegion: 'eu-west-1',
  };
}

/** An SQS batch of the given bodies; objects are JSON-encoded, strings sent as they are. */
export function sqsBatch(...bodies: (object | string)[]): SQSEvent {
  return {
    Records: bodies.map((body, index) =>
      sqsRecord(typeof body === 'string' ? body : JSON.stringify(body), `msg-${index + 1}`),
    ),
  };
}
