import type { RegionSnapshot } from '../../shared/snapshot/types.js';
import { AwsServiceError, type OperationContext } from '../types.js';

/** Fails the call as the snapshot recorded it (AccessDenied and the like), if it did. */
export function guard(context: OperationContext, operation: string, resource: string | undefined): void {
  const failure = context.state.recordedFailure(operation, resource, context.region);
  if (failure) throw failure;
}

/** The snapshot's section for the request's region (empty when the region holds nothing). */
export function regionSection(context: OperationContext): RegionSnapshot {
  return context.state.snapshot.regions?.[context.region] ?? {};
}

/** The stream ARN a Kinesis request names, by StreamARN or StreamName in the request's region. */
export function streamArnOf(input: Record<string, unknown>, context: OperationContext): string {
  if (typeof input.StreamARN === 'string') return input.StreamARN;
  if (typeof input.StreamName === 'string') {
    const { partition, accountId } = context.state;
    return `arn:${partition}:kinesis:${context.region}:${accountId}:stream/${input.StreamName}`;
  }
  throw new AwsServiceError('InvalidArgumentException', 'Either StreamName or StreamARN must be given.');
}
