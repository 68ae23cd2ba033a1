import type { CollectionError } from './types.js';

/** The read that lists a region's applications: without its answer, the region may hold any application. */
export const LIST_APPLICATIONS = 'kinesisanalytics:ListApplications';

/** The read that describes one application: without its answer, its role and properties are unknown. */
export const DESCRIBE_APPLICATION = 'kinesisanalytics:DescribeApplication';

/**
 * Whether listing the applications failed in `region` (an error that names no region covers every
 * one), or in any region when `region` is not given.
 */
export function listingFailed(
  errors: readonly Pick<CollectionError, 'operation' | 'region'>[],
  region?: string,
): boolean {
  return errors.some(
    (error) =>
      error.operation === LIST_APPLICATIONS &&
      (region === undefined || error.region === undefined || error.region === region),
  );
}
