import { type Page, paginate } from '../state.js';
import { AwsServiceError, type OperationContext } from '../types.js';
import { integerParam } from './query-wire.js';

/** One page of an IAM list: MaxItems (1–1000, default 100), Marker, IsTruncated. */
export function iamPage<T>(
  items: readonly T[],
  params: URLSearchParams,
  context: OperationContext,
): { items: T[]; IsTruncated: boolean; Marker?: string } {
  const limit = integerParam(params, 'MaxItems', { min: 1, max: 1000 });
  let page: Page<T>;
  try {
    page = paginate(items, {
      token: params.get('Marker') ?? undefined,
      limit,
      defaultLimit: 100,
      state: context.state,
      invalidTokenCode: 'ValidationError',
    });
  } catch (error) {
    // IAM words a foreign marker its own way.
    if (error instanceof AwsServiceError) throw new AwsServiceError(error.code, 'Invalid Marker.');
    throw error;
  }
  return { items: page.items, IsTruncated: page.nextToken !== undefined, Marker: page.nextToken };
}
