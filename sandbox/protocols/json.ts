import { randomUUID } from 'node:crypto';
import { AwsServiceError, type JsonService, type OperationContext, type SandboxResponse } from '../types.js';

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/;

/** Answers an awsJson1_1 request (`X-Amz-Target: Prefix.Operation`). */
export function handleJson(service: JsonService, target: string, context: OperationContext): SandboxResponse {
  const dot = target.lastIndexOf('.');
  const prefix = target.slice(0, dot);
  const name = target.slice(dot + 1);
  const operation = service.targetPrefixes.includes(prefix) ? service.operations[name] : undefined;
  if (!operation) {
    return jsonError(
      new AwsServiceError(
        'UnknownOperationException',
        `Operation ${target} is not supported by the sandbox.`,
      ),
    );
  }
  let input: Record<string, unknown>;
  try {
    const text = context.request.body.toString('utf8');
    input = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    return jsonError(new AwsServiceError('SerializationException', 'The request body is not valid JSON.'));
  }
  try {
    const output = operation(input, context) ?? {};
    return {
      status: 200,
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': randomUUID() },
      body: JSON.stringify(output, epochTimestamps),
    };
  } catch (error) {
    if (error instanceof AwsServiceError) return jsonError(error);
    throw error;
  }
}

/** An error in awsJson's shape: `__type` and `message`, with the error's HTTP status. */
export function jsonError(error: AwsServiceError): SandboxResponse {
  return {
    status: error.status,
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amzn-requestid': randomUUID(),
      'x-amzn-errortype': error.code,
    },
    body: JSON.stringify({ __type: error.code, message: error.message }),
  };
}

// Fields that AWS models as strings although they hold ISO 8601 times (CloudTrail GetTrailStatus).
const STRING_TIME_FIELDS = new Set([
  'TimeLoggingStarted',
  'TimeLoggingStopped',
  'LatestDeliveryAttemptTime',
  'LatestNotificationAttemptTime',
  'LatestNotificationAttemptSucceeded',
  'LatestDeliveryAttemptSucceeded',
]);

// awsJson sends timestamps as epoch seconds; the snapshot keeps them as ISO 8601 strings.
function epochTimestamps(key: string, value: unknown): unknown {
  if (typeof value === 'string' && !STRING_TIME_FIELDS.has(key) && ISO_TIMESTAMP.test(value)) {
    const millis = Date.parse(value);
    if (!Number.isNaN(millis)) return millis / 1000;
  }
  return value;
}
