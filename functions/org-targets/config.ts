import * as z from 'zod';
import { parseEnvironment, SHARED_ENVIRONMENT } from '../scan/config.js';

/** The organisation targets function's settings, read once from its environment at cold start. */
export interface OrgTargetsConfig {
  /** The function's own region: the report bucket lives here, and `'all'` regions are this one's view. */
  region: string;
  reportBucket: string;
  reportPrefix: string;
  scanRegions: readonly string[] | 'all';
  /** Account ids; empty means every account. */
  includeAccounts: readonly string[];
  /** Account ids never scanned. */
  excludeAccounts: readonly string[];
  /** The Distributed Map's MaxConcurrency (child executions at once). */
  maxConcurrency: number;
  /** The Distributed Map's ToleratedFailurePercentage. */
  toleratedFailurePercentage: number;
}

const ACCOUNT_ID = /^\d{12}$/;

/** Comma-separated 12-digit account ids; empty (or unset) means none. */
export function accountIdList() {
  return z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((id) => id.trim())
        .filter(Boolean),
    )
    .superRefine((ids, context) => {
      for (const id of ids.filter((entry) => !ACCOUNT_ID.test(entry)))
        context.addIssue({
          code: 'custom',
          message: `"${id}" is not a 12-digit account id (expected comma-separated ids such as 111122223333,444455556666)`,
        });
    });
}

const environmentSchema = z.object({
  AWS_REGION: SHARED_ENVIRONMENT.AWS_REGION,
  REPORT_BUCKET: SHARED_ENVIRONMENT.REPORT_BUCKET,
  REPORT_PREFIX: SHARED_ENVIRONMENT.REPORT_PREFIX,
  SCAN_REGIONS: SHARED_ENVIRONMENT.SCAN_REGIONS,
  INCLUDE_ACCOUNTS: accountIdList(),
  EXCLUDE_ACCOUNTS: accountIdList(),
  // Step Functions accepts 0 (no limit) to 10000; 0 is refused here so a fleet never floods Lambda.
  MAP_MAX_CONCURRENCY: z.coerce
    .number({ error: 'must be a number of child executions' })
    .int('must be a whole number of child executions')
    .min(1, 'must be at least 1')
    .max(10000, 'must be at most 10000 (the Distributed Map limit)')
    .default(20),
  TOLERATED_FAILURE_PERCENTAGE: z.coerce
    .number({ error: 'must be a percentage' })
    .min(0, 'must be at least 0')
    .max(100, 'must be at most 100')
    .default(10),
});

/** Reads and validates the function's environment; throws ConfigurationError naming every variable at fault. */
export function readOrgTargetsConfig(env: Record<string, string | undefined>): OrgTargetsConfig {
  const data = parseEnvironment(environmentSchema, env);
  return {
    region: data.AWS_REGION,
    reportBucket: data.REPORT_BUCKET,
    reportPrefix: data.REPORT_PREFIX,
    scanRegions: data.SCAN_REGIONS,
    includeAccounts: data.INCLUDE_ACCOUNTS,
    excludeAccounts: data.EXCLUDE_ACCOUNTS,
    maxConcurrency: data.MAP_MAX_CONCURRENCY,
    toleratedFailurePercentage: data.TOLERATED_FAILURE_PERCENTAGE,
  };
}
